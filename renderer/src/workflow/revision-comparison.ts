import { presentableDiff, type DiffConfig } from '@codemirror/merge';
import type { Draft } from '../../../shared/model';

/** The merge view and the text summary diff with the same settings, so both describe the same changes. */
export const revisionDiffConfig: DiffConfig = { scanLimit: 500 };

/** Which two revisions a pane compares, by number. */
export interface RevisionPair {
  from: number;
  to: number;
}

/**
 * The comparison a pane opens with, or null while there is only one
 * revision. When a reviewer wrote the text in force, what they changed: the
 * author's last own text against it (what the author signs off on); else
 * the author's original against the current text.
 */
export function defaultPair(draft: Pick<Draft, 'author' | 'revisions'>): RevisionPair | null {
  const first = draft.revisions[0];
  const current = draft.revisions.at(-1);
  if (!first || !current || first === current) return null;
  if (current.author === draft.author) return { from: first.number, to: current.number };
  const own = draft.revisions.findLast((r) => r.author === draft.author && r.number < current.number);
  return { from: (own ?? first).number, to: current.number };
}

/** A change as the reader is told it, so the summary and the marks agree. */
export type TextChange = { kind: 'inserted'; text: string } | { kind: 'deleted'; text: string } | { kind: 'replaced'; before: string; after: string };

/** What changed from `before` to `after`, as the merge view marks it. Both texts use \n line ends. */
export function revisionChanges(before: string, after: string): TextChange[] {
  return presentableDiff(before, after, revisionDiffConfig).map((change): TextChange => {
    const removed = before.slice(change.fromA, change.toA);
    const added = after.slice(change.fromB, change.toB);
    if (removed === '') return { kind: 'inserted', text: added };
    if (added === '') return { kind: 'deleted', text: removed };
    return { kind: 'replaced', before: removed, after: added };
  });
}

/** How many changes of each kind, for the one-line summary above the comparison. */
export type ChangeCounts = Record<TextChange['kind'], number>;

/** Counted from the same changes the merge view marks, so the summary never disagrees with it. */
export function countChanges(changes: readonly TextChange[]): ChangeCounts {
  const counts: ChangeCounts = { replaced: 0, inserted: 0, deleted: 0 };
  for (const change of changes) counts[change.kind] += 1;
  return counts;
}
