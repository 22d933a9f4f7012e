import { describe, expect, it } from 'vitest';
import { draftTextProblem, maxDraftLength, profileNameProblem } from '../../shared/text-rules';

describe('draft text rules', () => {
  it('accepts ordinary multi-line text in both scripts and emoji', () => {
    expect(draftTextProblem('今天和团队一起解决了客户的问题。\n謝謝大家！👍\tDone.')).toBeNull();
  });

  it('refuses empty and whitespace-only text', () => {
    expect(draftTextProblem('')?.code).toBe('error.textEmpty');
    expect(draftTextProblem(' \n\t ')?.code).toBe('error.textEmpty');
  });

  it('refuses a 1 MB draft, saying how long it is and the limit', () => {
    const problem = draftTextProblem('字'.repeat(1024 * 1024));
    expect(problem?.code).toBe('error.textTooLong');
    expect(problem?.message).toBe(`The draft has 1,048,576 characters; the most a draft may hold is ${maxDraftLength.toLocaleString('en')}.`);
  });

  it('names the control character and where it is', () => {
    const problem = draftTextProblem('hello\u0007world');
    expect(problem?.code).toBe('error.textControl');
    expect(problem?.params).toEqual({ code: '0007', index: 5 });
    expect(draftTextProblem('a\u0000')?.params.code).toBe('0000');
    expect(draftTextProblem('a\u009b')?.params.code).toBe('009B');
  });

  it('profile names: visible, bounded, no controls or line breaks', () => {
    expect(profileNameProblem('张伟')).toBeNull();
    expect(profileNameProblem('  ')?.code).toBe('error.nameInvalid');
    expect(profileNameProblem('a\nb')?.code).toBe('error.nameInvalid');
    expect(profileNameProblem('x'.repeat(65))?.code).toBe('error.nameInvalid');
  });
});
