import { CountersignError } from '../../../shared/errors';
import type { Locale } from '../../../shared/i18n/translate';
import type { Platform, Profile, Role } from '../../../shared/model';
import { requirePermission, type Asker } from '../../../shared/permissions';
import type { Preferences, Theme } from '../../../shared/preferences';
import { profileNameProblem } from '../../../shared/text-rules';
import { actedInJournal } from '../store/journal-tail';
import type { CoreContext } from './core-context';

/** The profiles people work as, and the preferences kept with them. */
export class ProfilesDomain {
  constructor(private readonly context: CoreContext) {}

  list(): Profile[] {
    return this.context.settings.profiles;
  }

  require(name: string): Profile {
    const profile = this.list().find((p) => p.name === name.trim());
    if (!profile) throw new CountersignError('not_found', 'error.profileNotFound', { name });
    return profile;
  }

  add(input: { name: string; role: Role }, by: Asker): Profile {
    throwIf(profileNameProblem(input.name));
    const profiles = this.list();
    requirePermission('addProfile', by, { profileCount: profiles.length });
    const name = input.name.trim().normalize('NFC');
    if (profiles.some((p) => p.name.toLowerCase() === name.toLowerCase())) {
      throw new CountersignError('invalid', 'error.profileExists', { name });
    }
    const profile: Profile = { name, role: input.role, createdAt: this.context.clock().toISOString() };
    this.context.settings.profiles = [...profiles, profile];
    this.context.notify({ profiles: true });
    return profile;
  }

  /**
   * Renames a profile: an admin may rename anyone, a profile itself (or
   * someone at the terminal). The journal names who acted by name and is
   * never rewritten, so a name that is on record stays with its history:
   * renaming is refused once the profile has acted on any draft.
   */
  async rename(input: { name: string; newName: string }, by: Profile | 'terminal'): Promise<Profile> {
    throwIf(profileNameProblem(input.newName));
    const target = this.require(input.name);
    requirePermission('renameProfile', by, { target: target.name, profileCount: this.list().length });
    const newName = input.newName.trim().normalize('NFC');
    if (newName === target.name) return target;
    const { settings, store } = this.context;
    // Under the write lock: no draft can be written under the old name between the check and the rename.
    return store.transact(async () => {
      const profiles = settings.profiles;
      if (profiles.some((p) => p.name !== target.name && p.name.toLowerCase() === newName.toLowerCase())) {
        throw new CountersignError('invalid', 'error.profileExists', { name: newName });
      }
      if (await actedInJournal(store.file, target.name)) throw new CountersignError('refused', 'error.nameOnRecord', { name: target.name });
      const renamed: Profile = { ...target, name: newName };
      settings.profiles = profiles.map((p) => (p.name === target.name ? renamed : p));
      if (settings.lastProfile === target.name) settings.lastProfile = newName;
      this.context.notify({ profiles: true });
      return renamed;
    });
  }

  /** Changes a profile's role: admins only (or the terminal), and the last admin stays an admin. Past events keep the role they were recorded with. */
  setRole(input: { name: string; role: Role }, by: Profile | 'terminal'): Profile {
    const target = this.require(input.name);
    const profiles = this.list();
    requirePermission('setProfileRole', by, { target: target.name, profileCount: profiles.length });
    if (target.role === input.role) return target;
    if (target.role === 'admin' && !profiles.some((p) => p.role === 'admin' && p.name !== target.name)) {
      throw new CountersignError('refused', 'error.lastAdmin', { name: target.name });
    }
    const changed: Profile = { ...target, role: input.role };
    this.context.settings.profiles = profiles.map((p) => (p.name === target.name ? changed : p));
    this.context.notify({ profiles: true });
    return changed;
  }

  get locale(): Locale | null {
    return this.context.settings.locale;
  }

  set locale(value: Locale | null) {
    this.context.settings.locale = value;
  }

  /** Theme and default platform as saved; the host adds the locale it knows of. */
  preferences(): Omit<Preferences, 'systemLocale'> {
    const { settings } = this.context;
    return { locale: settings.locale, theme: settings.theme, defaultPlatform: settings.defaultPlatform };
  }

  setPreferences(input: { theme?: Theme | undefined; defaultPlatform?: Platform | undefined }): Omit<Preferences, 'systemLocale'> {
    const { settings } = this.context;
    if (input.theme !== undefined) settings.theme = input.theme;
    if (input.defaultPlatform !== undefined) settings.defaultPlatform = input.defaultPlatform;
    this.context.notify({ preferences: true });
    return this.preferences();
  }
}

export function throwIf(problem: CountersignError | null): void {
  if (problem) throw problem;
}
