import { CountersignError } from '../../../shared/errors';
import type { ParsedRequestOf } from '../../../shared/contract';
import type { Draft, DraftSummary, Override, Platform, Profile, Purpose } from '../../../shared/model';
import type { Finding } from '../../../shared/rules/types';
import { draftTextProblem, noteProblem, type NoteKind } from '../../../shared/text-rules';
import { decide, workflowTable, type WorkflowAction, type WorkflowChannel } from '../../../shared/workflow';
import type { DraftFilter } from '../store/draft-store';
import type { JournalRecord } from '../store/journal-records';
import { stamp, type CoreContext } from './core-context';
import type { PolicyDomain } from './policy';
import { throwIf } from './profiles';

export interface NewDraft {
  platform: Platform;
  text: string;
  purpose?: Purpose | undefined;
  crisis?: boolean | undefined;
}

/** What an action's channel carries, from the contract: `ActionRequest<'approve'>` is approveDraft's request. */
export type ActionRequest<A extends WorkflowAction> = ParsedRequestOf<WorkflowChannel<A>>;

/** What an action adds to its record besides who, when and the resulting status. */
interface RecordDetails {
  /** New text: the action makes a revision. */
  text?: string;
  findings?: Finding[];
  comment?: string;
  overrides?: Override[];
  publishedAt?: string;
  url?: string;
}

/** Actions on a draft that exists, each with what it records. Save, and submit without an id, make a new draft instead. */
type ExistingAction = Exclude<WorkflowAction, 'save'>;
type Details = { [A in ExistingAction]: (draft: DraftSummary, request: ActionRequest<A>) => RecordDetails };

/**
 * Drafts and their workflow: every action is decided by `workflowTable`
 * (shared/workflow.ts), re-checked under the team's policy, and written to
 * the journal before it is acknowledged.
 */
export class DraftsDomain {
  private readonly details: Details;

  constructor(
    private readonly context: CoreContext,
    private readonly policy: PolicyDomain,
  ) {
    this.details = {
      submit: (draft, request) => this.revised(draft, 'text' in request ? request.text : undefined),
      withdraw: (_draft, request) => note(request.comment, 'comment', false),
      edit: (draft, request) => {
        if (request.text === draft.text) throw new CountersignError('invalid', 'error.editUnchanged');
        return { ...this.revised(draft, request.text), ...note(request.comment, 'comment', false) };
      },
      request_changes: (_draft, request) => note(request.comment, 'comment', true),
      reject: (_draft, request) => note(request.reason, 'reason', true),
      approve: (draft, request) => this.approval(draft, request),
      sign_off: (_draft, request) => note(request.comment, 'comment', false),
      resubmit: (draft, request) => ({ ...this.revised(draft, request.text), ...note(request.comment, 'comment', false) }),
      publish: (draft, request) => this.publication(draft, request),
      comment: (_draft, request) => note(request.text, 'comment', true),
    };
  }

  /** Takes `action` as `actor`: a new draft for save (and submit without an id), else a record on the draft named by `request.id`. */
  act<A extends WorkflowAction>(action: A, actor: Profile, request: ActionRequest<A>): Promise<DraftSummary> {
    if (action === 'save' || (action === 'submit' && !('id' in request))) {
      return this.create(actor, action, [request as NewDraft]).then((created) => created[0]!);
    }
    const details = this.details[action as ExistingAction] as (draft: DraftSummary, request: ActionRequest<A>) => RecordDetails;
    return this.record(actor, action, (request as { id: string }).id, (draft) => details(draft, request));
  }

  /** Many new drafts in one group commit (one write, one fsync). */
  importDrafts(actor: Profile, inputs: readonly NewDraft[]): Promise<DraftSummary[]> {
    return this.create(actor, 'submit', inputs);
  }

  /** Holds the write lock across several calls, so a bulk import is not interleaved; returns the release. */
  holdWriteLock(): Promise<() => void> {
    return this.context.store.hold();
  }

  async list(filter: DraftFilter = {}): Promise<DraftSummary[]> {
    await this.context.refresh();
    return this.context.store.list(filter);
  }

  async get(id: string): Promise<Draft> {
    await this.context.refresh();
    const draft = await this.context.store.draft(id);
    if (!draft) throw new CountersignError('not_found', 'error.draftNotFound', { id });
    return draft;
  }

  /** A draft's summary as the store holds it now, without reading what others appended (for the notification feed, which runs inside a change). */
  facts(id: string): DraftSummary | undefined {
    return this.context.store.summary(id);
  }

