import { z } from 'zod';
import { platforms, roles, type Draft } from './model';
import { ruleCategories, severities } from './rules/types';

// One line of the draft journal. Records are facts that already passed the
// workflow when written, so replay applies them without deciding again.
const base = {
  draftId: z.string().min(1),
  at: z.iso.datetime(),
  actor: z.string().min(1),
  role: z.enum(roles),
};

const finding = z.object({
  ruleId: z.string(),
  category: z.enum(ruleCategories),
  severity: z.enum(severities),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  match: z.string(),
  message: z.string(),
  suggestion: z.string().optional(),
});

export const journalRecordSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('submitted'), ...base, platform: z.enum(platforms), text: z.string(), findings: z.array(finding) }),
  z.object({ type: z.literal('approved'), ...base, revision: z.number().int().positive(), comment: z.string().optional(), findings: z.array(finding) }),
]);

export type JournalRecord = z.infer<typeof journalRecordSchema>;

/** Folds one record into the set of drafts; throws when the record cannot apply (a damaged journal). */
export function applyRecord(drafts: Map<string, Draft>, record: JournalRecord): Draft {
  const { draftId, at, actor, role } = record;
  switch (record.type) {
    case 'submitted': {
      if (drafts.has(draftId)) throw new Error(`draft ${draftId} is submitted twice`);
      const draft: Draft = {
        id: draftId,
        platform: record.platform,
        author: actor,
        status: 'pending',
        createdAt: at,
        updatedAt: at,
        revisions: [{ number: 1, text: record.text, author: actor, at, findings: record.findings }],
        events: [{ type: 'submitted', actor, role, at, revision: 1, findings: record.findings }],
      };
      drafts.set(draftId, draft);
      return draft;
    }
    case 'approved': {
      const draft = drafts.get(draftId);
      if (!draft) throw new Error(`approval of unknown draft ${draftId}`);
      draft.status = 'approved';
      draft.updatedAt = at;
      draft.events.push({
        type: 'approved',
        actor,
        role,
        at,
        revision: record.revision,
        findings: record.findings,
        ...(record.comment === undefined ? {} : { comment: record.comment }),
      });
      return draft;
    }
  }
}
