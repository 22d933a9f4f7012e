import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from '../../electron/core/data-dir';

describe('data directory', () => {
  it('defaults to the folder Electron uses for userData on each platform', () => {
    expect(defaultDataDir({}, 'linux', '/home/ada')).toBe('/home/ada/.config/Countersign');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/ada')).toBe('/xdg/Countersign');
    expect(defaultDataDir({}, 'darwin', '/Users/ada')).toBe('/Users/ada/Library/Application Support/Countersign');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada')).toContain('Countersign');
  });

  it('prefers --data-dir, then COUNTERSIGN_DATA_DIR', () => {
    expect(resolveDataDir('rel/dir', { COUNTERSIGN_DATA_DIR: '/env' })).toBe(path.resolve('rel/dir'));
    expect(resolveDataDir(undefined, { COUNTERSIGN_DATA_DIR: '/env' })).toBe('/env');
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: '/xdg' })).toBe('/xdg/Countersign');
  });
});
