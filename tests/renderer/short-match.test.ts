import { describe, expect, it } from 'vitest';
import { shortMatch } from '../../renderer/src/findings/short-match';

describe('quoting a change or a finding', () => {
  it('keeps short text and cuts long text at a character, not a UTF-16 unit', () => {
    expect(shortMatch('凡客')).toBe('凡客');
    expect(shortMatch('好'.repeat(30))).toBe(`${'好'.repeat(24)}…`);
    expect(shortMatch('😀'.repeat(5), 3)).toBe('😀😀😀…');
  });
});
