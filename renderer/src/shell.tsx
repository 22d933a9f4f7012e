import { useState } from 'react';
import { localeNames, locales, type Locale, type MessageKey } from '../../shared/i18n/translate';
import type { AppContext } from './app';
import { useI18n } from './i18n';
import { LogScreen } from './log/log-screen';
import { Compose } from './screens/compose';
import { MyDrafts } from './screens/my-drafts';
import { PolicyScreen } from './screens/policy-screen';
import { ProfilePicker } from './screens/profile-picker';
import { ReviewQueue } from './screens/review-queue';

type Section = 'compose' | 'myDrafts' | 'queue' | 'policy' | 'log';

const sectionsFor: Record<string, Section[]> = {
  executive: ['compose', 'myDrafts'],
  // The log's dashboard and exports are refused to executives by the main process too.
  reviewer: ['queue', 'log'],
  admin: ['queue', 'policy', 'log'],
};

const sectionLabel: Record<Section, MessageKey> = { compose: 'nav.compose', myDrafts: 'nav.myDrafts', queue: 'nav.queue', policy: 'nav.policy', log: 'nav.approvedLog' };

/** The window's frame: who is working, the language, the sections of their role, and the notice line. */
export function Shell({ ctx, onProfilesChanged }: { ctx: AppContext; onProfilesChanged: () => void }) {
  const { t, errorText, locale } = useI18n();
  const { api, session, profiles, notice, run, setSession, setNotice } = ctx;
  const [picking, setPicking] = useState(false);
  const sections = session.profile ? (sectionsFor[session.profile.role] ?? []) : [];
  const [chosen, setSection] = useState<Section | undefined>();
  const section = chosen && sections.includes(chosen) ? chosen : sections[0];

  const switchTo = async (name: string) => {
    const next = await run(api.switchProfile({ name }));
    if (next) {
      setSession(next);
      setPicking(false);
      setNotice(null);
    }
  };
  const setLocale = async (locale: Locale) => {
    const next = await run(api.setLocale({ locale }));
    if (next) setSession(next);
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
          <label className="field-inline">
            <span>{t('language.label')}</span>
            <select value={locale} onChange={(e) => void setLocale(e.target.value as Locale)}>
              {locales.map((l) => (
                <option key={l} value={l} lang={l}>
                  {localeNames[l]}
                </option>
              ))}
            </select>
          </label>
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
          <ProfilePicker
            ctx={ctx}
            canAdd={profiles.length === 0 || session.profile?.role === 'admin'}
            onPick={(name) => void switchTo(name)}
            onAdded={onProfilesChanged}
          />
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
                </li>
              ))}
            </ul>
          </nav>
          <main className="content">
            {section === 'compose' && <Compose ctx={ctx} />}
            {section === 'myDrafts' && <MyDrafts ctx={ctx} />}
            {section === 'queue' && <ReviewQueue ctx={ctx} />}
            {section === 'policy' && <PolicyScreen ctx={ctx} />}
            {section === 'log' && <LogScreen ctx={ctx} />}
          </main>
        </div>
      )}
    </div>
  );
}
