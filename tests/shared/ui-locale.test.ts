import { describe, expect, it } from 'vitest';
import { pickLocale } from '../../shared/i18n/translate';
import { uiLocale } from '../../shared/preferences';

describe('the UI language', () => {
  it('maps system locales: Simplified for zh-CN, zh-SG and zh-Hans; Traditional for zh-TW, zh-HK, zh-MO and zh-Hant; else English', () => {
    const cases: [string, string][] = [
      ['zh-CN', 'zh-Hans'],
      ['zh-SG', 'zh-Hans'],
      ['zh-Hans', 'zh-Hans'],
      ['zh-Hans-CN', 'zh-Hans'],
      ['zh', 'zh-Hans'],
      ['zh-TW', 'zh-Hant'],
      ['zh-HK', 'zh-Hant'],
      ['zh-MO', 'zh-Hant'],
      ['zh-Hant', 'zh-Hant'],
      ['zh-Hant-HK', 'zh-Hant'],
      ['zh_TW', 'zh-Hant'],
      ['en-US', 'en'],
      ['ja-JP', 'en'],
    ];
    expect(cases.map(([tag]) => [tag, pickLocale([tag])])).toEqual(cases);
  });

  it('uses the saved choice first, then the desktop host\'s system language, then the browser\'s', () => {
    expect(uiLocale('en', 'zh-Hant', ['zh-CN'])).toBe('en');
    expect(uiLocale(null, 'zh-Hant', ['zh-CN'])).toBe('zh-Hant');
    expect(uiLocale(null, null, ['zh-CN', 'en'])).toBe('zh-Hans');
    expect(uiLocale(null, null, ['fr-FR'])).toBe('en');
    expect(uiLocale(null, null, [])).toBe('en');
  });
});
