import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import YAML from 'yaml';
import type { CountersignApi } from '../../shared/api';
import type { ApiResult } from '../../shared/errors';
import type { DraftSummary } from '../../shared/model';
import type { Workstation } from '../../electron/core/workstation';
import { testCoreFile } from '../core/core-entry';
import { openWorkstation } from '../core/open-workstation';
import { tempDir } from '../temp-dir';
import { ElectronStandIn, settle, type StandInBrowserWindow, type StandInOptions, type StandInUtilityProcess } from './electron-stand-in';

// electron/desktop/main.ts loaded against the stand-in `electron` module,
// which throws where Electron's documented order is broken. Each test starts
// a fresh "process": a new stand-in, a fresh module registry, its own data
// directory (COUNTERSIGN_DATA_DIR). No Electron window runs, but the core
// does: main.ts's utilityProcess.fork starts the core bundled for this run
// (tests/build-core.ts) as a real child process, and the MessagePort main.ts
// hands it is bridged to the child's IPC channel (electron-stand-in.ts), so
// every call below crosses a process boundary to the real core.

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

interface Launched {
  electron: ElectronStandIn;
  dataDir: string;
  settingsFile: string;
}

interface LaunchOptions {
  settings?: unknown;
  dataDir?: string;
  /** Writes to the store (a workstation in this process, as the CLI would) before the app starts. */
  seed?: (ws: Workstation) => Promise<void>;
  standIn?: Partial<StandInOptions>;
  before?: (electron: ElectronStandIn) => void;
}

let running: ElectronStandIn | null = null;

/** Starts the desktop app's main process in a fresh stand-in, up to (not including) `ready`. */
async function launch(options: LaunchOptions = {}): Promise<Launched> {
  vi.resetModules();
  const dataDir = options.dataDir ?? tempDir();
  const settingsFile = path.join(dataDir, 'settings.json');
  if (options.settings !== undefined) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(settingsFile, typeof options.settings === 'string' ? options.settings : JSON.stringify(options.settings));
  }
  if (options.seed) {
    const { ws } = await openWorkstation(dataDir);
    try {
      await options.seed(ws);
    } finally {
      await ws.close();
    }
  }
  const electron = new ElectronStandIn({ userData: path.join(tempDir(), 'Electron default userData'), preferredSystemLanguages: ['zh-CN'], ...options.standIn });
  h.electron = electron;
  running = electron;
  vi.stubEnv('COUNTERSIGN_DATA_DIR', dataDir);
  options.before?.(electron);
  await import('../../electron/desktop/main');
  return { electron, dataDir, settingsFile };
}

/** Launches, emits `ready`, and waits for the start to end: the core running and the window open, or the app exiting. */
async function start(options: LaunchOptions = {}): Promise<Launched> {
  const launched = await launch(options);
  await launched.electron.emitReady();
  await until(() => launched.electron.windows.length > 0 || launched.electron.quitting !== null, 'the window or the exit');
  return launched;
}

/** The window's `window.countersign`: the real preload, in the stand-in's renderer (the first window). */
async function loadPreload(electron: ElectronStandIn): Promise<CountersignApi> {
  await import('../../electron/desktop/preload');
  return electron.exposed.countersign as CountersignApi;
}

