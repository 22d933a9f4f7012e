import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { _electron, test as base, type Browser, type ElectronApplication, type Page, type TestInfo } from '@playwright/test';
import { findChromium, findElectron } from './browsers';

const root = path.resolve(__dirname, '..');
const cliJs = path.join(root, 'dist', 'cli.js');
const mainJs = path.join(root, 'dist', 'main.js');
const run = promisify(execFile);

export type HostKind = 'web' | 'electron';
export interface HostOptions {
  hostKind: HostKind;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** One Countersign instance on its own fresh data directory, driven through whichever host the project names. */
export interface CountersignApp {
  dataDir: string;
  page: Page;
  launch(): Promise<Page>;
  /** Stops the host and starts it again on the same data directory. */
  restart(): Promise<Page>;
  cli(args: string[]): Promise<CliResult>;
  /** Saves a screenshot of the current screen as a test artifact. */
  snap(name: string): Promise<void>;
  /** The desktop app's main process, in the electron project (to answer native dialogs); undefined in the browser host. */
  readonly electron: ElectronApplication | undefined;
}

interface Host {
  page: Page;
  electron?: ElectronApplication;
  stop(): Promise<void>;
}

async function startWebHost(dataDir: string, browser: Browser, testInfo: TestInfo): Promise<Host> {
  const child = spawn(process.execPath, [cliJs, 'serve', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await firstLine(child, 15_000).catch((err: Error) => {
    throw new Error(`countersign serve did not print its address: ${err.message}\n${stderr}`);
  });
  if (!/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/.test(url)) throw new Error(`unexpected first line from serve: ${url}`);
  const context = await browser.newContext({ locale: 'en-US', colorScheme: testInfo.project.use.colorScheme ?? 'light' });
  const page = await context.newPage();
  await page.goto(url);
  return {
    page,
    stop: async () => {
      await context.close();
      await stopChild(child);
    },
  };
}

async function startElectron(dataDir: string): Promise<Host> {
  // COUNTERSIGN_E2E_EXECUTABLE: a packaged test build (electron-builder.test.yml) runs its own app.asar;
  // otherwise npm's Electron runs dist/main.js.
  const packaged = process.env.COUNTERSIGN_E2E_EXECUTABLE;
  const app: ElectronApplication = await _electron.launch({
    ...(packaged ? { executablePath: path.resolve(packaged) } : { args: [mainJs] }),
    env: { ...process.env, COUNTERSIGN_DATA_DIR: dataDir, LANG: 'en_US.UTF-8' },
  });
  const page = await app.firstWindow();
  return { page, electron: app, stop: () => app.close() };
}

function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const timer = setTimeout(() => reject(new Error(`no output within ${timeoutMs} ms`)), timeoutMs);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with code ${code}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

let electronSkipPrinted = false;

export const test = base.extend<HostOptions & { app: CountersignApp }, { chromiumBrowser: () => Promise<Browser> }>({
  hostKind: ['web', { option: true }],

  // Launched on first use, so the electron project never starts a browser.
  chromiumBrowser: [
    async ({ playwright }, use) => {
      let browser: Promise<Browser> | undefined;
      await use(() => {
        browser ??= playwright.chromium.launch({
          executablePath: findChromium(),
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
        });
        return browser;
      });
      if (browser) await (await browser).close();
    },
    { scope: 'worker' },
  ],

  app: async ({ hostKind, chromiumBrowser }, use, testInfo) => {
    if (hostKind === 'electron') {
      const electron = findElectron();
      if ('missing' in electron) {
        const reason = `electron project skipped: no Electron binary on this machine (${electron.missing}). Download it with \`npx install-electron\` on a machine that can reach Electron's release host.`;
        if (!electronSkipPrinted) console.log(reason);
        electronSkipPrinted = true;
        testInfo.skip(true, reason);
      }
    }
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-e2e-'));
    const state: { host: Host | null } = { host: null };
    let shots = 0;
    const start = async () => (hostKind === 'web' ? startWebHost(dataDir, await chromiumBrowser(), testInfo) : startElectron(dataDir));
    const app: CountersignApp = {
      dataDir,
      get page() {
        if (!state.host) throw new Error('app.launch() first');
        return state.host.page;
      },
      get electron() {
        return state.host?.electron;
      },
      launch: async () => {
        state.host = await start();
        return state.host.page;
      },
      restart: async () => {
        await state.host?.stop();
        state.host = await start();
        return state.host.page;
      },
      cli: async (args) => {
        try {
          const { stdout, stderr } = await run(process.execPath, [cliJs, ...args, '--data-dir', dataDir]);
          return { code: 0, stdout, stderr };
        } catch (err) {
          const e = err as { code?: number; stdout?: string; stderr?: string };
          return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
        }
      },
      snap: async (name) => {
        shots += 1;
        const file = testInfo.outputPath(`${String(shots).padStart(2, '0')}-${name}.png`);
        await app.page.screenshot({ path: file, fullPage: true });
        // Listed in the report without a second copy of the file.
        testInfo.attachments.push({ name, path: file, contentType: 'image/png' });
      },
    };
    await use(app);
    await state.host?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
