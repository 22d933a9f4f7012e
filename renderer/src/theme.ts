import { useEffect } from 'react';
import { themes, type Theme } from '../../shared/preferences';

const cacheKey = 'countersign.theme';
const darkQuery = '(prefers-color-scheme: dark)';

/** The colours in force: the setting, or the system's when the setting is `system`. */
export function resolveTheme(theme: Theme, systemDark: boolean): 'light' | 'dark' {
  if (theme === 'system') return systemDark ? 'dark' : 'light';
  return theme;
}

/** Sets `data-theme` on <html>, which selects the colour set in styles.css. */
export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  root.dataset.theme = resolveTheme(theme, window.matchMedia(darkQuery).matches);
  root.dataset.themeSetting = theme;
}

/**
 * The last theme this page applied, so the first paint does not flash light
 * before the host answers (the host's setting wins as soon as it arrives).
 */
export function cachedTheme(): Theme {
  try {
    const value = window.localStorage.getItem(cacheKey);
    return (themes as readonly string[]).includes(value ?? '') ? (value as Theme) : 'system';
  } catch {
    return 'system';
  }
}

/** Applies `theme` and, while it is `system`, follows the system's changes. */
export function useAppliedTheme(theme: Theme): void {
  useEffect(() => {
    applyTheme(theme);
    try {
      window.localStorage.setItem(cacheKey, theme);
    } catch {
      // Storage may be unavailable; the host's setting still applies.
    }
    if (theme !== 'system') return;
    const query = window.matchMedia(darkQuery);
    const follow = () => applyTheme('system');
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, [theme]);
}
