import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, nativeTheme, Notification, session, shell, type WebContents } from 'electron';
import { eventNames, type EventName } from '../../shared/channels';
import type { Locale } from '../../shared/i18n/translate';
import { notificationText, type NotificationBatch } from '../../shared/notifications';
import { CoreClient } from '../common/core-client';
import { externalUrl } from '../common/external-url';
import { appEntryUrl, isTrustedSender, registerAppScheme, serveRenderer } from './app-protocol';
import { spawnUtilityCore } from './core-process';
import { registerIpcHandlers, registerSaveLog, sendEvent } from './ipc-main';
import { saveLog } from './log-save';
import { restrictPermissions } from './permissions';

// The desktop host: windows, menus, dialogs, printing, notifications and the
// badge. The core runs in its own utility process (core-process.ts); every
// call from a window is checked here and relayed to it, so nothing here
// waits on the disk, the write lock or a long export.

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

/** After `ready`: the core's process (whose start fails with the core's own message, e.g. a damaged settings file), then the window. */
async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const core = await CoreClient.start({
    spawn: () => spawnUtilityCore(path.join(__dirname, 'core.js'), { dataDir, command: 'the Countersign app' }),
    onEvent: deliver,
    onStatus: (state) => {
      for (const win of BrowserWindow.getAllWindows()) sendEvent(win.webContents, 'coreStatus', { state });
    },
    onTheme: (theme) => {
      nativeTheme.themeSource = theme;
    },
  });
  app.on('will-quit', (event) => {
    // Once: the core finishes what is in hand and writes a due snapshot, then the app quits.
    event.preventDefault();
    void core.stop().finally(() => app.exit(0));
  });

  restrictPermissions(session.defaultSession);
  serveRenderer(path.join(__dirname, 'renderer'));
  registerIpcHandlers(
    async (channel, request, sender) => {
      const result = await core.call(sender.id, channel, request);
      // The dock / taskbar badge shows what the window's navigation shows; the window asks after every change.
      if (channel === 'getWaitingCount' && result.ok) app.setBadgeCount((result.value as { count: number }).count);
      return result;
    },
    { isTrustedSender },
  );
  registerSaveLog((request, sender) => saveLog(core, request, sender), { isTrustedSender });
  openWindow(core, [...app.getPreferredSystemLanguages(), app.getLocale()]);
}

function openWindow(core: CoreClient, systemLanguages: readonly string[]): void {
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
  core.open(id, systemLanguages);
  win.on('closed', () => core.close(id));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(appEntryUrl);
}

/** An event from the core to one window or all; a notification also goes to the desktop when its window is not in front. */
function deliver(window: number | 'all', name: EventName, payload: unknown, locale: Locale | undefined): void {
  if (!(eventNames as readonly string[]).includes(name)) return;
  for (const win of BrowserWindow.getAllWindows()) {
    if (window !== 'all' && win.webContents.id !== window) continue;
    sendEvent(win.webContents, name, payload as never);
    if (name === 'notification' && locale && !win.isFocused()) showDesktopNotification(win, payload as NotificationBatch, locale);
  }
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
  // The allow-list decides (electron/common/external-url.ts, unit-tested); anything else is not opened at all.
  const url = externalUrl(raw);
  if (url) void shell.openExternal(url);
}