/** Waits until `done()` holds, polling; fails naming `what` after `ms`. */
async function until(done: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The payloads of one event the main process sent a window, in order. */
const eventsOf = (win: StandInBrowserWindow, name: string): unknown[] => win.webContents.sent.filter((s) => s.channel === `event:${name}`).map((s) => s.args[0]);
const statesOf = (win: StandInBrowserWindow): string[] => eventsOf(win, 'coreStatus').map((p) => (p as { state: string }).state);

/** The core the app started (the first, or the restarted one). */
const coreOf = (electron: ElectronStandIn, index = 0): StandInUtilityProcess => {
  const core = electron.utilityProcesses[index];
  if (!core) throw new Error(`no utility process #${index}`);
  return core;
};

const twoProfiles = {
  profiles: [
    { name: 'Zhang Wei', role: 'executive', createdAt: '2026-01-01T00:00:00.000Z' },
    { name: 'Li Na', role: 'reviewer', createdAt: '2026-01-01T00:00:00.000Z' },
  ],
  lastProfile: 'Li Na',
};
const asExecutive = { ...twoProfiles, lastProfile: 'Zhang Wei' };

/** Drafts submitted by Zhang Wei from the terminal's side, before the app starts. */
const submitted =
  (count: number, approve = 0) =>
  async (ws: Workstation): Promise<void> => {
    const exec = ws.profiles.require('Zhang Wei');
    const reviewer = ws.profiles.require('Li Na');
    for (let i = 0; i < count; i++) {
      const draft = await ws.drafts.act('submit', exec, { platform: 'weibo', text: `新品发布会预告，第 ${i + 1} 条。`, purpose: 'product' });
      if (i < approve) await ws.drafts.act('approve', reviewer, { id: draft.id });
    }
  };

const stoppedCode = 'error.coreStopped';

afterEach(async () => {
  const electron = running;
  running = null;
  if (electron) {
    // Let the process end as the app would (the core stops and closes its files), then make sure no child outlives the test.
    if (!electron.quitting) electron.module.app.quit();
    await until(() => electron.quitting !== null, 'the app to quit', 12_000).catch(() => undefined);
    await electron.endProcesses();
  }
  h.electron = null;
  vi.unstubAllEnvs();
  await settle();
});

describe('desktop main process start-up (stand-in electron, the real core)', () => {
  it('does everything in the documented order and opens one locked-down, sandboxed window on app://', async () => {
    const { electron, dataDir } = await launch({ settings: twoProfiles });
    expect(electron.module.app.getPath('userData')).toBe(dataDir);
    expect(electron.sandboxEnabled).toBe(true);
    expect(electron.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(electron.lock).toEqual({ userData: dataDir });
    expect(electron.windows).toEqual([]);
    expect(electron.utilityProcesses).toEqual([]);

    await electron.emitReady();
    await until(() => electron.windows.length > 0 || electron.quitting !== null, 'the window');
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

  it('the theme the core reads from the settings is the native theme', async () => {
    const { electron } = await start({ settings: { ...twoProfiles, theme: 'dark' } });
    expect(electron.errorBoxes).toEqual([]);
    expect(electron.themeSource).toBe('dark');
  });

  it('an invalid settings value ({"theme":"sepia"}): the core fails to start, the dialog names the file and the key, and the app exits, freeing the lock', async () => {
    const { electron, settingsFile } = await start({ settings: { theme: 'sepia' } });
    await until(() => electron.quitting !== null, 'the exit');
    expect(electron.errorBoxes).toHaveLength(1);
    expect(electron.errorBoxes[0]?.content).toContain(settingsFile);
    expect(electron.errorBoxes[0]?.content).toContain('“theme”');
    // The message is the core's own, from its `failed` message.
    const core = coreOf(electron);
    expect(core.sentByChild('failed')).toEqual([{ type: 'failed', message: electron.errorBoxes[0]?.content }]);
    expect(electron.windows).toEqual([]);
    expect(electron.quitting).toEqual({ how: 'exit', code: 1 });
    // The next launch is not swallowed by a lock nobody releases, and no core is left behind.
    expect(electron.secondLaunch()).toBe(true);
    await core.exited;
    expect(electron.utilityProcesses).toHaveLength(1);
  });

  it('a failure anywhere in the ready chain is shown and exits instead of leaving a windowless process', async () => {
    const { electron } = await start({
      settings: twoProfiles,
      // Something else already answers a channel: registering the app's handlers throws inside start-up.
      before: (e) => e.module.ipcMain.handle('getSession', () => null),
    });
    expect(electron.errorBoxes).toHaveLength(1);
    expect(electron.errorBoxes[0]?.content).toContain("second handler for 'getSession'");
    expect(electron.windows).toEqual([]);
    expect(electron.quitting).toEqual({ how: 'exit', code: 1 });
    expect(electron.secondLaunch()).toBe(true);
    // The core it had started goes with the process; nothing restarts it.
    await coreOf(electron).exited;
    await settle();
    expect(electron.utilityProcesses).toHaveLength(1);
  });

  it("an unreadable settings file (not JSON) gets the CLI's message, naming the file and what to do, not a raw SyntaxError", async () => {
    const { electron, dataDir, settingsFile } = await start({ settings: '{"profiles": [' });
    await until(() => electron.quitting !== null, 'the exit');
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
    await until(() => electron.windows.length > 0 || electron.quitting !== null, 'the window');
    expect(electron.errorBoxes).toEqual([]);
    expect(electron.windows).toHaveLength(1);
    // The core serves that directory.
    expect(coreOf(electron).args).toEqual(['--data-dir', dataDir, '--command', 'the Countersign app']);
    expect(fs.existsSync(path.join(dataDir, 'drafts.journal.jsonl'))).toBe(true);
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
    expect(electron.utilityProcesses).toEqual([]);
  });

  it("sets the Windows AppUserModelID to electron-builder's appId, before any window, so notifications show", async () => {
    const { appId } = YAML.parse(fs.readFileSync(path.resolve(__dirname, '../../electron-builder.yml'), 'utf8')) as { appId: string };
    const { electron } = await start({ settings: twoProfiles });
    expect(electron.appUserModelId).toBe(appId);
    expect(electron.calls.indexOf('app.setAppUserModelId')).toBeLessThan(electron.calls.indexOf('new BrowserWindow'));
  });
});

describe('the core in its own process (stand-in electron, the real core over a bridged MessagePort)', () => {
  it("starts the core as a utility process after ready, hands it a MessagePort, and relays a window's call to it", async () => {
    const { electron, dataDir, settingsFile } = await start({ settings: twoProfiles });
    const { calls } = electron;
    expect(calls.indexOf('(ready)')).toBeGreaterThanOrEqual(0);
    expect(calls.indexOf('utilityProcess.fork')).toBeGreaterThan(calls.indexOf('(ready)'));
    expect(calls.indexOf('new BrowserWindow')).toBeGreaterThan(calls.indexOf('utilityProcess.fork'));
    expect(electron.utilityProcesses).toHaveLength(1);
    const core = coreOf(electron);
    // main.ts forks core.js beside itself; from source that is the core bundled for the tests.
    expect(core.modulePath).toBe(path.resolve(__dirname, '../../electron/desktop/core.js'));
    expect(core.file).toBe(testCoreFile);
    expect(core.args).toEqual(['--data-dir', dataDir, '--command', 'the Countersign app']);
    expect(core.pid).toBeGreaterThan(0);
    expect(core.pid).not.toBe(process.pid);
    // Exactly one message to the process itself, carrying one port; everything else goes over that port.
    expect(core.received).toHaveLength(1);
    expect(core.received[0]?.ports).toHaveLength(1);
    expect(core.sentByChild('ready')).toEqual([{ type: 'ready', theme: 'system' }]);

    const win = electron.windows[0]!;
    const id = win.webContents.id;
    const api = await loadPreload(electron);
    const profiles = await api.listProfiles({});
    expect(profiles).toMatchObject({ ok: true, value: [{ name: 'Zhang Wei' }, { name: 'Li Na' }] });
    // The window was announced (with the system's languages) before its first call.
    expect(core.sentToChild().map((m) => m.type)).toEqual(['open', 'call']);
    expect(core.sentToChild('open')).toEqual([{ type: 'open', window: id, systemLanguages: ['zh-CN', 'en-US'] }]);
    const [call] = core.sentToChild('call');
    expect(call).toMatchObject({ type: 'call', window: id, channel: 'listProfiles', payload: {} });
    expect(core.sentByChild('result')).toContainEqual({ type: 'result', id: call?.id, result: profiles });
    // The window's session lives in the core: the system languages it was told, the profile switched there and written by it.
    expect(await api.getPreferences({})).toMatchObject({ ok: true, value: { systemLocale: 'zh-Hans' } });
    expect(await api.switchProfile({ name: 'Zhang Wei' })).toMatchObject({ ok: true, value: { profile: { name: 'Zhang Wei' } } });
    expect(JSON.parse(fs.readFileSync(settingsFile, 'utf8'))).toMatchObject({ lastProfile: 'Zhang Wei' });
    const draft = await api.submitDraft({ platform: 'x', text: 'Launch day is Tuesday.' });
    expect(draft).toMatchObject({ ok: true, value: { status: 'pending', author: 'Zhang Wei' } });
    expect(fs.readFileSync(path.join(dataDir, 'drafts.journal.jsonl'), 'utf8')).toContain('Launch day is Tuesday.');
  });

  it('refuses a call from an untrusted sender, or one failing the schema, without it reaching the core', async () => {
    const { electron, settingsFile } = await start({ settings: twoProfiles });
    const core = coreOf(electron);
    const api = await loadPreload(electron);
    const settingsBefore = fs.readFileSync(settingsFile, 'utf8');
    const evil = new electron.module.BrowserWindow({ show: false });
    await evil.loadURL('https://evil.example/');
    const local = new electron.module.BrowserWindow({ show: false });
    await local.loadURL('file:///tmp/page.html');
    for (const contents of [evil.webContents, local.webContents]) {
      for (const [channel, request] of [
        ['addProfile', { name: 'Mallory', role: 'admin' }],
        ['switchProfile', { name: 'Zhang Wei' }],
        ['listDrafts', {}],
      ] as const) {
        expect(await electron.invoke(channel, contents, request), `${channel} from ${contents.getURL()}`).toMatchObject({ ok: false, error: { code: 'error.untrustedSender' } });
      }
      expect(await electron.invoke('desktop:saveLog', contents, { format: 'csv' })).toMatchObject({ ok: false, error: { code: 'error.untrustedSender' } });
    }
    // From the app's own window, but not what the contract allows.
    expect(await api.submitDraft({ platform: 'myspace', text: 'x' } as never)).toMatchObject({ ok: false, error: { kind: 'invalid', code: 'error.invalidRequest' } });
    // A trusted call afterwards: it is the only one the core ever saw (the port delivers in order).
    expect(await api.getSession({})).toMatchObject({ ok: true });
    expect(core.sentToChild('call').map((c) => c.channel)).toEqual(['getSession']);
    expect(core.sentToChild('host')).toEqual([]);
    expect(fs.readFileSync(settingsFile, 'utf8')).toBe(settingsBefore);
    expect(electron.dialogs).toEqual([]);
  });

  it('getWaitingCount answered by the core sets the dock / taskbar badge', async () => {
    const { electron } = await start({ settings: twoProfiles, seed: submitted(3) });
    const api = await loadPreload(electron);
    expect(electron.badgeCount).toBe(0);
    expect(await api.getWaitingCount({})).toEqual({ ok: true, value: { count: 3 } });
    expect(electron.badgeCount).toBe(3);
    const pending = await api.listDrafts({ status: 'pending' });
    if (!pending.ok) throw new Error('listDrafts failed');
    expect(await api.approveDraft({ id: pending.value[0]!.id })).toMatchObject({ ok: true, value: { status: 'approved' } });
    expect(await api.getWaitingCount({})).toEqual({ ok: true, value: { count: 2 } });
    expect(electron.badgeCount).toBe(2);
    // A failed answer (the profiles damaged since start) leaves the badge as it was.
    const settingsFile = path.join(electron.module.app.getPath('userData'), 'settings.json');
    fs.writeFileSync(settingsFile, JSON.stringify({ ...twoProfiles, profiles: [{ name: 'Li Na', role: 'king', createdAt: 'now' }] }));
    expect(await api.getWaitingCount({})).toMatchObject({ ok: false, error: { kind: 'corrupt' } });
    expect(electron.badgeCount).toBe(2);
  });

  it('changes made by another process (the CLI, a second workstation) reach the window as events, and a notification shows on the desktop', async () => {
    const { electron, dataDir } = await start({ settings: twoProfiles });
    const win = electron.windows[0]!;
    const api = await loadPreload(electron);
    const seen: string[] = [];
    api.events.profilesChanged(() => seen.push('profilesChanged'));
    api.events.draftsChanged(() => seen.push('draftsChanged'));
    api.events.notification(() => seen.push('notification'));
    // The reviewer is looking elsewhere: a notification goes to the desktop too.
    win.blur();

    const { ws } = await openWorkstation(dataDir);
    try {
      ws.profiles.add({ name: 'Wang Fang', role: 'executive' }, 'terminal');
      await ws.drafts.act('submit', ws.profiles.require('Wang Fang'), { platform: 'weibo', text: '感谢客户的反馈。', purpose: 'product' });
    } finally {
      await ws.close();
    }
    await until(() => seen.includes('profilesChanged') && seen.includes('draftsChanged') && seen.includes('notification'), 'the events (the core polls every 750 ms)');
    expect(eventsOf(win, 'profilesChanged').length).toBeGreaterThan(0);
    const [batch] = eventsOf(win, 'notification');
    expect(batch).toBeTruthy();
    await until(() => electron.notifications.some((n) => n.shown), 'the desktop notification');
    expect(electron.notifications.filter((n) => n.shown)).toHaveLength(1);
    expect(electron.notifications[0]?.title).not.toBe('');
    // What the window reads next is the core's new state.
    expect(await api.listProfiles({})).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ name: 'Wang Fang' })]) });
  });

  it('saves the log through the core: the dialog in the main process, the file written by the core, PDF printed and the report removed', async () => {
    const out = tempDir();
    const csvFile = path.join(out, 'log.csv');
    const { electron } = await start({ settings: twoProfiles, seed: submitted(2, 2), standIn: { saveDialogAnswer: { canceled: false, filePath: csvFile } } });
    const api = await loadPreload(electron);
    const core = coreOf(electron);
    const csv = await api.desktop!.saveLog({ format: 'csv' });
    expect(csv).toMatchObject({ ok: true, value: { canceled: false, file: csvFile, records: 2 } });
    expect(fs.readFileSync(csvFile, 'utf8')).toContain('新品发布会预告');
    expect(electron.dialogs.map((d) => d.kind)).toEqual(['showSaveDialog']);

    const pdfFile = path.join(out, 'log.pdf');
    electron.options.saveDialogAnswer = { canceled: false, filePath: pdfFile };
    const pdf = await api.desktop!.saveLog({ format: 'pdf' });
    expect(pdf).toMatchObject({ ok: true, value: { canceled: false, file: pdfFile, records: 2 } });
    // The stand-in's printToPDF bytes, across the port as a typed array, written by the core.
    expect(fs.readFileSync(pdfFile, 'utf8')).toBe('%PDF-1.7 stand-in');
    const operations = core.sentToChild('host').map((m) => m.operation);
    expect(operations).toEqual(['checkLogAccess', 'exportToFile', 'checkLogAccess', 'exportReport', 'writeFile', 'removeReport']);
    const report = core.sentToChild('host').find((m) => m.operation === 'removeReport')?.input as { file: string };
    expect(fs.existsSync(report.file)).toBe(false);

    // An executive is refused by the core before any dialog opens.
    expect(await api.switchProfile({ name: 'Zhang Wei' })).toMatchObject({ ok: true });
    expect(await api.desktop!.saveLog({ format: 'csv' })).toMatchObject({ ok: false, error: { kind: 'refused', code: 'error.logReviewersOnly' } });
    expect(electron.dialogs).toHaveLength(2);
  });
});

