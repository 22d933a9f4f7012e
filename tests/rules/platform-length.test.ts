import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { countLength, findUrls, platformLimits } from '../../shared/rules/platform-length';

// twitter-text's conformance data lives beside the repository, not in it.
const validateFile = path.resolve(__dirname, '../../../shared/data/twitter-text/validate.yml');
const exists = existsSync(validateFile);
if (!exists) console.log(`twitter-text conformance skipped: ${validateFile} not found`);

interface WeightedCase {
  description: string;
  text: string;
  expected: { weightedLength: number; valid: boolean; validRangeEnd: number };
}

function weightedCases(): WeightedCase[] {
  const data = parse(readFileSync(validateFile, 'utf8')) as { tests: { WeightedTweetsWithDiscountedEmojiCounterTest: WeightedCase[] } };
  return data.tests.WeightedTweetsWithDiscountedEmojiCounterTest;
}

describe.skipIf(!exists)('X: twitter-text WeightedTweetsWithDiscountedEmojiCounterTest', () => {
  const cases = exists ? weightedCases() : [];

  it('has the cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  cases.forEach((c, i) => {
    it(`${i + 1}. ${c.description}`, () => {
      const count = countLength(c.text, 'x');
      expect(count.used).toBe(c.expected.weightedLength);
      expect(count.limit).toBe(280);
      // validRangeEnd is the last index that fits (inclusive), so the overflow starts right after it.
      expect(count.overflowStart).toBe(c.expected.valid ? null : c.expected.validRangeEnd + 1);
    });
  });
});

describe('platformLimits', () => {
  it('has each platform\'s published limit', () => {
    expect(platformLimits).toEqual({ x: 280, weibo: 2000, linkedin: 3000 });
  });
});

describe('X', () => {
  it('weighs Latin 1, CJK 2, an emoji sequence 2 and a URL 23', () => {
    expect(countLength('hello', 'x').used).toBe(5);
    expect(countLength('中文', 'x').used).toBe(4);
    expect(countLength('👍🏽🇨🇳', 'x').used).toBe(4);
    expect(countLength('详情见https://example.com/a?b=1，谢谢', 'x').used).toBe(3 * 2 + 23 + 3 * 2);
    expect(countLength('', 'x')).toEqual({ used: 0, limit: 280, overflowStart: null });
  });

  it('counts each emoji sequence as 2, and text-style symbols by code point', () => {
    const x = (text: string) => countLength(text, 'x').used;
    for (const emoji of ['🏳️‍🌈', '#️⃣', '1⃣', '©️', '👁‍🗨', '🧑🏾‍💻', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '❤️']) expect(x(emoji), emoji).toBe(2);
    expect(x('🇨🇳🇺🇸')).toBe(4);
    expect(x('©')).toBe(1);
    expect(x('☺')).toBe(2);
    expect(x('a🏽')).toBe(3);
  });

  it('starts the overflow at the first character that does not fit', () => {
    expect(countLength('a'.repeat(280), 'x').overflowStart).toBeNull();
    expect(countLength('a'.repeat(281), 'x').overflowStart).toBe(280);
    expect(countLength('中'.repeat(141), 'x').overflowStart).toBe(140);
    // A URL is all or nothing: it does not fit, so the overflow starts at it.
    expect(countLength(`${'a'.repeat(270)} https://example.com/page`, 'x')).toEqual({ used: 294, limit: 280, overflowStart: 271 });
  });

  it('counts the NFC form but reports indices in the original text', () => {
    const decomposed = 'e\u0301'.repeat(281); // 281 characters in 562 code units
    expect(countLength(decomposed, 'x')).toEqual({ used: 281, limit: 280, overflowStart: 560 });
    const jamo = '\u1100\u1161'.repeat(141); // 가 as two jamo: 141 syllables weighing 2 each
    expect(countLength(jamo, 'x')).toEqual({ used: 282, limit: 280, overflowStart: 280 });
  });
});

