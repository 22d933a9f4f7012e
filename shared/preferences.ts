import type { Locale } from './i18n/translate';
import { pickLocale } from './i18n/translate';
import type { Platform } from './model';

/** `system` follows the operating system's light or dark setting. */
export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

/** What the Settings screen shows and every window applies; kept in the data directory's settings file. */
export interface Preferences {
  /** The language chosen in the UI; null until someone chooses one. */
  locale: Locale | null;
  /** The operating system's language as the desktop host reads it; null where the host cannot tell (the browser knows better). */
  systemLocale: Locale | null;
  theme: Theme;
  /** Where Compose starts. */
  defaultPlatform: Platform;
}

export const defaultTheme: Theme = 'system';
export const defaultPlatform: Platform = 'weibo';

/**
 * The UI's language: the saved choice, else the system's (zh-CN, zh-SG and
 * zh-Hans read as Simplified; zh-TW, zh-HK, zh-MO and zh-Hant as
 * Traditional; anything else English).
 */
export function uiLocale(saved: Locale | null, systemLocale: Locale | null, browserLanguages: readonly string[]): Locale {
  return saved ?? systemLocale ?? pickLocale(browserLanguages);
}