describe('a crashing core (stand-in electron, the real core killed with SIGKILL)', () => {
  it('is restarted once: windows are told, calls in flight answer coreStopped, every acknowledged write is in the journal; a second crash is final', async () => {
    const { electron, dataDir } = await start({ settings: asExecutive });
    const win = electron.windows[0]!;
    const other = new electron.module.BrowserWindow({ show: false });
    await other.loadURL('app://countersign/index.html');
    const api = await loadPreload(electron);
    const first = coreOf(electron);

    // Many writes in flight; the core dies in the middle of them.
    const answers: ApiResult<DraftSummary>[] = [];
    const calls = Array.from({ length: 300 }, (_, i) =>
      api.submitDraft({ platform: 'weibo', text: `第 ${i + 1} 条：下周发布会的预告。`, purpose: 'product' }).then((answer) => {
        answers.push(answer);
        return answer;
      }),
    );
    await until(() => answers.filter((a) => a.ok).length >= 25, 'some writes to be acknowledged');
    expect(first.crash()).toBe(true);
    const all = await Promise.all(calls);

    const acknowledged = all.filter((a): a is { ok: true; value: DraftSummary } => a.ok).map((a) => a.value.id);
    const stopped = all.filter((a) => !a.ok);
    expect(acknowledged.length).toBeGreaterThanOrEqual(25);
    expect(stopped.length, 'some calls were still in flight when the core died').toBeGreaterThan(0);
    for (const answer of stopped) expect(answer).toMatchObject({ ok: false, error: { kind: 'internal', code: stoppedCode } });

    // Both windows hear it stop and restart; a new core is forked.
    await until(() => statesOf(win).includes('restarted') && statesOf(other).includes('restarted'), 'the restart');
    expect(statesOf(win)).toEqual(['restarting', 'restarted']);
    expect(statesOf(other)).toEqual(['restarting', 'restarted']);
    expect(await first.exited).toBe(process.platform === 'win32' ? 1 : 137);
    expect(electron.utilityProcesses).toHaveLength(2);
    const second = coreOf(electron, 1);
    expect(second.pid).not.toBe(first.pid);
    // Windows read everything again.
    expect(eventsOf(win, 'draftsChanged').length).toBeGreaterThan(0);

    // The restarted core answers, both windows, and has every acknowledged draft.
    const listed = await api.listDrafts({});
    if (!listed.ok) throw new Error(`listDrafts: ${listed.error.message}`);
    const ids = new Set(listed.value.map((d) => d.id));
    for (const id of acknowledged) expect(ids.has(id), id).toBe(true);
    expect(ids.size).toBeLessThanOrEqual(300);
    expect(await electron.invoke('getSession', other.webContents, {})).toMatchObject({ ok: true, value: { profile: { name: 'Zhang Wei' } } });
    expect(await api.submitDraft({ platform: 'x', text: 'After the restart.' })).toMatchObject({ ok: true, value: { status: 'pending' } });

    // The journal itself, opened afresh in this process: every acknowledged write is there.
    const { ws } = await openWorkstation(dataDir);
    try {
      for (const id of acknowledged) expect((await ws.drafts.get(id)).status, id).toBe('pending');
      expect((await ws.drafts.list()).length).toBe(ids.size + 1);
    } finally {
      await ws.close();
    }

    // A second crash is final: the windows are told, nothing is forked again, calls answer coreUnavailable.
    const inFlight = api.listDrafts({});
    expect(second.crash()).toBe(true);
    await until(() => statesOf(win).includes('failed'), 'the failed status');
    expect(statesOf(win)).toEqual(['restarting', 'restarted', 'failed']);
    expect(statesOf(other)).toEqual(['restarting', 'restarted', 'failed']);
    expect(await inFlight).toMatchObject({ ok: false });
    expect(await api.getSession({})).toMatchObject({ ok: false, error: { kind: 'internal', code: 'error.coreUnavailable' } });
    expect(await electron.invoke('listProfiles', other.webContents, {})).toMatchObject({ ok: false, error: { code: 'error.coreUnavailable' } });
    await settle();
    expect(electron.utilityProcesses).toHaveLength(2);
    // Quitting does not wait for a core that is gone.
    electron.module.app.quit();
    await until(() => electron.quitting !== null, 'the exit');
    expect(electron.quitting).toEqual({ how: 'exit', code: 0 });
  }, 60_000);
});

