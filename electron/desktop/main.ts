import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, nativeTheme, Notification, session, shell, type WebContents } from 'electron';
import ElectronStore from 'electron-store';
import { pickLocale, type Locale } from '../../shared/i18n/translate';
import { notificationText, type NotificationBatch } from '../../shared/notifications';
import { appEntryUrl, isTrustedSender, registerAppScheme, serveRenderer } from './app-protocol';
import { externalUrl } from '../common/external-url';
import { createHandlers, eventsFor, type HostSession } from '../core/handlers';
import { openSettings, settingsFile, settingsFileName } from '../core/settings';
import { Workstation } from '../core/workstation';
import { batchForSession, watchNotifications } from '../core/notification-feed';
import { registerIpcHandlers, registerSaveLog, sendEvent, type IpcOptions } from './ipc-main';
import { saveLog } from './log-save';
import { restrictPermissions } from './permissions';

// The desktop host: a window on the workstation core. Everything that decides
// lives in the core and shared/; this file only wires Electron to it.

/**
 * electron-builder.yml's `appId`: the installer's shortcut carries it, and
 * Windows shows a process's notifications only under the ID of a shortcut
 * (tests/desktop/main-process.test.ts checks the two stay equal).
 */
const appUserModelId = 'com.countersign.desktop';

boot();

/** Before `ready`: where the data lives, then the lock on it (scoped to `userData`), sandbox and scheme. */
function boot(): void {
  try {
    const dataDirOverride = process.env.COUNTERSIGN_DATA_DIR;
    if (dataDirOverride) useDataDir(path.resolve(dataDirOverride));
  } catch (err) {
    failStartup(err);
    return;
  }

  // Windows wants it "before the application presents any UI". A no-op elsewhere.
  app.setAppUserModelId(appUserModelId);
  app.enableSandbox();
  registerAppScheme();

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start).catch(failStartup);
}

/** `app.setPath` throws for a folder that does not exist: "the directory should be created with `fs.mkdirSync`". */
function useDataDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  app.setPath('userData', dir);
}

/** Anything that stops start-up is shown, and the process ends: no windowless app keeping the lock. */
function failStartup(err: unknown): void {
  dialog.showErrorBox('Countersign', err instanceof Error ? err.message : String(err));
  app.exit(1);
}

function start(): void {
  const dataDir = app.getPath('userData');
  // Through settings.ts, so an unreadable file gets the same message as in the CLI.
  const settings = openSettings(settingsFile(dataDir), () => new ElectronStore<Record<string, unknown>>({ cwd: dataDir, name: settingsFileName }));
  const ws = Workstation.open({ dataDir, settings, command: 'the Countersign app' });
  try {
    run(ws);
  } catch (err) {
    ws.close();
    throw err;
  }
}

function run(ws: Workstation): void {
  restrictPermissions(session.defaultSession);
  serveRenderer(path.join(__dirname, 'renderer'));

  nativeTheme.themeSource = ws.settings.theme;
  const systemLanguages = [...app.getPreferredSystemLanguages(), app.getLocale()];
  const sessions = new Map<number, HostSession>();
  const handlers = createHandlers(ws);
  // The dock / taskbar badge shows what the window's navigation shows; the window asks after every change.
  const waitingCount = handlers.getWaitingCount;
  handlers.getWaitingCount = (request, s) => {
    const answer = waitingCount(request, s);
    app.setBadgeCount(answer.count);
    return answer;
  };
  const ipcOptions: IpcOptions = {
    isTrustedSender,
    sessionFor: (contents) => {
      let s = sessions.get(contents.id);
      if (!s) {
        const last = ws.settings.lastProfile;
        s = {
          profileName: last && ws.listProfiles().some((p) => p.name === last) ? last : null,
          systemLanguages,
          progress: (done, total) => sendEvent(contents, 'exportProgress', { done, total }),
        };
        sessions.set(contents.id, s);
      }
      return s;
    },
  };
  registerIpcHandlers(handlers, ipcOptions);
  registerSaveLog((request, s, sender) => saveLog(ws, request, s, sender), ipcOptions);
  ws.onChange((changes) => {
    for (const win of BrowserWindow.getAllWindows()) for (const name of eventsFor(changes)) sendEvent(win.webContents, name, {});
    if (changes.preferences) nativeTheme.themeSource = ws.settings.theme;
  });
  watchNotifications(ws, (items) => {
    for (const win of BrowserWindow.getAllWindows()) {
      const s = sessions.get(win.webContents.id);
      const batch = s ? batchForSession(ws, s, items) : null;
      if (!batch) continue;
      sendEvent(win.webContents, 'notification', batch);
      // The window shows its own toast; the desktop is told when the window is not in front.
      if (!win.isFocused()) showDesktopNotification(win, batch, ws.locale ?? pickLocale(systemLanguages));
    }
  });
  ws.watch();
  app.on('will-quit', () => ws.close());

  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Countersign',
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Middle-click raises no auxclick event (electronegativity's AUXCLICK_JS_CHECK); new windows stay denied by lockDown.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const id = win.webContents.id;
  win.on('closed', () => sessions.delete(id));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(appEntryUrl);
}

function showDesktopNotification(win: BrowserWindow, batch: NotificationBatch, locale: Locale): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ ...notificationText(locale, batch), silent: false });
  notification.on('click', () => {
    if (win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  notification.show();
}

/** No navigation, no new windows, no webviews; http(s) links go to the system browser. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfWeb(url);
    return { action: 'deny' };
  });
}

function openExternalIfWeb(raw: string): void {
  // The allow-list decides (electron/external-url.ts, unit-tested); anything else is not opened at all.
  const url = externalUrl(raw);
  if (url) void shell.openExternal(url);
}
