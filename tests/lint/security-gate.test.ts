import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run lint:security` is only a gate if it fails where it must. These
// tests run the real script (electronegativity included) on tiny apps in
// temporary directories: a hardened one, the same with one HIGH mistake, and
// the same with a MEDIUM finding with and without its SECURITY.md row.
const run = promisify(execFile);
const script = path.resolve(__dirname, '../../scripts/lint-security.ts');

const hardenedMain = (webPreferences: string) => `import { app, BrowserWindow, session } from 'electron';

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  const win = new BrowserWindow({
    webPreferences: {
${webPreferences}
    },
  });
  void win.loadFile('index.html');
});
`;

const safePreferences = `      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',`;

// The classic template mistake: Node in a renderer without context isolation
// or sandbox. electronegativity 1.10.3 rates `contextIsolation: false` HIGH
// (and `sandbox: false` MEDIUM; it does not rate `nodeIntegration: true` on its own).
const insecurePreferences = safePreferences
  .replace('contextIsolation: true', 'contextIsolation: false')
  .replace('sandbox: true', 'sandbox: false')
  .replace('nodeIntegration: false', 'nodeIntegration: true');
const lineOf = (source: string, text: string) => source.split('\n').findIndex((l) => l.includes(text)) + 1;

const indexHtml = `<!doctype html>
<html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; object-src 'none'; base-uri 'none'" />
<title>fixture</title></head><body><script src="./app.js"></script></body></html>
`;

const made: string[] = [];

function fixture(webPreferences: string, securityMd?: string, main = hardenedMain(webPreferences)): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-gate-'));
  made.push(dir);
  fs.mkdirSync(path.join(dir, 'electron'));
  fs.mkdirSync(path.join(dir, 'renderer'));
  fs.writeFileSync(path.join(dir, 'electron', 'main.ts'), main);
  fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), indexHtml);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'fixture', main: 'main.js', devDependencies: { electron: '40.8.5' } }));
  if (securityMd !== undefined) fs.writeFileSync(path.join(dir, 'SECURITY.md'), securityMd);
  return dir;
}

interface GateRun {
  code: number;
  stdout: string;
}

async function gate(root: string): Promise<GateRun> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script, '--root', root], { timeout: 180_000 });
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

const results: Record<'clean' | 'high' | 'noNavigationLimit' | 'mediumUnexplained' | 'mediumExplained', GateRun> = {} as never;

beforeAll(async () => {
  const preload = `${safePreferences}\n      preload: 'preload.js',`;
  const withoutNavigationLimit = hardenedMain(safePreferences)
    .replace("  contents.on('will-navigate', (event) => event.preventDefault());\n", '')
    .replace("  contents.setWindowOpenHandler(() => ({ action: 'deny' }));\n", '');
  const [clean, high, noNavigationLimit, mediumUnexplained, mediumExplained] = await Promise.all([
    gate(fixture(safePreferences)),
    gate(fixture(insecurePreferences)),
    gate(fixture(safePreferences, undefined, withoutNavigationLimit)),
    gate(fixture(preload)),
    gate(
      fixture(
        preload,
        '| severity | check | file | why |\n|---|---|---|---|\n| MEDIUM | `PRELOAD_JS_CHECK` | `electron/main.ts` | the preload exposes one typed API |\n',
      ),
    ),
  ]);
  Object.assign(results, { clean, high, noNavigationLimit, mediumUnexplained, mediumExplained });
}, 240_000);

afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm run lint:security', () => {
  it('passes a hardened app with no HIGH or MEDIUM finding', () => {
    expect(results.clean.stdout).toMatch(/findings: HIGH 0, MEDIUM 0,/);
    expect(results.clean.stdout).toContain('PASS: lint:security');
    expect(results.clean.code).toBe(0);
  });

  it('fails on a HIGH finding and names the check and the line', () => {
    const line = lineOf(hardenedMain(insecurePreferences), 'contextIsolation: false');
    expect(line).toBe(12);
    expect(results.high.stdout).toMatch(new RegExp(`^HIGH\\s+\\S+\\s+CONTEXT_ISOLATION_JS_CHECK\\s+electron/main\\.ts:${line}:\\d+\\s+\\[FAIL\\]$`, 'm'));
    expect(results.high.stdout).toMatch(/^MEDIUM\s+\S+\s+SANDBOX_JS_CHECK\s+electron\/main\.ts:\d+:\d+\s+\[FAIL: not explained in SECURITY\.md\]$/m);
    expect(results.high.stdout).toContain('FAIL: lint:security');
    expect(results.high.code).toBe(1);
  });

  it('fails on a HIGH finding of a global check: no navigation or window-open limit anywhere', () => {
    expect(results.noNavigationLimit.stdout).toMatch(/^HIGH\s+\S+\s+LIMIT_NAVIGATION_GLOBAL_CHECK\s+N\/A\s+\[FAIL\]$/m);
    expect(results.noNavigationLimit.code).toBe(1);
  });

  it('fails on a MEDIUM finding that SECURITY.md does not explain', () => {
    expect(results.mediumUnexplained.stdout).toMatch(/^MEDIUM\s+\S+\s+PRELOAD_JS_CHECK\s+electron\/main\.ts:\d+:\d+\s+\[FAIL: not explained in SECURITY\.md\]$/m);
    expect(results.mediumUnexplained.code).toBe(1);
  });

  it('passes the same MEDIUM finding once SECURITY.md has a row for its check and file', () => {
    expect(results.mediumExplained.stdout).toMatch(/^MEDIUM\s+\S+\s+PRELOAD_JS_CHECK\s+electron\/main\.ts:\d+:\d+\s+\[explained in SECURITY\.md\]$/m);
    expect(results.mediumExplained.code).toBe(0);
  });
});
