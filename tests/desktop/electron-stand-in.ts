import { fork, type ChildProcess, type Serializable } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testCoreFile } from '../core/core-entry';

// A stand-in for the `electron` module in the main process (and, for the
// preload, `ipcRenderer` / `contextBridge`), for unit tests that load
// electron/desktop/main.ts with `vi.mock('electron', …)`. The Electron binary
// cannot run on our machines, so this is what stands between a main-process
// ordering defect and a green test run: every rule below comes from
// Electron's documentation (quoted from Electron 45.5.0's own definitions,
// node_modules/electron/electron.d.ts, which are generated from the docs at
// https://www.electronjs.org/docs/latest/api/) and throws when broken.
//
// Two kinds of rule, told apart by `ElectronRuleError.electronThrows`:
// - Electron itself throws there (BrowserWindow before ready, a scheme made
//   privileged after ready, a missing directory for setPath…): the stand-in
//   throws where Electron would;
// - the docs state the order but Electron silently does the wrong thing
//   (getLocale before ready, userData moved after the single-instance lock
//   was taken…): the stand-in throws anyway, so the defect fails a test
//   instead of shipping.
//
// It says nothing about a running Electron window: no page is rendered. It
// models the state the rules need and records what the code under test did,
// for the test to inspect. The one real thing it starts is a utility
// process: `utilityProcess.fork` forks the module with Node's
// child_process.fork, and a MessageChannelMain port handed to it is bridged
// to the child's IPC channel (see StandInUtilityProcess), so the real core
// (electron/core/process/core-main.ts, which speaks Node IPC when it has no
// `process.parentPort`) answers the main process's calls.

/** A broken ordering rule. */
export class ElectronRuleError extends Error {
  constructor(
    readonly rule: RuleId,
    message: string,
  ) {
    super(`${message} [${rule}]`);
    this.name = 'ElectronRuleError';
  }

  /** True where Electron itself throws; false where it silently misbehaves and only the stand-in throws. */
  get electronThrows(): boolean {
    return rules[this.rule].electronThrows;
  }
}

/** Every rule the stand-in enforces, with the documentation statement it comes from. */
export const rules = {
  'app.setPath.missing-directory': {
    electronThrows: true,
    doc: 'app.setPath: "If the path specifies a directory that does not exist, an `Error` is thrown. In that case, the directory should be created with `fs.mkdirSync` or similar."',
  },
  'app.setPath.session-after-ready': {
    electronThrows: false,
    doc: 'app.setPath: "By default, web pages\' cookies and caches will be stored under the `sessionData` directory. If you want to change this location, you have to override the `sessionData` path before the `ready` event of the `app` module is emitted." (`sessionData` defaults to `userData`.)',
  },
  'app.setPath.user-data-after-lock': {
    electronThrows: false,
    doc: 'app.requestSingleInstanceLock: "The single instance lock is scoped to the application\'s user data directory (`app.getPath(\'userData\')`). … set a different user data directory for each instance using `app.setPath(\'userData\', newPath)` before calling `app.requestSingleInstanceLock()`."',
  },
  'app.getPath.unknown': {
    electronThrows: true,
    doc: 'app.getPath: "A path to a special directory or file associated with `name`. On failure, an `Error` is thrown."',
  },
  'app.enableSandbox.after-ready': {
    electronThrows: true,
    doc: 'app.enableSandbox: "This method can only be called before app is ready."',
  },
  'app.getLocale.before-ready': {
    electronThrows: false,
    doc: 'app.getLocale: "This API must be called after the `ready` event is emitted."',
  },
  'app.setAppUserModelId.after-ui': {
    electronThrows: false,
    doc: 'app.setAppUserModelId calls Windows\' SetCurrentProcessExplicitAppUserModelID, whose documentation says: "This method must be called during an application\'s initial startup routine before the application presents any UI" (learn.microsoft.com, shobjidl_core.h).',
  },
  'protocol.registerSchemesAsPrivileged.after-ready': {
    electronThrows: true,
    doc: 'protocol.registerSchemesAsPrivileged: "This method can only be used before the `ready` event of the `app` module gets emitted and can be called only once."',
  },
  'protocol.registerSchemesAsPrivileged.twice': {
    electronThrows: false,
    doc: 'protocol.registerSchemesAsPrivileged: "… and can be called only once."',
  },
  'protocol.handle.before-ready': {
    electronThrows: false,
    doc: 'protocol: "All methods unless specified can only be used after the `ready` event of the `app` module gets emitted." (docs/api/protocol.md)',
  },
  'protocol.handle.twice': {
    electronThrows: true,
    doc: 'protocol.handle registers one handler per scheme; Electron throws "Failed to register protocol: SCHEME" for a second (lib/browser/api/protocol.ts); `protocol.unhandle` removes one.',
  },
  'session.defaultSession.before-ready': {
    electronThrows: true,
    doc: 'session.defaultSession: "A `Session` object, the default session object of the app, available after `app.whenReady` is called."',
  },
  'BrowserWindow.before-ready': {
    electronThrows: true,
    doc: 'BrowserWindow: "This module cannot be used until the `ready` event of the `app` module is emitted." (docs/api/browser-window.md; Electron throws "Cannot create BrowserWindow before app is ready")',
  },
  'dialog.before-ready': {
    electronThrows: false,
    doc: 'dialog.showErrorBox: "This API can be called safely before the `ready` event the `app` module emits, it is usually used to report errors in early stage of startup." — the one dialog the docs allow before `ready`.',
  },
  'utilityProcess.fork.before-ready': {
    electronThrows: false,
    doc: 'utilityProcess.fork: "`utilityProcess.fork` can only be called after the `ready` event has been emitted on `App`."',
  },
  'ipcMain.handle.twice': {
    electronThrows: true,
    doc: 'ipcMain.handle: one handler per channel; Electron throws "Attempted to register a second handler for \'CHANNEL\'" (lib/browser/ipc-main-impl.ts); `ipcMain.removeHandler` removes one.',
  },
  'nativeTheme.themeSource.value': {
    electronThrows: true,
    doc: 'nativeTheme.themeSource: "A `string` property that can be `system`, `light` or `dark`." Anything else fails Electron\'s argument conversion.',
  },
  'contextBridge.exposeInMainWorld.twice': {
    electronThrows: true,
    doc: 'contextBridge.exposeInMainWorld binds `window[apiKey]`; Electron throws "Cannot bind an API on top of an existing property on the window object" for a key already bound.',
  },
} as const satisfies Record<string, { electronThrows: boolean; doc: string }>;
export type RuleId = keyof typeof rules;

