import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testCoreFile } from '../core/core-entry';
import { tempDir } from '../temp-dir';
import { defaultUtilityModule, ElectronRuleError, ElectronStandIn, rules, settle, type RuleId } from './electron-stand-in';

// The stand-in is only worth something if it refuses what Electron refuses:
// one test per rule, each showing the broken order throws and the right one
// does not.

const world = () => new ElectronStandIn({ userData: path.join(tempDir(), 'Countersign') });

function ruleOf(run: () => unknown): RuleId {
  try {
    run();
  } catch (err) {
    if (err instanceof ElectronRuleError) return err.rule;
    throw err;
  }
  throw new Error('expected an ElectronRuleError');
}

describe('the electron stand-in enforces Electron\'s documented order', () => {
  it('app.setPath: the directory must exist; userData/sessionData only before ready and before the single-instance lock', async () => {
    const w = world();
    const { app } = w.module;
    const missing = path.join(tempDir(), 'not', 'there');
    expect(ruleOf(() => app.setPath('userData', missing))).toBe('app.setPath.missing-directory');
    fs.mkdirSync(missing, { recursive: true });
    app.setPath('userData', missing);
    expect(app.getPath('userData')).toBe(missing);
    expect(app.getPath('sessionData')).toBe(missing);
    expect(ruleOf(() => app.getPath('nonsense'))).toBe('app.getPath.unknown');

    expect(app.requestSingleInstanceLock()).toBe(true);
    expect(ruleOf(() => app.setPath('userData', tempDir()))).toBe('app.setPath.user-data-after-lock');
    // Other paths may still move.
    app.setPath('documents', tempDir());

    const later = world();
    await later.emitReady();
    expect(ruleOf(() => later.module.app.setPath('userData', tempDir()))).toBe('app.setPath.session-after-ready');
    expect(ruleOf(() => later.module.app.setPath('sessionData', tempDir()))).toBe('app.setPath.session-after-ready');
  });

  it('app.enableSandbox only before ready; app.getLocale only after', async () => {
    const w = world();
    w.module.app.enableSandbox();
    expect(w.sandboxEnabled).toBe(true);
    expect(ruleOf(() => w.module.app.getLocale())).toBe('app.getLocale.before-ready');
    await w.emitReady();
    expect(w.module.app.getLocale()).toBe('en-US');
    expect(ruleOf(() => w.module.app.enableSandbox())).toBe('app.enableSandbox.after-ready');
  });

  it('app.setAppUserModelId before any window or notification is shown', async () => {
    const w = world();
    w.module.app.setAppUserModelId('com.example.app');
    await w.emitReady();
    const hidden = new w.module.BrowserWindow({ show: false });
    w.module.app.setAppUserModelId('com.example.app');
    hidden.show();
    expect(ruleOf(() => w.module.app.setAppUserModelId('com.example.app'))).toBe('app.setAppUserModelId.after-ui');

    const n = world();
    await n.emitReady();
    new n.module.Notification({ title: 't', body: 'b' }).show();
    expect(ruleOf(() => n.module.app.setAppUserModelId('x'))).toBe('app.setAppUserModelId.after-ui');
  });

  it('protocol.registerSchemesAsPrivileged only before ready and only once; protocol.handle only after ready, once per scheme', async () => {
    const w = world();
    const { protocol } = w.module;
    const handler = () => new Response('hi');
    expect(ruleOf(() => protocol.handle('app', handler))).toBe('protocol.handle.before-ready');
    protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true } }]);
    expect(ruleOf(() => protocol.registerSchemesAsPrivileged([{ scheme: 'other' }]))).toBe('protocol.registerSchemesAsPrivileged.twice');
    await w.emitReady();
    const late = world();
    await late.emitReady();
    expect(ruleOf(() => late.module.protocol.registerSchemesAsPrivileged([{ scheme: 'app' }]))).toBe('protocol.registerSchemesAsPrivileged.after-ready');
    protocol.handle('app', handler);
    expect(ruleOf(() => protocol.handle('app', handler))).toBe('protocol.handle.twice');
    expect(await (await w.fetch('app://countersign/x')).text()).toBe('hi');
  });

  it('session.defaultSession, BrowserWindow, dialogs other than showErrorBox and utilityProcess.fork only after ready', async () => {
    const w = world();
    const m = w.module;
    expect(ruleOf(() => m.session.defaultSession)).toBe('session.defaultSession.before-ready');
    expect(ruleOf(() => new m.BrowserWindow())).toBe('BrowserWindow.before-ready');
    expect(ruleOf(() => m.dialog.showMessageBox({ message: 'x' }))).toBe('dialog.before-ready');
    expect(ruleOf(() => m.dialog.showSaveDialog({}))).toBe('dialog.before-ready');
    expect(ruleOf(() => m.utilityProcess.fork('/core.js'))).toBe('utilityProcess.fork.before-ready');
    m.dialog.showErrorBox('Countersign', 'early trouble');
    expect(w.errorBoxes).toEqual([{ title: 'Countersign', content: 'early trouble' }]);
    expect(w.windows).toEqual([]);

    await w.emitReady();
    m.session.defaultSession.setPermissionCheckHandler(() => false);
    expect(w.checkPermission(null, 'media', 'app://countersign')).toBe(false);
    const win = new m.BrowserWindow({ show: false });
    expect(m.BrowserWindow.getAllWindows()).toEqual([win]);
    await expect(m.dialog.showSaveDialog({})).resolves.toEqual({ canceled: true });
    const child = m.utilityProcess.fork(echoChild());
    expect(child.modulePath).toBe(child.file);
    child.kill();
    const code = await child.exited;
    expect(w.calls.slice(w.calls.indexOf('(ready)')).filter((c) => c.startsWith('utilityProcess'))).toEqual(['utilityProcess.fork', `utilityProcess exit(${code})`]);
  });

  it('ipcMain.handle once per channel; a handler that throws rejects the renderer\'s invoke as Electron\'s does', async () => {
    const w = world();
    await w.emitReady();
    const win = new w.module.BrowserWindow();
    w.module.ipcMain.handle('ping', () => 'pong');
    expect(ruleOf(() => w.module.ipcMain.handle('ping', () => 'again'))).toBe('ipcMain.handle.twice');
    expect(await w.module.ipcRenderer.invoke('ping')).toBe('pong');
    w.module.ipcMain.handle('boom', () => {
      throw new TypeError('bad');
    });
    await expect(w.module.ipcRenderer.invoke('boom')).rejects.toThrow("Error invoking remote method 'boom': TypeError: bad");
    await expect(w.invoke('nothing', win.webContents)).rejects.toThrow("No handler registered for 'nothing'");
  });

  it('nativeTheme.themeSource takes system, light or dark only; contextBridge binds a key once', () => {
    const w = world();
    w.module.nativeTheme.themeSource = 'dark';
    expect(ruleOf(() => (w.module.nativeTheme.themeSource = 'sepia'))).toBe('nativeTheme.themeSource.value');
    expect(w.module.nativeTheme.themeSource).toBe('dark');
    w.module.contextBridge.exposeInMainWorld('api', {});
    expect(ruleOf(() => w.module.contextBridge.exposeInMainWorld('api', {}))).toBe('contextBridge.exposeInMainWorld.twice');
  });

  it('every rule is tested above and cites its documentation', async () => {
    const source = fs.readFileSync(new URL(import.meta.url), 'utf8');
    for (const [id, rule] of Object.entries(rules)) {
      expect(source, id).toContain(`'${id}'`);
      expect(rule.doc.length, id).toBeGreaterThan(30);
    }
    // The error says which rule and whether Electron itself would have thrown.
    const w = world();
    const err = (() => {
      try {
        new w.module.BrowserWindow();
      } catch (e) {
        return e as ElectronRuleError;
      }
    })();
    expect(err?.message).toContain('[BrowserWindow.before-ready]');
    expect(err?.electronThrows).toBe(true);
    expect(new ElectronRuleError('app.getLocale.before-ready', 'x').electronThrows).toBe(false);
    await settle();
  });
});

