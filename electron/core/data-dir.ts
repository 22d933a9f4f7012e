import os from 'node:os';
import path from 'node:path';

export const appName = 'Countersign';

/** The folder Electron's `app.getPath('userData')` gives this app, so the CLI and the desktop app share data by default. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), appName);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', appName);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), appName);
}

/** `--data-dir`, else `COUNTERSIGN_DATA_DIR`, else the desktop app's folder. */
export function resolveDataDir(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(option || env.COUNTERSIGN_DATA_DIR || defaultDataDir(env));
}