const fail = (rule: RuleId, message: string): never => {
  throw new ElectronRuleError(rule, message);
};

/** What the stand-in's machine is like. */
export interface StandInOptions {
  /** The default `userData` (and `sessionData`) folder; created if missing, as Electron creates its default one. */
  userData: string;
  /** Other default paths (`documents`, `temp`…); anything not given lives under userData/../paths/NAME. */
  paths?: Record<string, string>;
  /** Another instance already holds the single-instance lock. */
  lockHeldElsewhere?: boolean;
  preferredSystemLanguages?: string[];
  locale?: string;
  /** What `dialog.showSaveDialog` answers. */
  saveDialogAnswer?: { canceled: boolean; filePath?: string };
  /**
   * The file `utilityProcess.fork(modulePath)` really starts. By default
   * `defaultUtilityModule`: main.ts forks `path.join(__dirname, 'core.js')`,
   * which, with main.ts loaded from source, is electron/desktop/core.js and
   * does not exist; the core bundled for this run (tests/build-core.ts) is
   * started instead.
   */
  resolveUtilityModule?: (modulePath: string) => string;
}

/** A module named core.js that does not exist is the core bundled for the tests; anything else is forked as given. */
export function defaultUtilityModule(modulePath: string): string {
  return path.basename(modulePath) === 'core.js' && !fs.existsSync(modulePath) ? testCoreFile : modulePath;
}

const pathNames = ['home', 'appData', 'assets', 'userData', 'sessionData', 'temp', 'exe', 'module', 'desktop', 'documents', 'downloads', 'music', 'pictures', 'videos', 'recent', 'logs', 'crashDumps'];
const themeSources = ['system', 'light', 'dark'];

type PermissionRequestHandler = (contents: StandInWebContents, permission: string, callback: (granted: boolean) => void, details: Record<string, unknown>) => void;
type PermissionCheckHandler = (contents: StandInWebContents | null, permission: string, requestingOrigin: string, details: Record<string, unknown>) => boolean;
type InvokeHandler = (event: IpcEvent, ...args: unknown[]) => unknown;

/** What an `ipcMain.handle` listener receives. */
export interface IpcEvent {
  sender: StandInWebContents;
  senderFrame: { url: string } | null;
  processId: number;
  frameId: number;
}

