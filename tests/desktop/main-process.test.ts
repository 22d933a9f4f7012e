import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import YAML from 'yaml';
import type { CountersignApi } from '../../shared/api';
import { tempDir } from '../temp-dir';
import { ElectronStandIn, settle } from './electron-stand-in';

// electron/desktop/main.ts loaded against the stand-in `electron` module,
// which throws where Electron's documented order is broken. Each test starts
// a fresh "process": a new stand-in, a fresh module registry, its own data
// directory (COUNTERSIGN_DATA_DIR). None of this runs a real Electron window.

const h = vi.hoisted(() => ({ electron: null as null | { module: Record<string, unknown> } }));

// Every property read goes to the current test's stand-in, whatever module registry asked.
vi.mock('electron', () => {
  const current = () => {
    if (!h.electron) throw new Error('no stand-in for this test');
    return h.electron.module;
  };
  const names = ['app', 'protocol', 'session', 'nativeTheme', 'dialog', 'Notification', 'shell', 'ipcMain', 'ipcRenderer', 'contextBridge', 'webContents', 'BrowserWindow', 'MessageChannelMain', 'utilityProcess'];
  return Object.defineProperties({}, Object.fromEntries(names.map((name) => [name, { enumerable: true, get: () => current()[name] }])));
});

// electron-store imports `electron` from node_modules, which vitest does not
// route through the mock. With `cwd` given, its constructor is exactly this
// (electron-store 11, index.js): Conf with `configName` = `name`.
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  class ElectronStore extends Conf<Record<string, unknown>> {
    constructor(options: { name?: string; cwd: string }) {
      const { name = 'config', ...rest } = options;
      super({ ...rest, configName: name });
    }
  }
  return { default: ElectronStore };
});

interface Launched {
  electron: ElectronStandIn;
  dataDir: string;
  settingsFile: string;
}

let running: ElectronStandIn | null = null;

/** Starts the desktop app's main process in a fresh stand-in, up to (not including) `ready`. */
async function launch(options: { settings?: unknown; dataDir?: string; before?: (electron: ElectronStandIn) => void } = {}): Promise<Launched> {
  vi.resetModules();
  const dataDir = options.dataDir ?? tempDir();
  const settingsFile = path.join(dataDir, 'settings.json');
  if (options.settings !== undefined) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(settingsFile, typeof options.settings === 'string' ? options.settings : JSON.stringify(options.settings));
  }
  const electron = new ElectronStandIn({ userData: path.join(tempDir(), 'Electron default userData'), preferredSystemLanguages: ['zh-CN'] });
  h.electron = electron;
  running = electron;
  vi.stubEnv('COUNTERSIGN_DATA_DIR', dataDir);
  options.before?.(electron);
  await import('../../electron/desktop/main');
  return { electron, dataDir, settingsFile };
}

/** The window's `window.countersign`: the real preload, in the stand-in's renderer. */
async function loadPreload(electron: ElectronStandIn): Promise<CountersignApi> {
  await import('../../electron/desktop/preload');
  return electron.exposed.countersign as CountersignApi;
}

const twoProfiles = {
  profiles: [
    { name: 'Zhang Wei', role: 'executive', createdAt: '2026-01-01T00:00:00.000Z' },
    { name: 'Li Na', role: 'reviewer', createdAt: '2026-01-01T00:00:00.000Z' },
  ],
  lastProfile: 'Li Na',
};

afterEach(async () => {
  // Let the process end as the app would, closing the core's files.
  if (running && !running.quitting) running.module.app.quit();
  running = null;
  h.electron = null;
  vi.unstubAllEnvs();
  await settle();
});

