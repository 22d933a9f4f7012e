import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CoreClient, CoreStartError, type CoreLink } from '../../electron/common/core-client';
import { openNodeSettings, openSettings, settingsFile, type KeyValueStore } from '../../electron/core/settings';
import { forkCore } from '../../electron/web-host/core-child';
import { CountersignError } from '../../shared/errors';
import { sourceCoreEntry } from '../core/core-entry';
import { tempDir } from '../temp-dir';

// Opening settings checks every known key (electron/core/settings.ts), so
// the core fails at start with the file and the key named rather than in the
// first call that reads the bad key: its process posts `failed` with that
// message and exits, and the host's start rejects with it (the desktop app
// shows it and exits, freeing the single-instance lock:
// tests/desktop/main-process.test.ts).

function errorOf(run: () => unknown): CountersignError {
  try {
    run();
  } catch (err) {
    if (err instanceof CountersignError) return err;
    throw err;
  }
  throw new Error('expected a CountersignError');
}

const withFile = (content: unknown): string => {
  const dir = tempDir();
  fs.writeFileSync(settingsFile(dir), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
};

describe('opening settings', () => {
  it('checks each known key against its schema and names the file and every bad key', () => {
    const bad = { theme: 'sepia', locale: 'fr', defaultPlatform: 'myspace', lastProfile: 42, profiles: [{ name: 'X', role: 'king', createdAt: 'now' }], policy: { extends: 'nothing' } };
    for (const [key, value] of Object.entries(bad)) {
      const dir = withFile({ [key]: value });
      const err = errorOf(() => openNodeSettings(dir));
      expect(err, key).toMatchObject({ kind: 'corrupt', code: 'error.corruptSettings' });
      expect(err.message, key).toContain(settingsFile(dir));
      expect(err.message, key).toContain(`“${key}”`);
    }
    const all = errorOf(() => openNodeSettings(withFile(bad))).message;
    for (const key of Object.keys(bad)) expect(all).toContain(`“${key}”`);
  });

  it('accepts a valid file, an empty one and keys it does not know, and changes nothing', () => {
    const valid = { theme: 'dark', locale: 'zh-Hant', defaultPlatform: 'weibo', lastProfile: 'Li Na', profiles: [{ name: 'Li Na', role: 'reviewer', createdAt: '2026-01-01T00:00:00.000Z' }], policy: { extends: 'default' }, windowBounds: { width: 3 } };
    const dir = withFile(valid);
    const settings = openNodeSettings(dir);
    expect(settings.theme).toBe('dark');
    expect(JSON.parse(fs.readFileSync(settingsFile(dir), 'utf8'))).toEqual(valid);
    expect(openNodeSettings(tempDir()).theme).toBe('system');
  });

  it('reports a store that cannot be created (not JSON) with the same message, wherever the store comes from', () => {
    const dir = withFile('{"profiles": [');
    const cli = errorOf(() => openNodeSettings(dir));
    expect(cli.message).toMatch(/^The settings file .* cannot be read: .*move the file aside/);
    const other = errorOf(() =>
      openSettings(settingsFile(dir), () => {
        JSON.parse(fs.readFileSync(settingsFile(dir), 'utf8'));
        return {} as KeyValueStore;
      }),
    );
    expect(other.message).toBe(cli.message);
    expect(path.basename(settingsFile(dir))).toBe('settings.json');
  });
});

describe('the core process on a damaged settings file', () => {
  /** Starts the real core (the bundle tests/build-core.ts made) on `dir` as a host does; returns why it failed and how it exited. */
  async function failedStart(dir: string): Promise<{ message: string; exitCode: number | null }> {
    const exits: Promise<number | null>[] = [];
    const spawn = (): CoreLink => {
      const link = forkCore(sourceCoreEntry, { dataDir: dir, command: 'settings-open test' });
      exits.push(new Promise((resolve) => link.onExit(resolve)));
      return link;
    };
    try {
      const client = await CoreClient.start({ spawn, onEvent: () => undefined, onStatus: () => undefined });
      await client.stop();
      throw new Error('the core started');
    } catch (err) {
      if (!(err instanceof CoreStartError)) throw err;
      const exitCode = await exits[0]!;
      // Any core the client started after that has ended too before the directory is removed.
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.all(exits);
      return { message: err.message, exitCode };
    }
  }

  it('fails to start with the same message as opening the file here, naming the file and the key, and exits non-zero', async () => {
    for (const [content, named] of [
      [{ theme: 'sepia' }, '“theme”'],
      ['{"profiles": [', 'move the file aside'],
    ] as const) {
      const dir = withFile(content);
      const here = errorOf(() => openNodeSettings(dir)).message;
      const { message, exitCode } = await failedStart(dir);
      expect(message).toBe(here);
      expect(message).toContain(settingsFile(dir));
      expect(message).toContain(named);
      expect(exitCode).not.toBe(0);
    }
  });
});
