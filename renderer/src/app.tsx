import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CountersignApi } from '../../shared/api';
import type { Session } from '../../shared/contract';
import type { ApiError, ApiResult } from '../../shared/errors';
import type { Profile } from '../../shared/model';
import { defaultPlatform, defaultTheme, uiLocale, type Preferences } from '../../shared/preferences';
import { AppProvider, type AppContext, type Notice } from './app-context';
import { I18nProvider, useI18n } from './i18n';
import { Shell } from './shell';
import { cachedTheme, useAppliedTheme } from './theme';

/** Until the host answers: the system's language and colours, Weibo. */
const fallbackPreferences: Preferences = { locale: null, systemLocale: null, theme: defaultTheme, defaultPlatform };

export function App({ api }: { api: CountersignApi }) {
  const [session, setSession] = useState<Session | null>(null);
  const [profiles, setProfiles] = useState<Profile[]>([]);
  const [draftsVersion, setDraftsVersion] = useState(0);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [preferences, setPreferences] = useState<Preferences | null>(null);

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

  // Session and profiles are reloaded whenever `profilesVersion` moves.
  const [profilesVersion, setProfilesVersion] = useState(0);
  const reloadProfiles = useCallback(() => setProfilesVersion((v) => v + 1), []);
  useEffect(() => {
    let live = true;
    void Promise.all([api.getSession({}), api.listProfiles({})]).then(([s, list]) => {
      if (!live) return;
      if (s.ok) setSession(s.value);
      else reportError(s.error);
      if (list.ok) setProfiles(list.value);
      else reportError(list.error);
    });
    return () => {
      live = false;
    };
  }, [api, reportError, profilesVersion]);

  // Reloaded on profilesChanged too: another process's change to the settings file arrives as that.
  const [preferencesVersion, setPreferencesVersion] = useState(0);
  useEffect(() => {
    let live = true;
    void api.getPreferences({}).then((result) => {
      if (!live) return;
      if (result.ok) setPreferences(result.value);
      else reportError(result.error);
    });
    return () => {
      live = false;
    };
  }, [api, reportError, preferencesVersion, profilesVersion]);
  useEffect(() => api.events.preferencesChanged(() => setPreferencesVersion((v) => v + 1)), [api]);

  useEffect(() => {
    const offProfiles = api.events.profilesChanged(reloadProfiles);
    const offDrafts = api.events.draftsChanged(() => setDraftsVersion((v) => v + 1));
    return () => {
      offProfiles();
      offDrafts();
    };
  }, [api, reloadProfiles]);

  const prefs = useMemo(() => preferences ?? { ...fallbackPreferences, theme: cachedTheme() }, [preferences]);
  useAppliedTheme(prefs.theme);
  // The saved choice, else the desktop host's system language, else the browser's.
  const locale = uiLocale(session?.locale ?? null, prefs.systemLocale, navigator.languages);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  // Compose starts on the default platform, so the screens wait for the preferences too.
  const ready = session && preferences ? session : null;
  const ctx = useMemo<AppContext | null>(
    () =>
      ready && { api, session: ready, profiles, draftsVersion, notice, setNotice, reportError, run, setSession, reloadProfiles, preferences: prefs, setPreferences },
    [api, ready, profiles, draftsVersion, notice, reportError, run, reloadProfiles, prefs],
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
