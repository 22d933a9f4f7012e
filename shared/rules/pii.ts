import type { TextSpan } from './types';

// Personal-data detectors: a pattern finds candidates, a validator decides.
// They run on folded text (full-width digits are ASCII), so spans are true.

export const piiKinds = ['cn-mobile', 'intl-phone', 'email', 'cn-resident-id', 'bank-card'] as const;
export type PiiKind = (typeof piiKinds)[number];

const digitsOnly = (s: string) => s.replace(/\D/g, '');

function spans(folded: string, pattern: RegExp, valid: (match: RegExpExecArray) => boolean): TextSpan[] {
  const out: TextSpan[] = [];
  for (const match of folded.matchAll(pattern)) {
    if (valid(match)) out.push({ start: match.index, end: match.index + match[0].length });
  }
  return out;
}

// 11 digits from 13x–19x, optionally +86 and grouped 3-4-4 with spaces or dashes.
const cnMobile = /(?<![\d+])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g;

// E.164-style: + country code and 7–14 more digits in groups. Mainland mobiles are their own kind.
const intlPhone = /(?<![\w+])\+\d{1,3}(?:[\s-]?\(?\d{1,4}\)?){2,5}(?!\d)/g;

const email = /(?<![\w.+-])[a-z0-9][a-z0-9._%+-]{0,63}@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}(?![\w-])/g;
// Role addresses are published on purpose (service@, pr@…): not personal data.
const roleMailbox = /^(service|support|help|helpdesk|pr|press|media|info|contact|hello|hr|jobs|careers|kefu|feedback|sales|marketing|investor|ir|official|admin|noreply|no-reply|customer|care|cs)$/;

const residentId = /(?<![\dx])[1-8]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dx](?![\dx])/g;
const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheck = '10x98765432';

// 16–19 digits, optionally in groups of four; UnionPay (62), Visa (4), Mastercard (5), Amex/JCB (3).
const bankCard = /(?<!\d)[3-6]\d{3}(?:[\s-]?\d{4}){2}[\s-]?\d{4,7}(?!\d)/g;

export function validResidentId(id: string): boolean {
  const upper = id.toLowerCase();
  if (!/^\d{17}[\dx]$/.test(upper)) return false;
  const year = Number(upper.slice(6, 10));
  const month = Number(upper.slice(10, 12));
  const day = Number(upper.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  if (year < 1900 || date.getTime() > Date.now()) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(upper[i]) * (idWeights[i] as number);
  return idCheck[sum % 11] === upper[17];
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Where personal data of one kind occurs in (folded) text. */
export function findPii(kind: PiiKind, folded: string): TextSpan[] {
  switch (kind) {
    case 'cn-mobile':
      return spans(folded, cnMobile, () => true);
    case 'intl-phone':
      return spans(folded, intlPhone, (m) => {
        const digits = digitsOnly(m[0]);
        if (/^861[3-9]\d{9}$/.test(digits)) return false;
        return digits.length >= 8 && digits.length <= 15;
      });
    case 'email':
      return spans(folded, email, (m) => !roleMailbox.test(m[0].split('@')[0] ?? ''));
    case 'cn-resident-id':
      return spans(folded, residentId, (m) => validResidentId(m[0]));
    case 'bank-card':
      return spans(folded, bankCard, (m) => {
        const digits = digitsOnly(m[0]);
        return digits.length >= 16 && digits.length <= 19 && luhnValid(digits) && !validResidentId(digits);
      });
  }
}
