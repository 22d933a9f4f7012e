import { describe, expect, it } from 'vitest';
import { withHanRanges } from '../../shared/rules/regex';

describe('rule expressions with \\p{Script=Han} spelt out as ranges', () => {
  const same = (source: string, texts: string[]) => {
    const original = new RegExp(source, 'gu');
    const fast = new RegExp(withHanRanges(source), 'gu');
    for (const text of texts) expect([...text.matchAll(fast)].map((m) => m[0]), text).toEqual([...text.matchAll(original)].map((m) => m[0]));
  };

  it('matches what the property matches, inside a class, outside one, and next to escaped brackets', () => {
    const texts = ['王总说我们很好', 'Mr. Wang 說', '〇号 and 々', '[王] \\[x]', 'abc 123'];
    same('(?<![\\p{Script=Han}])[\\p{Script=Han}](?:总|總)', texts);
    same('\\p{Script=Han}{2}', texts);
    same('[^\\p{Script=Han}\\s]+', texts);
    same('\\[[\\p{Script=Han}]\\]', texts);
  });

  it('leaves an expression without the property as it is', () => {
    expect(withHanRanges('\\bfoo[a-z]+')).toBe('\\bfoo[a-z]+');
  });
});
