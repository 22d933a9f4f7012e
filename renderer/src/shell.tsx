import { useEffect, useState } from 'react';
import type { MessageKey } from '../../shared/i18n/translate';
import { useApp } from './app-context';
import { LanguageSelect } from './components/language-select';
import { useI18n } from './i18n';
import { NotificationToasts } from './notifications/notification-toasts';
import { useWaitingCount } from './notifications/use-waiting-count';
import { Compose } from './screens/compose/compose';
import { LogScreen } from './screens/log/log-screen';
import { MyDrafts } from './screens/my-drafts/my-drafts';
import { PolicyScreen } from './screens/policy/policy-screen';
import { ProfilePicker } from './screens/profile-picker/profile-picker';
import { ReviewQueue } from './screens/review/review-queue';
import { SettingsScreen } from './screens/settings/settings-screen';

type Section = 'compose' | 'myDrafts' | 'queue' | 'policy' | 'log' | 'settings';

const sectionsFor: Record<string, Section[]> = {
  executive: ['compose', 'myDrafts', 'settings'],
  // The log's dashboard and exports are refused to executives by the main process too.
  reviewer: ['queue', 'log', 'settings'],
  admin: ['queue', 'policy', 'log', 'settings'],
};

/** Where the count of drafts waiting for the profile is shown. */
const waitingSection: Record<string, Section> = { executive: 'myDrafts', reviewer: 'queue', admin: 'queue' };

const sectionLabel: Record<Section, MessageKey> = { compose: 'nav.compose', myDrafts: 'nav.myDrafts', queue: 'nav.queue', policy: 'nav.policy', log: 'nav.approvedLog', settings: 'nav.settings' };

/** The window's frame: who is working, the language, the sections of their role, and the notice line. */
export function Shell() {
  const { t, errorText, locale } = useI18n();
  const { api, session, profiles, notice, run, setSession, setNotice } = useApp();
  const [picking, setPicking] = useState(false);
  const sections = session.profile ? (sectionsFor[session.profile.role] ?? []) : [];
  const [chosen, setSection] = useState<Section | undefined>();
  const section = chosen && sections.includes(chosen) ? chosen : sections[0];
  const waiting = useWaitingCount(session.profile);
  const waitingIn = session.profile ? waitingSection[session.profile.role] : undefined;
  const title = t('app.title');
  useEffect(() => {
    document.title = waiting > 0 ? t('app.titleWaiting', { count: waiting, title }) : title;
  }, [waiting, title, t]);

  const switchTo = async (name: string) => {
    const next = await run(api.switchProfile({ name }));
    if (next) {
      setSession(next);
      setPicking(false);
      setNotice(null);
    }
  };

  const showPicker = picking || !session.profile;
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="brand-name">{t('app.title')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <div className="topbar-controls">
          {session.profile && (
            <label className="field-inline">
              <span>{t('profile.workingAs')}</span>
              <select value={session.profile.name} onChange={(e) => void switchTo(e.target.value)}>
                {profiles.map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.name} · {t(`role.${p.role}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {session.profile && !picking && (
            <button type="button" className="secondary" onClick={() => setPicking(true)}>
              {t('profile.switch')}
            </button>
          )}
          <LanguageSelect className="field-inline" />
        </div>
      </header>

      <div className="notice-line" role={notice?.tone === 'error' ? 'alert' : 'status'} aria-live="polite">
        {notice && (
          <>
            <span className={`notice notice-${notice.tone}`}>
              {notice.tone === 'error' ? errorText(notice.error) : t(notice.key, notice.params)}
            </span>
            <button type="button" className="link" onClick={() => setNotice(null)}>
              {t('common.close')}
            </button>
          </>
        )}
      </div>

      {showPicker ? (
        <main className="content">
          <ProfilePicker canAdd={profiles.length === 0 || session.profile?.role === 'admin'} onPick={(name) => void switchTo(name)} />
        </main>
      ) : (
        <div className="workspace">
          <nav className="sidebar" aria-label={t('nav.label')}>
            <ul>
              {sections.map((s) => (
                <li key={s}>
                  <button type="button" aria-current={s === section ? 'page' : undefined} onClick={() => setSection(s)}>
                    {t(sectionLabel[s])}
                  </button>
                  {s === waitingIn && waiting > 0 && (
                    <span className="nav-count" role="status" aria-label={t('nav.waiting', { count: waiting })}>
                      {waiting.toLocaleString(locale)}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </nav>
          <main className="content">
            {section === 'compose' && <Compose />}
            {section === 'myDrafts' && <MyDrafts />}
            {section === 'queue' && <ReviewQueue />}
            {section === 'policy' && <PolicyScreen />}
            {section === 'log' && <LogScreen />}
            {section === 'settings' && <SettingsScreen onOpenPolicy={() => setSection('policy')} />}
          </main>
        </div>
      )}
      {/* Keyed by profile: a switch clears notices meant for the previous one. */}
      <NotificationToasts key={session.profile?.name ?? ''} />
    </div>
  );
}
