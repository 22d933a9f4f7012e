import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CountersignApi } from '../../shared/api';
import type { Session } from '../../shared/contract';
import type { ApiError, ApiResult } from '../../shared/errors';
import type { Profile } from '../../shared/model';
import { defaultPlatform, defaultTheme, uiLocale, type Preferences } from '../../shared/preferences';
import { AppProvider, type AppContext, type Notice } from './app-context';
import { useApiQuery } from './data/use-api-query';
import { I18nProvider, useI18n } from './i18n';
import { Shell } from './shell';
import { cachedTheme, useAppliedTheme } from './theme';

/** Until the host answers: the system's language and colours, Weibo. */
const fallbackPreferences: Preferences = { locale: null, systemLocale: null, theme: defaultTheme, defaultPlatform };
const noProfiles: Profile[] = [];

/** Who is working and the profiles, asked together: the shell shows them side by side, so they change together. */
interface People {
  session: Session;
  profiles: Profile[];
}

/** The window's root: loads what every screen needs, then hands it down through AppProvider. */
export function App({ api }: { api: CountersignApi }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const reportError = useCallback((error: ApiError) => setNotice({ tone: 'error', error }), []);
  const run = useCallback(
    async <T,>(call: Promise<ApiResult<T>>): Promise<T | null> => {
      const result = await call;
      if (result.ok) return result.value;
      reportError(result.error);
      return null;
    },
    [reportError],
  );

  const loadPeople = useCallback(async (): Promise<ApiResult<People>> => {
    const [session, profiles] = await Promise.all([api.getSession({}), api.listProfiles({})]);
    if (!session.ok) return session;
    if (!profiles.ok) return profiles;
    return { ok: true, value: { session: session.value, profiles: profiles.value } };
  }, [api]);
  const { data: people, reload: reloadPeople, setData: setPeople } = useApiQuery(api, loadPeople, { reloadOn: ['profilesChanged'], onError: reportError });
  const loadPreferences = useCallback(() => api.getPreferences({}), [api]);
  // Reloaded on profilesChanged too: another process's change to the settings file arrives as that.
  const {
    data: preferences,
    reload: reloadPreferences,
    setData: setHeldPreferences,
  } = useApiQuery(api, loadPreferences, { reloadOn: ['preferencesChanged', 'profilesChanged'], onError: reportError });

  const reloadProfiles = useCallback(() => {
    reloadPeople();
    reloadPreferences();
  }, [reloadPeople, reloadPreferences]);
  const setSession = useCallback((session: Session) => setPeople((held) => ({ profiles: held?.profiles ?? noProfiles, session })), [setPeople]);
  const setPreferences = useCallback((next: Preferences) => setHeldPreferences(() => next), [setHeldPreferences]);
  const session = people?.session ?? null;
  const profiles = people?.profiles ?? noProfiles;

  const prefs = useMemo(() => preferences ?? { ...fallbackPreferences, theme: cachedTheme() }, [preferences]);
  useAppliedTheme(prefs.theme);
  // The saved choice, else the desktop host's system language, else the browser's.
  const locale = uiLocale(session?.locale ?? null, prefs.systemLocale, navigator.languages);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  // The host says when the core's process stopped and came back (or did not): every window shows it.
  useEffect(() => api.events.coreStatus(({ state }) => setNotice({ tone: 'info', key: `core.${state}` })), [api]);

  // Compose starts on the default platform, so the screens wait for the preferences too.
  const ready = session && preferences ? session : null;
  const ctx = useMemo<AppContext | null>(
    () =>
      ready && { api, session: ready, profiles, notice, setNotice, reportError, run, setSession, reloadProfiles, preferences: prefs, setPreferences },
    [api, ready, profiles, notice, reportError, run, setSession, reloadProfiles, prefs, setPreferences],
  );

  return (
    <I18nProvider locale={locale}>
      {ctx ? (
        <AppProvider value={ctx}>
          <Shell />
        </AppProvider>
      ) : (
        <LoadingOrError notice={notice} />
      )}
    </I18nProvider>
  );
}

function LoadingOrError({ notice }: { notice: Notice | null }) {
  const { t, errorText } = useI18n();
  // Before the first answer there is no session; show why if the host refused.
  return notice?.tone === 'error' ? <p role="alert">{errorText(notice.error)}</p> : <p aria-busy="true">{t('common.loading')}</p>;
}
