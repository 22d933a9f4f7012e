import { createContext, useContext, type ReactNode } from 'react';
import type { CountersignApi } from '../../shared/api';
import type { Session } from '../../shared/contract';
import type { ApiError, ApiResult } from '../../shared/errors';
import type { MessageKey, MessageParams } from '../../shared/i18n/translate';
import type { Profile } from '../../shared/model';
import type { Preferences } from '../../shared/preferences';

/** The one line under the top bar: a refusal from the core, or what an action just did. */
export type Notice = { tone: 'error'; error: ApiError } | { tone: 'info'; key: MessageKey; params?: MessageParams };

/** What every screen gets: the API, the read model and a way to report. */
export interface AppContext {
  api: CountersignApi;
  session: Session;
  profiles: Profile[];
  notice: Notice | null;
  setNotice: (notice: Notice | null) => void;
  reportError: (error: ApiError) => void;
  /** Runs a call; reports its error and returns null when it fails. */
  run: <T>(call: Promise<ApiResult<T>>) => Promise<T | null>;
  setSession: (session: Session) => void;
  /** Asks for the session, the profiles and the preferences again, after a change made here. */
  reloadProfiles: () => void;
  /** Theme, default platform and the languages; updated by the Settings screen and by preferencesChanged. */
  preferences: Preferences;
  setPreferences: (preferences: Preferences) => void;
}

const Context = createContext<AppContext | null>(null);

/** Hands the app context to every screen below it, so none has to pass it on. */
export function AppProvider({ value, children }: { value: AppContext; children: ReactNode }) {
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The app context; only below AppProvider, which App renders once the session and preferences are in. */
export function useApp(): AppContext {
  const value = useContext(Context);
  if (!value) throw new Error('useApp outside AppProvider');
  return value;
}