describe('Weibo', () => {
  const weibo = (text: string) => countLength(text, 'weibo').used;

  it('counts full-width characters and emoji as 1 and half-width ones as 0.5, rounded up', () => {
    expect(weibo('中文')).toBe(2);
    expect(weibo('ab')).toBe(1);
    expect(weibo('abc')).toBe(2);
    expect(weibo('中文ab')).toBe(3);
    expect(weibo('中a')).toBe(2);
    expect(weibo('，。！ＡＢ')).toBe(5);
    expect(weibo('😷')).toBe(1);
    expect(weibo('👨‍👩‍👧‍👦')).toBe(1);
    expect(weibo('“新品”')).toBe(4);
  });

  it('counts a URL as its characters', () => {
    expect(weibo('https://example.com')).toBe(10);
  });

  it('starts the overflow where the running total passes 2,000', () => {
    expect(countLength('中'.repeat(2000), 'weibo')).toEqual({ used: 2000, limit: 2000, overflowStart: null });
    expect(countLength(`${'中'.repeat(2000)}a`, 'weibo')).toEqual({ used: 2001, limit: 2000, overflowStart: 2000 });
    expect(countLength('a'.repeat(4000), 'weibo').overflowStart).toBeNull();
    expect(countLength('a'.repeat(4001), 'weibo').overflowStart).toBe(4000);
    expect(countLength(`${'中'.repeat(1999)}😷😷`, 'weibo').overflowStart).toBe(2001);
  });
});

describe('LinkedIn', () => {
  it('counts code points', () => {
    expect(countLength('abc', 'linkedin').used).toBe(3);
    expect(countLength('中文😷', 'linkedin').used).toBe(3);
    expect(countLength('👨‍👩‍👧‍👦', 'linkedin').used).toBe(7);
  });

  it('starts the overflow at the 3,001st code point', () => {
    expect(countLength('a'.repeat(3000), 'linkedin')).toEqual({ used: 3000, limit: 3000, overflowStart: null });
    expect(countLength('😷'.repeat(3001), 'linkedin')).toEqual({ used: 3001, limit: 3000, overflowStart: 6000 });
  });
});

describe('a lower threshold', () => {
  it('counts the same way against the given limit', () => {
    expect(countLength('中'.repeat(131), 'x', 260)).toEqual({ used: 262, limit: 260, overflowStart: 130 });
    expect(countLength('中文ab', 'weibo', 2)).toEqual({ used: 3, limit: 2, overflowStart: 2 });
    expect(countLength('abc', 'linkedin', 3).overflowStart).toBeNull();
  });
});

describe('findUrls', () => {
  const urls = (text: string) => findUrls(text).map(({ start, end }) => text.slice(start, end));

  it('gives exactly the URL inside Chinese text', () => {
    const text = '详情见https://example.com/a?b=1，谢谢';
    expect(findUrls(text)).toEqual([{ start: 3, end: 3 + 'https://example.com/a?b=1'.length }]);
    expect(urls('访问example.com了解更多')).toEqual(['example.com']);
    expect(urls('请看http://example.com的说明。')).toEqual(['http://example.com']);
  });

  it('finds URLs with and without a scheme, in order', () => {
    expect(urls('See www.example.com/path. And t.co, foo.co.jp and HTTPS://Example.COM:8080/x?y=1!')).toEqual([
      'www.example.com/path',
      't.co',
      'foo.co.jp',
      'HTTPS://Example.COM:8080/x?y=1',
    ]);
  });

  it('keeps balanced parentheses and drops an unbalanced closing one', () => {
    expect(urls('(see https://en.wikipedia.org/wiki/Foo_(bar))')).toEqual(['https://en.wikipedia.org/wiki/Foo_(bar)']);
  });

  it('accepts Unicode hosts after a scheme, within the 63-character label limit', () => {
    expect(urls('http://例子.中国 http://☃.net/')).toEqual(['http://例子.中国', 'http://☃.net/']);
    expect(urls(`http://${'a'.repeat(63)}.com`)).toHaveLength(1);
    expect(urls(`http://${'a'.repeat(64)}.com`)).toEqual([]);
  });

  it('ignores things that only look like domains', () => {
    expect(urls('Node.js, e.g. A.I. and example.jp')).toEqual([]);
    expect(urls('mail me@example.com')).toEqual([]);
    expect(urls('ftp://example.com')).toEqual([]);
    expect(urls('abchttp://example.com')).toEqual([]);
  });
});
