import { describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/en';
import { pickLocale, translate } from '../../shared/i18n/translate';
import { zhHans } from '../../shared/i18n/zh-hans';
import { zhHant } from '../../shared/i18n/zh-hant';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it.each([
    ['zh-Hans', zhHans],
    ['zh-Hant', zhHant],
  ])('%s has every English key with the same placeholders', (_name, catalog) => {
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      expect(placeholders(catalog[key as keyof typeof en]), key).toEqual(placeholders(text));
    }
  });

  it('translates codes inside parameters (roles, statuses, actions)', () => {
    const params = { actor: '张伟', role: 'executive', action: 'approve' };
    expect(translate('en', 'error.roleNotAllowed', params)).toBe('张伟 works as Executive and may not approve drafts.');
    expect(translate('zh-Hans', 'error.roleNotAllowed', params)).toBe('张伟 的角色是高管，不能批准草稿。');
    expect(translate('zh-Hant', 'error.roleNotAllowed', params)).toBe('张伟 的角色是主管，不能核准草稿。');
  });

  it('formats numbers for the locale', () => {
    expect(translate('en', 'error.textTooLong', { length: 1048576, max: 20000 })).toContain('1,048,576');
  });

  it('picks a locale from system language tags', () => {
    expect(pickLocale(['zh-TW'])).toBe('zh-Hant');
    expect(pickLocale(['zh-HK', 'en'])).toBe('zh-Hant');
    expect(pickLocale(['zh-Hant-TW'])).toBe('zh-Hant');
    expect(pickLocale(['zh-CN'])).toBe('zh-Hans');
    expect(pickLocale(['zh_SG'])).toBe('zh-Hans');
    expect(pickLocale(['fr-FR', 'en-GB'])).toBe('en');
    expect(pickLocale(['de'])).toBe('en');
  });
});