describe('quitting (stand-in electron, the real core)', () => {
  it('sends stop, lets the core finish what it has in hand and exit by itself, and only then exits', async () => {
    const { electron, dataDir } = await start({ settings: asExecutive });
    const api = await loadPreload(electron);
    const core = coreOf(electron);
    const inHand = api.submitDraft({ platform: 'x', text: 'Sent just before quitting.' });
    await until(() => core.sentToChild('call').length === 1, 'the call to reach the core');

    electron.module.app.quit();
    // will-quit was held back: the app has not exited, the core is still running.
    expect(electron.quitting).toBeNull();
    expect(core.exitCode).toBeNull();
    await until(() => core.sentToChild('stop').length === 1, 'the stop message');
    expect(await core.exited).toBe(0);
    await until(() => electron.quitting !== null, 'the exit');
    expect(electron.quitting).toEqual({ how: 'exit', code: 0 });
    expect(electron.calls.indexOf('utilityProcess exit(0)')).toBeLessThan(electron.calls.indexOf('app.exit(0)'));
    expect(electron.lock).toBeNull();

    // The call in hand was finished and answered; it is in the journal; the write lock was released.
    const answer = await inHand;
    expect(answer).toMatchObject({ ok: true, value: { status: 'pending' } });
    const { ws } = await openWorkstation(dataDir);
    try {
      expect((await ws.drafts.list()).map((d) => d.id)).toEqual([answer.ok ? answer.value.id : '']);
    } finally {
      await ws.close();
    }
    expect(fs.existsSync(path.join(dataDir, 'countersign.lock'))).toBe(false);
  });
});

