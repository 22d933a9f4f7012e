import { describe, expect, it } from 'vitest';
import type { Draft, Revision } from '../../shared/model';
import { countChanges, defaultPair, revisionChanges } from '../../renderer/src/workflow/revision-comparison';

const exec = 'Zhang Wei';
const reviewer = 'Li Na';

function revisions(...authors: string[]): Revision[] {
  return authors.map((author, i) => ({ number: i + 1, text: `text ${i + 1}`, author, at: '2025-01-01T00:00:00.000Z', findings: [] }));
}

const draft = (...authors: string[]): Pick<Draft, 'author' | 'revisions'> => ({ author: exec, revisions: revisions(...authors) });

describe('the revisions a pane compares first', () => {
  it('compares nothing while there is one revision', () => {
    expect(defaultPair(draft(exec))).toBeNull();
  });

  it('shows the author’s original against the current text when the author wrote it', () => {
    expect(defaultPair(draft(exec, exec, exec))).toEqual({ from: 1, to: 3 });
  });

  it('shows a reviewer’s edit against the author’s last own text', () => {
    expect(defaultPair(draft(exec, reviewer))).toEqual({ from: 1, to: 2 });
    // Resubmitted as revision 2, then edited: the author signs off on 2 → 3.
    expect(defaultPair(draft(exec, exec, reviewer))).toEqual({ from: 2, to: 3 });
    // Two edits in a row still compare with the author's own text.
    expect(defaultPair(draft(exec, reviewer, reviewer))).toEqual({ from: 1, to: 3 });
  });
});

describe('the changes between two texts', () => {
  it('names insertions, deletions and replacements with their text', () => {
    expect(revisionChanges('Thank you all', 'Thank you all, and welcome')).toEqual([{ kind: 'inserted', text: ', and welcome' }]);
    expect(revisionChanges('abc def ghi', 'abc ghi')).toEqual([{ kind: 'deleted', text: 'def ' }]);
    expect(revisionChanges('We are proud to launch it.', 'We are glad to launch it.')).toEqual([{ kind: 'replaced', before: 'proud', after: 'glad' }]);
  });

  it('finds changes inside Chinese text, which has no spaces', () => {
    const before = '下周我们会在上海发布新一代扫地机器人，感谢测试团队的认真工作，欢迎大家来现场体验。';
    const after = '下周我们会在上海发布新一代扫地机器人，感谢测试团队的认真工作，欢迎来现场体验。';
    expect(revisionChanges(before, after)).toEqual([{ kind: 'deleted', text: '大家' }]);
    const changes = revisionChanges(after, `${after}\n到时见！`);
    expect(changes).toEqual([{ kind: 'inserted', text: '\n到时见！' }]);
  });

  it('finds nothing between equal texts', () => {
    expect(revisionChanges('同样的文字', '同样的文字')).toEqual([]);
  });

  it('counts each kind', () => {
    const changes = revisionChanges('one two three four', 'one 2 three four five');
    expect(countChanges(changes)).toEqual({ replaced: 1, inserted: 1, deleted: 0 });
    expect(countChanges([])).toEqual({ replaced: 0, inserted: 0, deleted: 0 });
  });
});