describe('the single-instance lock, quit and exit', () => {
  it('a second launch gets nothing while the first holds the lock, and is told; quit and exit release it', async () => {
    const w = world();
    const seen: string[][] = [];
    w.module.app.on('second-instance', (_e: unknown, argv: string[]) => seen.push(argv));
    expect(w.module.app.requestSingleInstanceLock()).toBe(true);
    expect(w.secondLaunch(['--again'])).toBe(false);
    expect(seen).toEqual([['--again']]);
    w.module.app.exit(1);
    expect(w.quitting).toEqual({ how: 'exit', code: 1 });
    expect(w.secondLaunch()).toBe(true);

    const q = world();
    await q.emitReady();
    const events: string[] = [];
    for (const name of ['before-quit', 'will-quit', 'quit', 'window-all-closed']) q.module.app.on(name, () => events.push(name));
    q.module.app.requestSingleInstanceLock();
    new q.module.BrowserWindow();
    q.module.app.quit();
    expect(events).toEqual(['before-quit', 'will-quit', 'quit']);
    expect(q.windows.every((win) => win.isDestroyed())).toBe(true);
    expect(q.lock).toBeNull();
  });

  it('exit emits neither before-quit nor will-quit', () => {
    const w = world();
    const events: string[] = [];
    for (const name of ['before-quit', 'will-quit']) w.module.app.on(name, () => events.push(name));
    w.module.app.exit(2);
    expect(events).toEqual([]);
  });
});