describe('desktop permissions (stand-in electron)', () => {
  it("grants clipboard-sanitized-write (Copy on the Log screen) to the app's window on app://countersign, and nothing else to anyone", async () => {
    const { electron } = await start({ settings: twoProfiles });
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
    const { electron, settingsFile } = await start({ settings: twoProfiles });
    const api = await loadPreload(electron);
    fs.writeFileSync(settingsFile, JSON.stringify({ ...twoProfiles, lastProfile: 42 }));
    // A window whose session the core makes at its first call, after the damage (the first window's was made when it opened).
    const later = new electron.module.BrowserWindow({ show: false });
    await later.loadURL('app://countersign/index.html');
    const session = (await electron.invoke('getSession', later.webContents, {})) as ApiResult<unknown>;
    expect(session).toMatchObject({ ok: false, error: { kind: 'corrupt', code: 'error.corruptSettings' } });
    expect(!session.ok && session.error.message).toContain('“lastProfile”');
    expect(await electron.invoke('listDrafts', later.webContents, {})).toMatchObject({ ok: false, error: { kind: 'corrupt' } });
    // The core is still there: once the file is mended, the windows answer.
    fs.writeFileSync(settingsFile, JSON.stringify(twoProfiles));
    expect(await electron.invoke('getSession', later.webContents, {})).toMatchObject({ ok: true });
    expect(await api.getSession({})).toMatchObject({ ok: true });
    expect(electron.utilityProcesses).toHaveLength(1);
  });

  it('the preload turns a rejected invoke into an error result, as the browser bridge does', async () => {
    const { electron } = await start({ settings: twoProfiles });
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
