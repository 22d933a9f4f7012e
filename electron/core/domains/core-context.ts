import type { Profile, Role } from '../../../shared/model';
import type { Settings } from '../settings';
import type { DraftStore } from '../store/draft-store';

/** What changed, so each host tells its windows (events) and the desktop its theme. */
export interface Changes {
  drafts?: boolean;
  profiles?: boolean;
  policy?: boolean;
  /** Theme or default platform (the language is read with the session). */
  preferences?: boolean;
}

/** What every domain module shares: the settings, the store, time, ids and the change feed. */
export interface CoreContext {
  settings: Settings;
  store: DraftStore;
  clock: () => Date;
  newId: () => string;
  notify: (changes: Changes) => void;
  /** Applies what other processes appended to the journal, telling listeners when there was anything. */
  refresh: () => Promise<boolean>;
}

/** Who, when and as which role, as every journal record names them. */
export function stamp(context: CoreContext, actor: Profile): { at: string; actor: string; role: Role } {
  return { at: context.clock().toISOString(), actor: actor.name, role: actor.role };
}
