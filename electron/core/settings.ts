import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { z } from 'zod';
import { CountersignError } from '../../shared/errors';
import { describeIssues } from '../../shared/schema-issues';
import { locales, type Locale } from '../../shared/i18n/translate';
import { platforms, roles, type Platform, type Profile } from '../../shared/model';
import { defaultPlatform, defaultTheme, themes, type Theme } from '../../shared/preferences';
import { policyFileSchema, type PolicyFile } from '../../shared/rules/policy-schema';

/** The part of conf / electron-store the core uses, so both hosts can pass theirs. */
export interface KeyValueStore {
  readonly path: string;
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export const settingsFileName = 'settings';

const profilesSchema = z.array(z.object({ name: z.string().min(1), role: z.enum(roles), createdAt: z.string() }));

/**
 * Every key the settings file may hold, with its schema: the one place that
 * says what a valid value is, used both to check the whole file when it is
 * opened and to read each key. Keys not listed here are left alone.
 */
const settingsSchemas = {
  profiles: profilesSchema,
  lastProfile: z.string().nullable(),
  policy: policyFileSchema,
  locale: z.enum(locales).nullable(),
  theme: z.enum(themes),
  defaultPlatform: z.enum(platforms),
} satisfies Record<string, z.ZodType>;
type SettingsKey = keyof typeof settingsSchemas;
type SettingsValue<K extends SettingsKey> = z.infer<(typeof settingsSchemas)[K]>;

/** Typed, validated access to settings, profiles and preferences. */
export class Settings {
  constructor(private readonly store: KeyValueStore) {}

  /**
   * Checks every known key against its schema, so a bad value stops the host
   * at start with the file and the key named, instead of failing later in
   * whatever reads it first. Throws `error.corruptSettings`.
   */
  validate(): this {
    const problems: string[] = [];
    for (const key of Object.keys(settingsSchemas) as SettingsKey[]) {
      const raw = this.raw(key);
      if (raw === undefined) continue;
      const parsed = settingsSchemas[key].safeParse(raw);
      if (!parsed.success) problems.push(`“${key}”: ${describeIssues(parsed.error)}`);
    }
    if (problems.length > 0) throw new CountersignError('corrupt', 'error.corruptSettings', { file: this.store.path, details: problems.join('; ') });
    return this;
  }

  get path(): string {
    return this.store.path;
  }

  get profiles(): Profile[] {
    return this.read('profiles', []);
  }

  set profiles(value: Profile[]) {
    this.store.set('profiles', value);
  }

  get lastProfile(): string | null {
    return this.read('lastProfile', null);
  }

  set lastProfile(value: string | null) {
    this.write('lastProfile', value);
  }

  /** The team's policy file (lists and severity overrides on top of the built-in policy). */
  get policy(): PolicyFile {
    return this.read('policy', { extends: 'default' });
  }

  set policy(value: PolicyFile) {
    this.store.set('policy', value);
  }

  get locale(): Locale | null {
    return this.read('locale', null);
  }

  set locale(value: Locale | null) {
    this.write('locale', value);
  }

  get theme(): Theme {
    return this.read('theme', defaultTheme);
  }

  set theme(value: Theme) {
    this.store.set('theme', value);
  }

  /** Where Compose starts. */
  get defaultPlatform(): Platform {
    return this.read('defaultPlatform', defaultPlatform);
  }

  set defaultPlatform(value: Platform) {
    this.store.set('defaultPlatform', value);
  }

  private write(key: string, value: unknown): void {
    if (value === null || value === undefined) this.store.delete(key);
    else this.store.set(key, value);
  }

  private raw(key: SettingsKey): unknown {
    try {
      return this.store.get(key);
    } catch (err) {
      throw corruptSettings(this.store.path, err);
    }
  }

  private read<K extends SettingsKey>(key: K, fallback: SettingsValue<K>): SettingsValue<K> {
    const raw = this.raw(key);
    if (raw === undefined) return fallback;
    const parsed = settingsSchemas[key].safeParse(raw) as z.ZodSafeParseResult<SettingsValue<K>>;
    if (!parsed.success) {
      throw new CountersignError('corrupt', 'error.corruptSettings', {
        file: this.store.path,
        details: `“${key}”: ${describeIssues(parsed.error)}`,
      });
    }
    return parsed.data;
  }
}

function corruptSettings(file: string, err: unknown): CountersignError {
  const details = err instanceof Error ? err.message : String(err);
  return new CountersignError('corrupt', 'error.corruptSettings', { file, details });
}

/** Where a data directory keeps its settings (conf and electron-store add `.json` to the name). */
export function settingsFile(dataDir: string): string {
  return path.join(dataDir, `${settingsFileName}.json`);
}

/**
 * Opens settings from a store the host creates (conf for the CLI and the
 * loopback host, electron-store for the desktop app) and checks every key.
 * A file the store cannot read at all (not JSON) is reported like a bad
 * value: the file, what is wrong, what to do.
 */
export function openSettings(file: string, createStore: () => KeyValueStore): Settings {
  let store: KeyValueStore;
  try {
    store = createStore();
  } catch (err) {
    throw corruptSettings(file, err);
  }
  return new Settings(store).validate();
}

/**
 * Settings on plain `conf` for the CLI and the loopback host. The desktop app
 * passes electron-store instead, which is the same class underneath.
 */
export function openNodeSettings(dataDir: string): Settings {
  fs.mkdirSync(dataDir, { recursive: true });
  return openSettings(settingsFile(dataDir), () => new Conf<Record<string, unknown>>({ cwd: dataDir, configName: settingsFileName, projectName: 'countersign' }));
}
