import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { translate, type Locale, type MessageKey, type MessageParams } from '../../shared/i18n/translate';
import type { ApiError } from '../../shared/errors';

export interface I18n {
  locale: Locale;
  t: (key: MessageKey, params?: MessageParams) => string;
  /** An error from the core, in this UI's language. */
  errorText: (error: ApiError) => string;
  dateTime: (iso: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo<I18n>(() => {
    const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
    return { locale, t, errorText: (error) => t(error.code, error.params), dateTime: (iso) => format.format(new Date(iso)) };
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
