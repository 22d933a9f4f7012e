import { localeNames, locales, type Locale } from '../../../shared/i18n/translate';
import { useApp } from '../app-context';
import { useI18n } from '../i18n';

/** The UI language picker of the top bar and of Settings: one place that saves the choice and applies it. */
export function LanguageSelect({ className }: { className: 'field' | 'field-inline' }) {
  const { t, locale } = useI18n();
  const { api, run, setSession } = useApp();
  // The language belongs to the session (per profile); the answer is the session to show.
  const setLocale = async (value: Locale) => {
    const next = await run(api.setLocale({ locale: value }));
    if (next) setSession(next);
  };
  return (
    <label className={className}>
      <span>{t('language.label')}</span>
      <select value={locale} onChange={(e) => void setLocale(e.target.value as Locale)}>
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {localeNames[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