/** The world the stand-in models: create one per test, pass `.module` to `vi.mock('electron', …)`. */
export class ElectronStandIn {
  /** Everything the code under test called, in order, for assertions on order. */
  readonly calls: string[] = [];
  readonly errorBoxes: { title: string; content: string }[] = [];
  readonly dialogs: { kind: string; options: unknown }[] = [];
  readonly notifications: { title: string; body: string; shown: boolean }[] = [];
  readonly openedExternally: string[] = [];
  readonly windows: StandInBrowserWindow[] = [];
  readonly utilityProcesses: StandInUtilityProcess[] = [];
  /** What the preload exposed with `contextBridge` (the renderer's `window`). */
  readonly exposed: Record<string, unknown> = {};
  readonly privilegedSchemes: { scheme: string; privileges?: Record<string, boolean> }[] = [];
  readonly protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  readonly ipcHandlers = new Map<string, InvokeHandler>();
  readonly ipcMain = new EventEmitter();
  readonly permissionHandlers: { request: PermissionRequestHandler | null; check: PermissionCheckHandler | null } = { request: null, check: null };

  isReady = false;
  sandboxEnabled = false;
  appUserModelId: string | null = null;
  badgeCount = 0;
  themeSource = 'system';
  /** The process's fate: `quit()` or `exit(code)`. */
  quitting: { how: 'quit' } | { how: 'exit'; code: number } | null = null;
  /** Whether this instance holds the single-instance lock, and for which userData folder. */
  lock: { userData: string } | null = null;
  /** The web contents whose preload `ipcRenderer` speaks for (the first window's, unless set). */
  rendererContents: StandInWebContents | null = null;
  /** @internal windows closed by quit() or exit(): no window-all-closed. */
  closingAll = false;

  private readonly app = new EventEmitter();
  private readonly paths = new Map<string, string>();
  private readyPromise: Promise<void>;
  private resolveReady!: () => void;
  private uiShown = false;
  private nextWebContentsId = 1;
  private nextWindowId = 1;
  readonly module: ReturnType<ElectronStandIn['buildModule']>;

  constructor(readonly options: StandInOptions) {
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
    fs.mkdirSync(options.userData, { recursive: true });
    this.paths.set('userData', options.userData);
    for (const [name, p] of Object.entries(options.paths ?? {})) this.paths.set(name, p);
    this.module = this.buildModule();
  }

  /** Electron has finished initialising: `ready` is emitted and `whenReady()` resolves; then the code's ready chain runs. */
  async emitReady(): Promise<void> {
    this.isReady = true;
    this.calls.push('(ready)');
    this.resolveReady();
    this.app.emit('ready', {}, {});
    await settle();
  }

  /** A second launch of the app: what it would get from `requestSingleInstanceLock()`. */
  secondLaunch(argv: string[] = []): boolean {
    if (!this.lock && !this.options.lockHeldElsewhere) return true;
    if (this.lock) this.app.emit('second-instance', {}, argv, process.cwd(), {});
    return false;
  }

  /** Ends every utility process still running (SIGKILL) and waits for all of them: a test's clean-up. */
  async endProcesses(): Promise<void> {
    for (const child of this.utilityProcesses) child.crash();
    await Promise.all(this.utilityProcesses.map((child) => child.exited));
  }

  /** The renderer calls `ipcRenderer.invoke`: the main-side handler answers, or the promise rejects as Electron's does. */
  async invoke(channel: string, contents: StandInWebContents, ...args: unknown[]): Promise<unknown> {
    const handler = this.ipcHandlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    const event: IpcEvent = { sender: contents, senderFrame: contents.mainFrame, processId: 1, frameId: 1 };
    try {
      return await handler(event, ...args);
    } catch (err) {
      // Electron sends only the error's text across: the renderer sees a new Error.
      throw new Error(`Error invoking remote method '${channel}': ${String(err)}`);
    }
  }

