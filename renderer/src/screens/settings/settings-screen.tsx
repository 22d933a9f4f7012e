import { localeNames } from '../../../../shared/i18n/translate';
import type { Platform } from '../../../../shared/model';
import { themes, type Theme } from '../../../../shared/preferences';
import { useApp } from '../../app-context';
import { LanguageSelect } from '../../components/language-select';
import { PlatformSelect } from '../../components/platform-select';
import { useI18n } from '../../i18n';
import { NotificationSettings } from './notification-settings';
import { ProfileSettings } from './profile-settings';

/**
 * Settings: profiles, theme, language, default platform and notifications;
 * admins also reach the policy from here (edited on its own screen).
 */
export function SettingsScreen({ onOpenPolicy }: { onOpenPolicy: () => void }) {
  const { t, locale } = useI18n();
  const { api, run, session, preferences, setPreferences, setNotice } = useApp();

  // Shown at once (a theme must switch on the click); the host's answer, or the old value on a refusal, follows.
  const save = async (change: { theme?: Theme; defaultPlatform?: Platform }) => {
    const before = preferences;
    setPreferences({ ...preferences, ...change });
    const next = await run(api.setPreferences(change));
    setPreferences(next ?? before);
    if (next) setNotice({ tone: 'info', key: 'settings.saved' });
  };
  const systemLanguage = localeNames[preferences.systemLocale ?? locale];

  return (
    <div className="settings stack">
      <h1>{t('settings.title')}</h1>
      <ProfileSettings />

      <section className="panel stack" aria-labelledby="settings-appearance">
        <h2 id="settings-appearance">{t('settings.appearance')}</h2>
        <fieldset className="choice-group">
          <legend>{t('settings.theme')}</legend>
          {themes.map((theme) => (
            <label key={theme} className="check">
              <input type="radio" name="theme" value={theme} checked={preferences.theme === theme} onChange={() => void save({ theme })} />
              <span>{t(`theme.${theme}`)}</span>
            </label>
          ))}
        </fieldset>
        <LanguageSelect className="field" />
        {session.locale === null && <p className="hint">{t('settings.languageDefault', { language: systemLanguage })}</p>}
        <PlatformSelect
          value={preferences.defaultPlatform}
          onChange={(defaultPlatform) => void save({ defaultPlatform })}
          label={t('settings.defaultPlatform')}
          describedBy="default-platform-hint"
        />
        <p className="hint" id="default-platform-hint">
          {t('settings.defaultPlatformHint')}
        </p>
      </section>

      <NotificationSettings />

      {session.profile?.role === 'admin' && (
        <section className="panel stack" aria-labelledby="settings-policy">
          <h2 id="settings-policy">{t('settings.policy')}</h2>
          <p className="hint">{t('settings.policyHint')}</p>
          <div>
            <button type="button" className="secondary" onClick={onOpenPolicy}>
              {t('settings.openPolicy')}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
