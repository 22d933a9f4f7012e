import { en, type MessageKey } from './en';
import { zhHans } from './zh-hans';
import { zhHant } from './zh-hant';

export type { MessageKey } from './en';

export const locales = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type Locale = (typeof locales)[number];

/** Each language's own name, shown as-is in every UI language. */
export const localeNames: Record<Locale, string> = {
  'zh-Hans': '简体中文',
  'zh-Hant': '繁體中文',
  en: 'English',
};

const catalogs: Record<Locale, Record<MessageKey, string>> = {
  en,
  'zh-Hans': zhHans,
  'zh-Hant': zhHant,
};

export type MessageParams = Record<string, string | number>;

// Parameters with these names hold codes (a role, a status…) that are
// themselves translated, so a refusal reads naturally in every language.
const vocabularies = new Set(['role', 'status', 'action', 'platform', 'note', 'purpose']);

export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const catalog = catalogs[locale];
  return catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (vocabularies.has(name)) {
      const vocabKey = `${name}.${value}`;
      if (vocabKey in catalog) return catalog[vocabKey as MessageKey];
    }
    return typeof value === 'number' ? value.toLocaleString(locale) : value;
  });
}

/** Maps BCP 47 tags (navigator.languages, LANG) to a supported locale. */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const lower = tag.toLowerCase().replace('_', '-');
    if (lower.startsWith('zh')) {
      return /^zh-(hant|tw|hk|mo)/.test(lower) ? 'zh-Hant' : 'zh-Hans';
    }
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