describe('message ports and utility processes', () => {
  it('a port queues messages until start(), clones them, and closing one end closes both', async () => {
    const w = world();
    const { port1, port2 } = new w.module.MessageChannelMain();
    const got: unknown[] = [];
    port2.on('message', (e: { data: unknown }) => got.push(e.data));
    const sent = { n: 1 };
    port1.postMessage(sent);
    await settle();
    expect(got).toEqual([]);
    port2.start();
    expect(got).toEqual([{ n: 1 }]);
    expect(got[0]).not.toBe(sent);
    let closed = 0;
    port1.on('close', () => closed++);
    port2.on('close', () => closed++);
    port2.close();
    expect(closed).toBe(2);
    port1.postMessage('dropped');
    expect(got).toHaveLength(1);
  });

  it('fork starts a real child (pid set on spawn) and bridges a transferred port to its IPC channel, both ways, by structured clone', async () => {
    const w = world();
    await w.emitReady();
    const child = w.module.utilityProcess.fork(echoChild(), ['--data-dir', '/d'], { serviceName: 'core', stdio: 'inherit' });
    const events: string[] = [];
    child.on('spawn', () => events.push('spawn'));
    child.on('exit', (code: number) => events.push(`exit ${code}`));
    expect(child.pid).toBeUndefined();
    await until(() => child.pid !== undefined);
    expect(events).toEqual(['spawn']);
    expect(child.pid).not.toBe(process.pid);
    // Before a port is handed over, what the child sends is the process object's `message`.
    const said: unknown[] = [];
    child.on('message', (m: unknown) => said.push(m));
    await until(() => said.length === 1);

    const { port1, port2 } = new w.module.MessageChannelMain();
    const got: unknown[] = [];
    port1.on('message', (e: { data: unknown }) => got.push(e.data));
    let closed = 0;
    port1.on('close', () => closed++);
    child.postMessage({ type: 'connect' }, [port2]);
    port1.start();
    expect(child.received).toEqual([{ message: { type: 'connect' }, ports: [port2] }]);
    port1.postMessage({ type: 'argv' });
    port1.postMessage({ type: 'echo', bytes: new Uint8Array([1, 2, 3]), at: new Date(0) });
    await until(() => got.length === 2);
    // The child really got them over Node IPC (its own argv, its own pid), typed arrays and dates intact.
    expect(got[0]).toEqual({ echo: { type: 'argv' }, argv: ['--data-dir', '/d'], pid: child.pid });
    expect(got[1]).toEqual({ echo: { type: 'echo', bytes: new Uint8Array([1, 2, 3]), at: new Date(0) } });
    expect(child.sentToChild('echo')).toHaveLength(1);
    expect(child.sentByChild()).toHaveLength(2);

    expect(child.kill()).toBe(true);
    const code = await child.exited;
    // SIGTERM: 128 + 15 on POSIX.
    expect(code).toBe(process.platform === 'win32' ? 1 : 143);
    expect(events).toEqual(['spawn', `exit ${code}`]);
    expect(child.pid).toBeUndefined();
    expect(closed).toBe(1);
    expect(child.kill()).toBe(false);
    expect(() => child.postMessage('late')).toThrow();
  });

  it('crash() kills with SIGKILL; a child that exits by itself reports its code', async () => {
    const w = world();
    await w.emitReady();
    const crashed = w.module.utilityProcess.fork(echoChild());
    await until(() => crashed.pid !== undefined);
    expect(crashed.crash()).toBe(true);
    expect(await crashed.exited).toBe(process.platform === 'win32' ? 1 : 137);

    const direct = w.module.utilityProcess.fork(echoChild());
    const said: unknown[] = [];
    direct.on('message', (m: unknown) => said.push(m));
    const exits: number[] = [];
    direct.on('exit', (code: number) => exits.push(code));
    await until(() => said.length === 1);
    expect(said).toEqual([{ hello: 'no port yet' }]);
    const { port1, port2 } = new w.module.MessageChannelMain();
    direct.postMessage(null, [port2]);
    port1.postMessage({ type: 'exit', code: 3 });
    expect(await direct.exited).toBe(3);
    expect(exits).toEqual([3]);
  });

  it('a fork of a core.js that does not exist (main.ts loaded from source) starts the core bundled for the tests; anything else as given', async () => {
    expect(defaultUtilityModule(path.resolve(__dirname, '../../electron/desktop/core.js'))).toBe(testCoreFile);
    expect(fs.existsSync(testCoreFile)).toBe(true);
    const script = echoChild();
    expect(defaultUtilityModule(script)).toBe(script);
    const w = world();
    await w.emitReady();
    // The real core, started without --data-dir, says so and exits.
    const core = w.module.utilityProcess.fork('/nowhere/core.js', []);
    expect(core.file).toBe(testCoreFile);
    const { port1, port2 } = new w.module.MessageChannelMain();
    core.postMessage({ type: 'connect' }, [port2]);
    const got: unknown[] = [];
    port1.on('message', (e: { data: unknown }) => got.push(e.data));
    port1.start();
    expect(await core.exited).toBe(2);
    expect(got).toEqual([{ type: 'failed', message: 'The core was started without --data-dir.' }]);
  });

  it('after app.exit the process is gone: its utility processes are killed, their events reach nobody, and nothing more is forked', async () => {
    const w = world();
    await w.emitReady();
    const child = w.module.utilityProcess.fork(echoChild());
    const events: string[] = [];
    child.on('exit', () => events.push('exit'));
    await until(() => child.pid !== undefined);
    w.module.app.exit(0);
    expect(await child.exited).toBe(process.platform === 'win32' ? 1 : 137);
    await settle();
    expect(events).toEqual([]);
    expect(() => w.module.utilityProcess.fork(echoChild())).toThrow('after the app quit or exited');
  });
});

/**
 * A child that answers over its IPC channel: `argv` with its argv and pid, `exit` by exiting with `code`,
 * anything else echoed; it greets first, and exits when its parent goes away.
 */
function echoChild(): string {
  const file = path.join(tempDir(), 'echo-child.js');
  fs.writeFileSync(
    file,
    `process.send({ hello: 'no port yet' });
process.on('message', (m) => {
  if (m && m.type === 'exit') process.exit(m.code);
  else if (m && m.type === 'argv') process.send({ echo: m, argv: process.argv.slice(2), pid: process.pid });
  else process.send({ echo: m });
});
process.on('disconnect', () => process.exit(0));
`,
  );
  return file;
}

/** Waits until `done()` holds (polling), or fails after `ms`. */
async function until(done: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
