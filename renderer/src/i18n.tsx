import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { translate, type Locale, type MessageKey, type MessageParams } from '../../shared/i18n/translate';
import type { ApiError } from '../../shared/errors';

/** Every text and number the UI shows goes through these, so a language switch reaches all of them. */
export interface I18n {
  locale: Locale;
  t: (key: MessageKey, params?: MessageParams) => string;
  /** An error from the core, in this UI's language. */
  errorText: (error: ApiError) => string;
  dateTime: (iso: string) => string;
  /** A length of time, coarsely: "5 minutes", "3 hours", "2 days" (or "less than a minute"). */
  duration: (ms: number) => string;
  /** A count with the locale's grouping: 100,000. */
  number: (n: number) => string;
}

const I18nContext = createContext<I18n | null>(null);

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** Formats for `locale`, built once per language rather than on every render. */
export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo<I18n>(() => {
    const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const units = {
      minute: new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' }),
      hour: new Intl.NumberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'long' }),
      day: new Intl.NumberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long' }),
    };
    const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
    const duration = (ms: number) => {
      if (ms < minute) return t('time.underAMinute');
      if (ms < hour) return units.minute.format(Math.floor(ms / minute));
      if (ms < 2 * day) return units.hour.format(Math.floor(ms / hour));
      return units.day.format(Math.floor(ms / day));
    };
    const count = new Intl.NumberFormat(locale);
    return {
      locale,
      t,
      errorText: (error) => t(error.code, error.params),
      dateTime: (iso) => format.format(new Date(iso)),
      duration,
      number: (n) => count.format(n),
    };
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The UI language's texts and formats; fails loudly outside I18nProvider rather than showing keys. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
