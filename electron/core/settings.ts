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

/** Typed, validated access to settings, profiles and preferences. */
export class Settings {
  constructor(private readonly store: KeyValueStore) {}

  get path(): string {
    return this.store.path;
  }

  get profiles(): Profile[] {
    return this.read('profiles', profilesSchema, []);
  }

  set profiles(value: Profile[]) {
    this.store.set('profiles', value);
  }

  get lastProfile(): string | null {
    return this.read('lastProfile', z.string().nullable(), null);
  }

  set lastProfile(value: string | null) {
    this.write('lastProfile', value);
  }

  /** The team's policy file (lists and severity overrides on top of the built-in policy). */
  get policy(): PolicyFile {
    return this.read('policy', policyFileSchema, { extends: 'default' });
  }

  set policy(value: PolicyFile) {
    this.store.set('policy', value);
  }

  get locale(): Locale | null {
    return this.read('locale', z.enum(locales).nullable(), null);
  }

  set locale(value: Locale | null) {
    this.write('locale', value);
  }

  get theme(): Theme {
    return this.read('theme', z.enum(themes), defaultTheme);
  }

  set theme(value: Theme) {
    this.store.set('theme', value);
  }

  /** Where Compose starts. */
  get defaultPlatform(): Platform {
    return this.read('defaultPlatform', z.enum(platforms), defaultPlatform);
  }

  set defaultPlatform(value: Platform) {
    this.store.set('defaultPlatform', value);
  }

  private write(key: string, value: unknown): void {
    if (value === null || value === undefined) this.store.delete(key);
    else this.store.set(key, value);
  }

  private read<T>(key: string, schema: z.ZodType<T>, fallback: T): T {
    let raw: unknown;
    try {
      raw = this.store.get(key);
    } catch (err) {
      throw corruptSettings(this.store.path, err);
    }
    if (raw === undefined) return fallback;
    const parsed = schema.safeParse(raw);
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

/**
 * Settings on plain `conf` for the CLI and the loopback host. The desktop app
 * passes electron-store instead, which is the same class underneath.
 */
export function openNodeSettings(dataDir: string): Settings {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, `${settingsFileName}.json`);
  try {
    const conf = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: settingsFileName, projectName: 'countersign' });
    return new Settings(conf);
  } catch (err) {
    throw corruptSettings(file, err);
  }
}
