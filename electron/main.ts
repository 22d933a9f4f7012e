import path from 'node:path';
import { app, BrowserWindow, dialog, session, shell, type WebContents } from 'electron';
import ElectronStore from 'electron-store';
import { CountersignError } from '../shared/errors';
import { appEntryUrl, isTrustedSender, registerAppScheme, serveRenderer } from './app-protocol';
import { createHandlers, eventsFor, type HostSession } from './core/handlers';
import { Settings, settingsFileName } from './core/settings';
import { Workstation } from './core/workstation';
import { registerIpcHandlers, sendEvent } from './ipc-main';

// The desktop host: a window on the workstation core. Everything that decides
// lives in the core and shared/; this file only wires Electron to it.

const dataDirOverride = process.env.COUNTERSIGN_DATA_DIR;
if (dataDirOverride) app.setPath('userData', path.resolve(dataDirOverride));

app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
}

function start(): void {
  const dataDir = app.getPath('userData');
  let ws: Workstation;
  try {
    const store = new ElectronStore<Record<string, unknown>>({ cwd: dataDir, name: settingsFileName });
    ws = Workstation.open({ dataDir, settings: new Settings(store), command: 'the Countersign app' });
  } catch (err) {
    dialog.showErrorBox('Countersign', err instanceof CountersignError ? err.message : String(err));
    app.quit();
    return;
  }

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  serveRenderer(path.join(__dirname, 'renderer'));

  const sessions = new Map<number, HostSession>();
  registerIpcHandlers(createHandlers(ws), {
    isTrustedSender,
    sessionFor: (contents) => {
      let s = sessions.get(contents.id);
      if (!s) {
        const last = ws.settings.lastProfile;
        s = { profileName: last && ws.listProfiles().some((p) => p.name === last) ? last : null };
        sessions.set(contents.id, s);
      }
      return s;
    },
  });
  ws.onChange((changes) => {
    for (const win of BrowserWindow.getAllWindows()) for (const name of eventsFor(changes)) sendEvent(win.webContents, name, {});
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
    },
  });
  const id = win.webContents.id;
  win.on('closed', () => sessions.delete(id));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(appEntryUrl);
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
  try {
    const url = new URL(raw);
    if (url.protocol === 'https:' || url.protocol === 'http:') void shell.openExternal(url.toString());
  } catch {
    // Not a URL: nothing to open.
  }
}