describe('desktop main process start-up (stand-in electron)', () => {
  it('does everything in the documented order and opens one locked-down, sandboxed window on app://', async () => {
    const { electron, dataDir } = await launch({ settings: twoProfiles });
    expect(electron.module.app.getPath('userData')).toBe(dataDir);
    expect(electron.sandboxEnabled).toBe(true);
    expect(electron.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(electron.lock).toEqual({ userData: dataDir });
    expect(electron.windows).toEqual([]);

    await electron.emitReady();
    expect(electron.errorBoxes).toEqual([]);
    expect(electron.windows).toHaveLength(1);
    const [win] = electron.windows;
    expect(win?.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(win?.webContents.getURL()).toBe('app://countersign/index.html');
    expect(win?.isVisible()).toBe(true);
    expect(electron.themeSource).toBe('system');
    // Navigation and new windows are refused; the second launch brings the window forward.
    expect(win?.webContents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(win?.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(electron.openedExternally).toEqual(['https://example.com/']);
    win?.minimize();
    expect(electron.secondLaunch()).toBe(false);
    expect(win?.isMinimized()).toBe(false);

    const api = await loadPreload(electron);
    expect(await api.getSession({})).toMatchObject({ ok: true, value: { profile: { name: 'Li Na' } } });
  });

  it('an invalid settings value ({"theme":"sepia"}) is reported with the file and the key, and the app exits, freeing the lock', async () => {
    const { electron, settingsFile } = await launch({ settings: { theme: 'sepia' } });
    await electron.emitReady();
    expect(electron.errorBoxes).toHaveLength(1);
    expect(electron.errorBoxes[0]?.content).toContain(settingsFile);
    expect(electron.errorBoxes[0]?.content).toContain('“theme”');
    expect(electron.windows).toEqual([]);
    expect(electron.quitting).toEqual({ how: 'exit', code: 1 });
    // The next launch is not swallowed by a lock nobody releases.
    expect(electron.secondLaunch()).toBe(true);
  });

  it('a failure anywhere in the ready chain is shown and exits instead of leaving a windowless process', async () => {
    const { electron } = await launch({
      settings: twoProfiles,
      // Something else already answers a channel: registering the app's handlers throws inside start-up.
      before: (e) => e.module.ipcMain.handle('getSession', () => null),
    });
    await electron.emitReady();
    expect(electron.errorBoxes).toHaveLength(1);
    expect(electron.errorBoxes[0]?.content).toContain("second handler for 'getSession'");
    expect(electron.windows).toEqual([]);
    expect(electron.quitting).toEqual({ how: 'exit', code: 1 });
    expect(electron.secondLaunch()).toBe(true);
  });




  it('an unreadable settings file (not JSON) gets the CLI\'s message, naming the file and what to do, not a raw SyntaxError', async () => {
    const { electron, dataDir, settingsFile } = await launch({ settings: '{"profiles": [' });
    await electron.emitReady();
    const { openNodeSettings } = await import('../../electron/core/settings');
    const cli = (() => {
      try {
        openNodeSettings(dataDir);
      } catch (err) {
        return (err as Error).message;
      }
      return 'the CLI opened it';
    })();
    expect(cli).toContain(settingsFile);
    expect(electron.errorBoxes.map((b) => b.content)).toEqual([cli]);
    expect(electron.errorBoxes[0]?.content).not.toMatch(/^SyntaxError/);
    expect(electron.errorBoxes[0]?.content).toContain('move the file aside');
    expect(electron.quitting).toEqual({ how: 'exit', code: 1 });
  });

  it('creates a data directory that does not exist yet before app.setPath (which throws on a missing one)', async () => {
    const dataDir = path.join(tempDir(), 'new', 'Countersign data');
    const { electron } = await launch({ dataDir });
    expect(fs.statSync(dataDir).isDirectory()).toBe(true);
    expect(electron.module.app.getPath('userData')).toBe(dataDir);
    await electron.emitReady();
    expect(electron.errorBoxes).toEqual([]);
    expect(electron.windows).toHaveLength(1);
  });

  it('a data directory that cannot be created is shown before ready, and the app exits without taking the lock', async () => {
    const file = path.join(tempDir(), 'a file');
    fs.writeFileSync(file, '');
    const { electron } = await launch({ dataDir: path.join(file, 'data') });
    expect(electron.errorBoxes).toHaveLength(1);
    expect(electron.errorBoxes[0]?.content).toContain(path.join(file, 'data'));
    expect(electron.quitting).toEqual({ how: 'exit', code: 1 });
    expect(electron.lock).toBeNull();
    expect(electron.calls).not.toContain('app.requestSingleInstanceLock');
  });

  it('sets the Windows AppUserModelID to electron-builder\'s appId, before any window, so notifications show', async () => {
    const { appId } = YAML.parse(fs.readFileSync(path.resolve(__dirname, '../../electron-builder.yml'), 'utf8')) as { appId: string };
    const { electron } = await launch({ settings: twoProfiles });
    await electron.emitReady();
    expect(electron.appUserModelId).toBe(appId);
    expect(electron.calls.indexOf('app.setAppUserModelId')).toBeLessThan(electron.calls.indexOf('new BrowserWindow'));
  });
});

describe('desktop permissions (stand-in electron)', () => {
  it('grants clipboard-sanitized-write (Copy on the Log screen) to the app\'s window on app://countersign, and nothing else to anyone', async () => {
    const { electron } = await launch({ settings: twoProfiles });
    await electron.emitReady();
    const contents = electron.windows[0]!.webContents;
    const page = { requestingUrl: 'app://countersign/index.html', isMainFrame: true };
    expect(await electron.requestPermission(contents, 'clipboard-sanitized-write', page)).toBe(true);
    expect(electron.checkPermission(contents, 'clipboard-sanitized-write', 'app://countersign', page)).toBe(true);

    for (const permission of ['clipboard-read', 'notifications', 'media', 'geolocation', 'openExternal', 'fullscreen']) {
      expect(await electron.requestPermission(contents, permission, page), permission).toBe(false);
      expect(electron.checkPermission(contents, permission, 'app://countersign', page), permission).toBe(false);
    }
    // Another origin, a subframe, no web contents, or a window not showing the app page.
    expect(await electron.requestPermission(contents, 'clipboard-sanitized-write', { requestingUrl: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(await electron.requestPermission(contents, 'clipboard-sanitized-write', { ...page, isMainFrame: false })).toBe(false);
    expect(electron.checkPermission(contents, 'clipboard-sanitized-write', 'https://evil.example', { requestingUrl: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(electron.checkPermission(contents, 'clipboard-sanitized-write', 'app://other', { requestingUrl: 'app://other/', isMainFrame: true })).toBe(false);
    expect(electron.checkPermission(null, 'clipboard-sanitized-write', 'app://countersign', page)).toBe(false);
    const report = new electron.module.BrowserWindow({ show: false });
    await report.loadURL('file:///tmp/report.html');
    expect(await electron.requestPermission(report.webContents, 'clipboard-sanitized-write', page)).toBe(false);
  });
});

describe('desktop IPC (stand-in electron, the real preload)', () => {
  it('an invalid lastProfile written after start makes calls answer an error result, not reject', async () => {
    const { electron, settingsFile } = await launch({ settings: twoProfiles });
    await electron.emitReady();
    fs.writeFileSync(settingsFile, JSON.stringify({ ...twoProfiles, lastProfile: 42 }));
    const api = await loadPreload(electron);
    const session = await api.getSession({});
    expect(session).toMatchObject({ ok: false, error: { kind: 'corrupt', code: 'error.corruptSettings' } });
    expect(!session.ok && session.error.message).toContain('“lastProfile”');
    expect(await api.listDrafts({})).toMatchObject({ ok: false, error: { kind: 'corrupt' } });
  });

  it('the preload turns a rejected invoke into an error result, as the browser bridge does', async () => {
    const { electron } = await launch({ settings: twoProfiles });
    await electron.emitReady();
    electron.module.ipcMain.removeHandler('listDrafts');
    electron.module.ipcMain.removeHandler('desktop:saveLog');
    const api = await loadPreload(electron);
    const drafts = await api.listDrafts({});
    expect(drafts).toMatchObject({ ok: false, error: { kind: 'internal', code: 'error.internal' } });
    expect(!drafts.ok && drafts.error.message).toContain("No handler registered for 'listDrafts'");
    expect(await api.desktop?.saveLog({ format: 'pdf' })).toMatchObject({ ok: false, error: { kind: 'internal', code: 'error.internal' } });
    expect(await api.getSession({})).toMatchObject({ ok: true });
  });
});