  /** Chromium asks the session whether `contents` may have `permission` (a permission request). */
  requestPermission(contents: StandInWebContents, permission: string, details: Record<string, unknown>): Promise<boolean> {
    const handler = this.permissionHandlers.request;
    // Without a handler Electron grants every permission.
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(contents, permission, resolve, details));
  }

  /** Chromium checks a permission synchronously (a permission check). */
  checkPermission(contents: StandInWebContents | null, permission: string, requestingOrigin: string, details: Record<string, unknown> = {}): boolean {
    const handler = this.permissionHandlers.check;
    return handler ? handler(contents, permission, requestingOrigin, details) : true;
  }

  /** The page asks the privileged scheme for a file. */
  async fetch(url: string): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.protocolHandlers.get(scheme);
    if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME (${url})`);
    return handler(new Request(url));
  }

  getPath(name: string): string {
    if (!pathNames.includes(name)) fail('app.getPath.unknown', `Failed to get '${name}' path`);
    if (name === 'sessionData') return this.paths.get('sessionData') ?? this.getPath('userData');
    return this.paths.get(name) ?? path.join(path.dirname(this.options.userData), 'paths', name);
  }

  private noteUi(): void {
    this.uiShown = true;
  }

  private releaseLock(): void {
    this.lock = null;
  }

  private buildModule() {
    // The module's functions are closures over this world: the code under test calls them unbound.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const world = this;
    const record = (call: string) => world.calls.push(call);
    const requireReady = (rule: RuleId, what: string) => {
      if (!world.isReady) fail(rule, `${what} before the app is ready`);
    };

    const app = Object.assign(world.app, {
      isReady: () => world.isReady,
      whenReady: () => world.readyPromise,
      getName: () => 'Countersign',
      getVersion: () => '0.1.0',
      isPackaged: false,
      getPath: (name: string) => world.getPath(name),
      setPath: (name: string, value: string) => {
        record(`app.setPath(${name})`);
        if (!pathNames.includes(name)) fail('app.getPath.unknown', `Failed to set path '${name}'`);
        if (!fs.existsSync(value) || !fs.statSync(value).isDirectory()) fail('app.setPath.missing-directory', `Failed to set path: ${value} is not an existing directory`);
        if (world.isReady && (name === 'userData' || name === 'sessionData')) fail('app.setPath.session-after-ready', `app.setPath('${name}') after ready: the session keeps its data in the old folder`);
        if (world.lock && name === 'userData') fail('app.setPath.user-data-after-lock', `app.setPath('userData') after requestSingleInstanceLock(): the lock stays on ${world.lock.userData}`);
        world.paths.set(name, value);
      },
      requestSingleInstanceLock: () => {
        record('app.requestSingleInstanceLock');
        if (world.options.lockHeldElsewhere) return false;
        world.lock = { userData: world.getPath('userData') };
        return true;
      },
      hasSingleInstanceLock: () => world.lock !== null,
      releaseSingleInstanceLock: () => world.releaseLock(),
      enableSandbox: () => {
        record('app.enableSandbox');
        if (world.isReady) fail('app.enableSandbox.after-ready', 'app.enableSandbox() can only be called before app is ready');
        world.sandboxEnabled = true;
      },
      setAppUserModelId: (id: string) => {
        record('app.setAppUserModelId');
        if (world.uiShown) fail('app.setAppUserModelId.after-ui', 'app.setAppUserModelId() after a window or notification was shown');
        world.appUserModelId = id;
      },
      getPreferredSystemLanguages: () => [...(world.options.preferredSystemLanguages ?? ['en-US'])],
      getLocale: () => {
        requireReady('app.getLocale.before-ready', 'app.getLocale()');
        return world.options.locale ?? 'en-US';
      },
      setBadgeCount: (count = 0) => {
        world.badgeCount = count;
        return true;
      },
      getBadgeCount: () => world.badgeCount,
      /** Closes every window (each may refuse in `close`), then will-quit and quit; the process ends and the lock goes with it. */
      // "… Electron will first try to close all the windows and then emit the will-quit event, and in
      // this case the window-all-closed event would not be emitted." (app, Event: 'window-all-closed')
      quit: () => {
        record('app.quit');
        if (world.quitting) return;
        let prevented = false;
        const event = { preventDefault: () => (prevented = true) };
        world.app.emit('before-quit', event);
        if (prevented) return;
        world.closingAll = true;
        for (const win of [...world.windows]) if (!win.isDestroyed()) win.close();
        world.closingAll = false;
        if (world.windows.some((w) => !w.isDestroyed())) return;
        world.app.emit('will-quit', event);
        if (prevented) return;
        world.quitting = { how: 'quit' };
        world.app.emit('quit', {}, 0);
        world.releaseLock();
      },
      /** "All windows will be closed immediately without asking the user, and the before-quit and will-quit events will not be emitted." */
      exit: (code = 0) => {
        record(`app.exit(${code})`);
        world.quitting = { how: 'exit', code };
        world.closingAll = true;
        for (const win of [...world.windows]) if (!win.isDestroyed()) win.destroy();
        world.releaseLock();
        // The main process is gone, and its utility processes with it (SIGKILL: nothing of theirs is waited for).
        for (const child of world.utilityProcesses) child.crash();
      },
    });

    const protocol = {
      registerSchemesAsPrivileged: (schemes: { scheme: string; privileges?: Record<string, boolean> }[]) => {
        record('protocol.registerSchemesAsPrivileged');
        if (world.isReady) fail('protocol.registerSchemesAsPrivileged.after-ready', 'protocol.registerSchemesAsPrivileged should be called before app is ready');
        if (world.privilegedSchemes.length > 0) fail('protocol.registerSchemesAsPrivileged.twice', 'protocol.registerSchemesAsPrivileged can be called only once');
        world.privilegedSchemes.push(...schemes);
      },
      handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>) => {
        record(`protocol.handle(${scheme})`);
        requireReady('protocol.handle.before-ready', 'protocol.handle()');
        if (world.protocolHandlers.has(scheme)) fail('protocol.handle.twice', `Failed to register protocol: ${scheme}`);
        world.protocolHandlers.set(scheme, handler);
      },
      unhandle: (scheme: string) => {
        world.protocolHandlers.delete(scheme);
      },
      isProtocolHandled: (scheme: string) => world.protocolHandlers.has(scheme),
    };

    const defaultSession = {
      setPermissionRequestHandler: (handler: PermissionRequestHandler | null) => {
        record('session.setPermissionRequestHandler');
        world.permissionHandlers.request = handler;
      },
      setPermissionCheckHandler: (handler: PermissionCheckHandler | null) => {
        record('session.setPermissionCheckHandler');
        world.permissionHandlers.check = handler;
      },
      protocol,
    };
    const session = {
      get defaultSession() {
        if (!world.isReady) fail('session.defaultSession.before-ready', 'Session can only be received when app is ready');
        return defaultSession;
      },
    };

    // A class, not Object.assign: assign would copy the setter's current value and drop the check.
    class NativeTheme extends EventEmitter {
      get themeSource(): string {
        return world.themeSource;
      }
      set themeSource(value: string) {
        if (!themeSources.includes(value)) fail('nativeTheme.themeSource.value', `Error processing argument: conversion failure from ${String(value)}`);
        world.themeSource = value;
      }
      get shouldUseDarkColors(): boolean {
        return world.themeSource === 'dark';
      }
    }
    const nativeTheme = new NativeTheme();

    const asked = (kind: string, args: unknown[]) => {
      record(`dialog.${kind}`);
      requireReady('dialog.before-ready', `dialog.${kind}()`);
      world.dialogs.push({ kind, options: args.find((a) => a && typeof a === 'object' && !(a instanceof StandInBrowserWindow)) });
    };
    const saveAnswer = () => world.options.saveDialogAnswer ?? { canceled: true };
    const dialog = {
      showErrorBox: (title: string, content: string) => {
        record('dialog.showErrorBox');
        world.errorBoxes.push({ title, content });
      },
      showMessageBox: (...args: unknown[]) => (asked('showMessageBox', args), Promise.resolve({ response: 0, checkboxChecked: false })),
      showMessageBoxSync: (...args: unknown[]) => (asked('showMessageBoxSync', args), 0),
      showSaveDialog: (...args: unknown[]) => (asked('showSaveDialog', args), Promise.resolve(saveAnswer())),
      showSaveDialogSync: (...args: unknown[]) => (asked('showSaveDialogSync', args), saveAnswer().filePath),
      showOpenDialog: (...args: unknown[]) => (asked('showOpenDialog', args), Promise.resolve({ canceled: true, filePaths: [] as string[] })),
      showOpenDialogSync: (...args: unknown[]) => (asked('showOpenDialogSync', args), undefined),
    };

    class Notification extends EventEmitter {
      static isSupported = () => true;
      private readonly entry: { title: string; body: string; shown: boolean };
      constructor(options: { title?: string; body?: string } = {}) {
        super();
        this.entry = { title: options.title ?? '', body: options.body ?? '', shown: false };
        world.notifications.push(this.entry);
      }
      show(): void {
        record('Notification.show');
        world.noteUi();
        this.entry.shown = true;
        this.emit('show', {});
      }
      close(): void {
        this.emit('close', {});
      }
    }

    const shell = {
      openExternal: (url: string) => {
        record('shell.openExternal');
        world.openedExternally.push(url);
        return Promise.resolve();
      },
      openPath: () => Promise.resolve(''),
    };

    const ipcMain = Object.assign(world.ipcMain, {
      handle: (channel: string, handler: InvokeHandler) => {
        if (world.ipcHandlers.has(channel)) fail('ipcMain.handle.twice', `Attempted to register a second handler for '${channel}'`);
        world.ipcHandlers.set(channel, handler);
      },
      handleOnce: (channel: string, handler: InvokeHandler) => {
        ipcMain.handle(channel, (event, ...args) => {
          world.ipcHandlers.delete(channel);
          return handler(event, ...args);
        });
      },
      removeHandler: (channel: string) => {
        world.ipcHandlers.delete(channel);
      },
    });

    const rendererContentsOrNull = () => world.rendererContents ?? world.windows[0]?.webContents ?? null;
    const rendererContents = () => {
      const contents = rendererContentsOrNull();
      if (!contents) throw new Error('stand-in: no window for the preload to run in');
      return contents;
    };
    const ipcRenderer = Object.assign(new EventEmitter(), {
      invoke: (channel: string, ...args: unknown[]) => world.invoke(channel, rendererContents(), ...args),
    });
    const contextBridge = {
      exposeInMainWorld: (key: string, api: unknown) => {
        if (key in world.exposed) fail('contextBridge.exposeInMainWorld.twice', 'Cannot bind an API on top of an existing property on the window object');
        world.exposed[key] = api;
      },
    };

    const webContents = {
      getAllWebContents: () => world.windows.filter((w) => !w.isDestroyed()).map((w) => w.webContents),
      fromId: (id: number) => world.windows.find((w) => w.webContents.id === id)?.webContents,
      getFocusedWebContents: () => world.windows.find((w) => w.isFocused())?.webContents ?? null,
    };

    class BrowserWindow extends StandInBrowserWindow {
      static getAllWindows = () => world.windows.filter((w) => !w.isDestroyed());
      static fromWebContents = (contents: StandInWebContents) => world.windows.find((w) => w.webContents === contents) ?? null;
      static getFocusedWindow = () => world.windows.find((w) => w.isFocused()) ?? null;
      static fromId = (id: number) => world.windows.find((w) => w.id === id) ?? null;
      constructor(options: Record<string, unknown> = {}) {
        record('new BrowserWindow');
        requireReady('BrowserWindow.before-ready', 'Cannot create BrowserWindow');
        super(world, world.nextWindowId++, world.nextWebContentsId++, options);
        this.webContents.onSend = (channel, args) => {
          if (this.webContents === rendererContentsOrNull()) ipcRenderer.emit(channel, {}, ...args);
        };
        world.windows.push(this);
        if (options.show !== false) world.noteUi();
        world.app.emit('web-contents-created', {}, this.webContents);
        world.app.emit('browser-window-created', {}, this);
      }
    }

    const utilityProcess = {
      fork: (modulePath: string, args: string[] = [], options: UtilityForkOptions = {}) => {
        record('utilityProcess.fork');
        requireReady('utilityProcess.fork.before-ready', 'utilityProcess.fork()');
        if (world.quitting) throw new Error('stand-in: utilityProcess.fork() after the app quit or exited (the process is gone)');
        const file = (world.options.resolveUtilityModule ?? defaultUtilityModule)(modulePath);
        const child = new StandInUtilityProcess(modulePath, file, args, options, {
          ended: () => world.quitting !== null,
          exited: (code) => record(`utilityProcess exit(${code})`),
        });
        world.utilityProcesses.push(child);
        return child;
      },
    };

    return {
      app,
      protocol,
      session,
      nativeTheme,
      dialog,
      Notification,
      shell,
      ipcMain,
      ipcRenderer,
      contextBridge,
      webContents,
      BrowserWindow,
      MessageChannelMain: StandInMessageChannelMain,
      utilityProcess,
    };
  }

  /** @internal windows tell the world they were shown. */
  shown(): void {
    this.noteUi();
  }
}

/** Lets promise chains and `setImmediate` callbacks started by the code under test run to their end. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A window's web contents: what lockDown, the IPC wrappers and the notification code touch. */
export class StandInWebContents extends EventEmitter {
  readonly sent: { channel: string; args: unknown[] }[] = [];
  readonly mainFrame: { url: string };
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  /** @internal delivers to the preload's ipcRenderer when this is the renderer it speaks for. */
  onSend: ((channel: string, args: unknown[]) => void) | null = null;
  private destroyed = false;

  constructor(readonly id: number) {
    super();
    this.mainFrame = { url: '' };
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
    this.onSend?.(channel, structuredClone(args));
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** The page tries to navigate: true when some listener prevented it. */
  navigate(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) }, url);
    return prevented;
  }

  printToPDF(): Promise<Buffer> {
    return Promise.resolve(Buffer.from('%PDF-1.7 stand-in'));
  }

  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

/** A window: created only after ready (the subclass in the module checks), loads only URLs whose scheme is handled. */
export class StandInBrowserWindow extends EventEmitter {
  readonly webContents: StandInWebContents;
  private visible = false;
  private focused = false;
  private minimized = false;
  private destroyed = false;

  constructor(
    private readonly world: ElectronStandIn,
    readonly id: number,
    contentsId: number,
    readonly options: Record<string, unknown>,
  ) {
    super();
    this.webContents = new StandInWebContents(contentsId);
    this.visible = options.show !== false;
  }

  async loadURL(url: string): Promise<void> {
    const scheme = new URL(url).protocol.slice(0, -1);
    if (!['http', 'https', 'file', 'data', 'about'].includes(scheme)) {
      if (!this.world.protocolHandlers.has(scheme)) throw new Error(`ERR_UNKNOWN_URL_SCHEME (-302) loading '${url}'`);
        // A handler's 404 is a page like any other (Chromium shows its body); only an unhandled scheme fails the load.
      await this.world.fetch(url);
    }
    this.webContents.mainFrame.url = url;
    this.webContents.emit('did-finish-load');
    this.emit('ready-to-show');
  }

  loadFile(file: string): Promise<void> {
    return this.loadURL(`file://${path.resolve(file)}`);
  }

  show(): void {
    this.visible = true;
    this.focused = true;
    this.world.shown();
    this.emit('show');
  }

  isVisible(): boolean {
    return this.visible;
  }

  focus(): void {
    this.focused = true;
    this.emit('focus');
  }

  blur(): void {
    this.focused = false;
    this.emit('blur');
  }

  isFocused(): boolean {
    return this.focused && !this.destroyed;
  }

  minimize(): void {
    this.minimized = true;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.minimized = false;
  }

  close(): void {
    if (this.destroyed) return;
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
    if (!this.world.closingAll && this.world.windows.every((w) => w.isDestroyed())) this.world.module.app.emit('window-all-closed');
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

/**
 * One end of a MessageChannelMain. As documented for MessagePortMain:
 * "port.start(): Starts the sending of messages queued on the port. Messages
 * will be queued until this method is called." Closing either end closes both
 * ("Event: 'close' — Emitted when the remote end of a MessagePortMain object
 * becomes disconnected").
 */
export class StandInMessagePort extends EventEmitter {
  other: StandInMessagePort | null = null;
  private started = false;
  private closed = false;
  private readonly queue: { data: unknown; ports: StandInMessagePort[] }[] = [];

  postMessage(message: unknown, transfer: StandInMessagePort[] = []): void {
    if (this.closed || !this.other) return;
    // Structured clone, as across a real port: the receiver never shares the sender's objects.
    this.other.deliver({ data: structuredClone(message), ports: transfer });
  }

  start(): void {
    this.started = true;
    for (const message of this.queue.splice(0)) this.emit('message', message);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
    const other = this.other;
    this.other = null;
    if (other) {
      other.other = null;
      other.close();
    }
  }

  private deliver(message: { data: unknown; ports: StandInMessagePort[] }): void {
    if (this.closed) return;
    if (this.started) setImmediate(() => this.emit('message', message));
    else this.queue.push(message);
  }
}

export class StandInMessageChannelMain {
  readonly port1 = new StandInMessagePort();
  readonly port2 = new StandInMessagePort();

  constructor() {
    this.port1.other = this.port2;
    this.port2.other = this.port1;
  }
}

/** The options of `utilityProcess.fork` the stand-in acts on (Electron's others are only recorded). */
export interface UtilityForkOptions {
  env?: NodeJS.ProcessEnv;
  execArgv?: string[];
  cwd?: string;
  /** Electron's default is `inherit`; `pipe` makes `stdout`/`stderr` readable, `ignore` drops them. */
  stdio?: 'pipe' | 'ignore' | 'inherit' | string[];
  serviceName?: string;
  [other: string]: unknown;
}

/**
 * A utility process, started for real: Node's child_process.fork of the
 * module, with `advanced` serialization (structured clone, as across a
 * MessagePort) and nothing of vitest's execArgv. As documented: `spawn` is
 * "Emitted once the child process has spawned successfully"; `pid` is
 * undefined "until the child process has spawned successfully" and again
 * after `exit`; `kill()` "Terminates the process gracefully. On POSIX, it
 * uses SIGTERM" and "returns true if the kill is successful"; `exit` carries
 * the exit code (128 + the signal's number for a process ended by a signal,
 * as a shell reports it).
 *
 * A real utility process receives `postMessage(message, [port])` on
 * `process.parentPort`; a Node child has none, so a MessagePortMain
 * transferred to it is bridged to its IPC channel instead: what the parent
 * posts on its end of the channel reaches the child's `process.on('message')`,
 * and what the child sends with `process.send` arrives on the parent's end as
 * a `message` event with `{ data }`. The message that carried the port is
 * only recorded (`received`). Without a bridged port, what the child sends
 * is this object's `message` event (as `parentPort.postMessage` would be).
 * Everything crossing a bridged port is recorded in `traffic`.
 */
export class StandInUtilityProcess extends EventEmitter {
  pid: number | undefined = undefined;
  /** What the parent posted with `postMessage`, in order, with the ports it transferred. */
  readonly received: { message: unknown; ports: StandInMessagePort[] }[] = [];
  /** Every message across a bridged port, in order: `child` what the parent sent, `parent` what the child answered. */
  readonly traffic: { to: 'child' | 'parent'; data: unknown }[] = [];
  /** The exit code once the process has ended. */
  exitCode: number | null = null;
  /** Resolves with the exit code once the process has ended (whether or not anyone saw the `exit` event). */
  readonly exited: Promise<number>;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  /** Errors Node reported for the child (a send on a closed channel, a failed kill). */
  readonly errors: Error[] = [];
  private readonly child: ChildProcess;
  private readonly bridged: StandInMessagePort[] = [];
  private hasExited = false;

  constructor(
    readonly modulePath: string,
    /** What was really forked (see StandInOptions.resolveUtilityModule). */
    readonly file: string,
    readonly args: string[],
    readonly options: UtilityForkOptions,
    private readonly world: { ended(): boolean; exited(code: number): void },
  ) {
    super();
    const output = Array.isArray(options.stdio) ? 'inherit' : (options.stdio ?? 'inherit');
    this.child = fork(file, args, {
      execArgv: options.execArgv ?? [],
      env: options.env ?? process.env,
      ...(options.cwd ? { cwd: options.cwd } : {}),
      serialization: 'advanced',
      stdio: ['ignore', output as 'pipe' | 'ignore' | 'inherit', output as 'pipe' | 'ignore' | 'inherit', 'ipc'],
    });
    this.stdout = this.child.stdout;
    this.stderr = this.child.stderr;
    let exited!: (code: number) => void;
    this.exited = new Promise((resolve) => (exited = resolve));
    this.child.once('spawn', () => {
      this.pid = this.child.pid;
      this.emitToCode('spawn');
    });
    this.child.on('message', (data: unknown) => {
      if (this.bridged.length === 0) {
        this.emitToCode('message', data);
        return;
      }
      this.traffic.push({ to: 'parent', data });
      for (const port of this.bridged) port.postMessage(data);
    });
    // A failed send or kill; a failed spawn is followed by `close` too.
    this.child.on('error', (err) => this.errors.push(err));
    // `close` comes after the IPC channel is drained: every message the child sent has been seen.
    this.child.once('close', (code, signal) => {
      const status = code ?? 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0);
      // After the bridged ports' messages already on their way (they are delivered with setImmediate too).
      setImmediate(() => {
        this.hasExited = true;
        this.pid = undefined;
        this.exitCode = status;
        this.world.exited(status);
        this.emitToCode('exit', status);
        // The child's end of each channel is gone: both ends close.
        for (const port of this.bridged.splice(0)) port.close();
        exited(status);
      });
    });
  }

  postMessage(message: unknown, transfer: StandInMessagePort[] = []): void {
    if (this.hasExited) throw new Error('Cannot post a message to a utility process that has exited');
    this.received.push({ message: structuredClone(message), ports: transfer });
    for (const port of transfer) this.bridge(port);
  }

  kill(): boolean {
    if (this.hasExited || this.child.exitCode !== null || this.child.signalCode !== null) return false;
    return this.child.kill('SIGTERM');
  }

  /** For tests: the process dies at once, as in a crash (SIGKILL unless told). False when it had already ended. */
  crash(signal: NodeJS.Signals = 'SIGKILL'): boolean {
    if (this.hasExited || this.child.exitCode !== null || this.child.signalCode !== null) return false;
    return this.child.kill(signal);
  }

  /** The messages of the given type the parent sent over the bridged port (the core protocol's `type`). */
  sentToChild(type?: string): Record<string, unknown>[] {
    return this.traffic
      .filter((m) => m.to === 'child')
      .map((m) => m.data as Record<string, unknown>)
      .filter((data) => type === undefined || data?.type === type);
  }

  /** The messages of the given type the child sent back. */
  sentByChild(type?: string): Record<string, unknown>[] {
    return this.traffic
      .filter((m) => m.to === 'parent')
      .map((m) => m.data as Record<string, unknown>)
      .filter((data) => type === undefined || data?.type === type);
  }

  private bridge(port: StandInMessagePort): void {
    this.bridged.push(port);
    port.on('message', ({ data }: { data: unknown }) => {
      this.traffic.push({ to: 'child', data });
      if (this.child.connected) this.child.send(data as Serializable);
    });
    // The child's side starts its port (core-main.ts calls `start()` on it).
    port.start();
  }

  /** Once the app's process has ended, nothing of it listens any more: events are recorded (exitCode, traffic) but not delivered. */
  private emitToCode(event: string, ...args: unknown[]): void {
    if (!this.world.ended()) this.emit(event, ...args);
  }
}
