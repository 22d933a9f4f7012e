import { describe, expect, it } from 'vitest';
import { findPii, luhnValid, validResidentId } from '../../shared/rules/pii';
import { foldText } from '../../shared/rules/fold';

const found = (kind: Parameters<typeof findPii>[0], text: string) => findPii(kind, foldText(text)).map((s) => text.slice(s.start, s.end));

describe('personal-data validators', () => {
  it('resident ID: checksum and birth date must both be right', () => {
    expect(validResidentId('11010519491231002X')).toBe(true);
    expect(validResidentId('11010519491231002x')).toBe(true);
    expect(validResidentId('110105194912310021')).toBe(false); // checksum
    expect(validResidentId('110105194902300020')).toBe(false); // 30 February
    expect(validResidentId('110105299912310020')).toBe(false); // born in the future
    expect(found('cn-resident-id', '身份证号11010519491231002X请核对')).toEqual(['11010519491231002X']);
    expect(found('cn-resident-id', '编号110105194912310021')).toEqual([]);
  });

  it('bank cards: Luhn, 16–19 digits, grouped or not', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(found('bank-card', 'card 4111 1111 1111 1111 thanks')).toEqual(['4111 1111 1111 1111']);
    expect(found('bank-card', '卡号４１１１１１１１１１１１１１１１')).toEqual(['４１１１１１１１１１１１１１１１']);
    expect(found('bank-card', 'order 4111111111111112')).toEqual([]);
  });

  it('mainland mobiles, with or without +86 and separators; not hotlines', () => {
    expect(found('cn-mobile', '电话13812345678')).toEqual(['13812345678']);
    expect(found('cn-mobile', '+86 138-1234-5678')).toEqual(['+86 138-1234-5678']);
    expect(found('cn-mobile', '热线400-800-1234，95588')).toEqual([]);
    expect(found('cn-mobile', '订单号 2013812345678')).toEqual([]);
  });

  it('international numbers need a country code and a plausible length', () => {
    expect(found('intl-phone', 'Call +44 7700 900123 now')).toEqual(['+44 7700 900123']);
    expect(found('intl-phone', '+1 (415) 555-0132')).toEqual(['+1 (415) 555-0132']);
    expect(found('intl-phone', 'up +12%')).toEqual([]);
  });

  it('e-mail: personal addresses, not published role mailboxes', () => {
    expect(found('email', 'mail li.na@gmail.com or service@jd.com')).toEqual(['li.na@gmail.com']);
    expect(found('email', 'ＬＩ@ｑｑ.ｃｏｍ')).toEqual(['ＬＩ@ｑｑ.ｃｏｍ']);
  });
});