  /** Refused while an `error` finding stands without a written justification; each one given is recorded. */
  private approval(draft: DraftSummary, request: ActionRequest<'approve'>): RecordDetails {
    // Re-checked under today's policy: what the approver approved against is on the record.
    const findings = this.policy.findings(draft.text, draft.platform);
    const overrides: Override[] = [];
    const unjustified: string[] = [];
    for (const f of findings) {
      if (f.severity !== 'error') continue;
      const own = request.overrides?.find((o) => o.ruleId === f.ruleId && o.start === f.start)?.justification;
      const justification = (own ?? request.justification)?.trim();
      if (!justification) unjustified.push(f.ruleId);
      else overrides.push({ ruleId: f.ruleId, start: f.start, end: f.end, match: f.match, justification });
    }
    if (unjustified.length > 0) {
      throw new CountersignError('refused', 'error.unjustifiedErrors', { count: unjustified.length, rules: [...new Set(unjustified)].join(', ') });
    }
    for (const o of overrides) throwIf(noteProblem(o.justification, 'justification', true));
    return { findings, ...note(request.comment, 'comment', false), ...(overrides.length > 0 ? { overrides } : {}) };
  }

  private publication(draft: DraftSummary, request: ActionRequest<'publish'>): RecordDetails {
    const url = request.url?.trim();
    if (url && !isWebUrl(url)) throw new CountersignError('invalid', 'error.urlInvalid', { url });
    const now = this.context.clock();
    // In the journal's own spelling: the contract's datetime allows any number of fraction digits, the journal 1 to 9.
    const publishedAt = request.publishedAt === undefined ? now.toISOString() : new Date(request.publishedAt).toISOString();
    // A post goes out after its approval and before now (with a little leeway for clocks).
    if (publishedAt < draft.updatedAt || Date.parse(publishedAt) > now.getTime() + 5 * 60_000) {
      throw new CountersignError('invalid', 'error.publishTimeInvalid', { at: publishedAt, approvedAt: draft.updatedAt });
    }
    return { publishedAt, ...(url ? { url } : {}) };
  }

  /** A new revision when `text` is given and differs from the text in force. */
  private revised(draft: DraftSummary, text: string | undefined): RecordDetails {
    if (text === undefined || text === draft.text) return {};
    throwIf(draftTextProblem(text));
    return { text };
  }

  private create(actor: Profile, action: 'save' | 'submit', inputs: readonly NewDraft[]): Promise<DraftSummary[]> {
    for (const input of inputs) throwIf(draftTextProblem(input.text));
    const { store } = this.context;
    return store.transact(() => {
      const status = decide(action, null, actor, this.policy.workflowSettings());
      const policy = this.policy.current();
      const records: JournalRecord[] = inputs.map((input) => {
        let id = this.context.newId();
        while (store.has(id)) id = this.context.newId();
        const draft = { platform: input.platform, ...(input.purpose ? { purpose: input.purpose } : {}), crisis: input.crisis ?? false };
        const findings = this.policy.findings(input.text, input.platform, policy);
        return { type: workflowTable[action].event, draftId: id, ...stamp(this.context, actor), status, revision: 1, text: input.text, draft, findings };
      });
      return this.commit(records);
    });
  }

  private record(actor: Profile, action: WorkflowAction, id: string, details: (draft: DraftSummary) => RecordDetails): Promise<DraftSummary> {
    const { store } = this.context;
    return store.transact(async () => {
      const draft = store.summary(id);
      if (!draft) throw new CountersignError('not_found', 'error.draftNotFound', { id });
      const status = decide(action, draft, actor, this.policy.workflowSettings());
      const { findings, ...rest } = details(draft);
      const revision = rest.text === undefined ? draft.revision : draft.revision + 1;
      const record: JournalRecord = {
        type: workflowTable[action].event,
        draftId: id,
        ...stamp(this.context, actor),
        status,
        revision,
        findings: findings ?? this.policy.findings(rest.text ?? draft.text, draft.platform),
        ...rest,
      };
      return (await this.commit([record]))[0]!;
    });
  }

  /** Writes records durably; the summaries come back through the same path replay uses. */
  private async commit(records: JournalRecord[]): Promise<DraftSummary[]> {
    const { store } = this.context;
    await store.append(records);
    this.context.notify({ drafts: true });
    return records.map((r) => store.summary(r.draftId)!);
  }
}

/** The trimmed note as a record's `comment`, or nothing; throws when it is required and missing, or unacceptable. */
function note(text: string | undefined, kind: NoteKind, required: boolean): { comment?: string } {
  throwIf(noteProblem(text, kind, required));
  const trimmed = text?.trim();
  return trimmed ? { comment: trimmed } : {};
}

function isWebUrl(text: string): boolean {
  // The link is stored as typed and printed by the CLI: no control characters (the URL parser would
  // quietly drop tabs and line breaks, and an escape sequence would reach the terminal).
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
