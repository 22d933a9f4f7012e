import {
  countBySeverity,
  draftEventTypes,
  draftStatuses,
  platforms,
  purposes,
  roles,
  type Draft,
  type DraftEvent,
  type DraftEventType,
  type DraftHeader,
  type DraftStatus,
  type DraftSummary,
  type Override,
  type Platform,
  type Purpose,
  type Role,
} from '../../../shared/model';
import { ruleCategories, severities, type Finding } from '../../../shared/rules/types';

// One record of the draft journal: one workflow event as a fact that already
// passed the workflow when it was written, carrying the status it led to, so
// replay applies it without deciding again.

export interface JournalRecord {
  type: DraftEventType;
  draftId: string;
  at: string;
  actor: string;
  role: Role;
  status: DraftStatus;
  revision: number;
  findings: Finding[];
  /** Present when the event made a new revision. */
  text?: string;
  /** Present on the event that created the draft. */
  draft?: { platform: Platform; purpose?: Purpose; crisis: boolean };
  comment?: string;
  overrides?: Override[];
  publishedAt?: string;
  url?: string;
}

// A hand-written check rather than a schema library: opening replays every
// record after the snapshot, and zod took 10.7 µs a record against about 1 µs
// here (BENCHMARKS.md). It copies nothing: a valid value is returned as is.

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const recordKeys = new Set(['type', 'draftId', 'at', 'actor', 'role', 'status', 'revision', 'findings', 'text', 'draft', 'comment', 'overrides', 'publishedAt', 'url']);

type Shape = Record<string, unknown>;
const isObject = (v: unknown): v is Shape => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const oneOf = (list: readonly string[], v: unknown) => typeof v === 'string' && list.includes(v);
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);

function findingProblem(f: unknown): string | null {
  if (!isObject(f)) return 'is not an object';
  if (!isString(f.ruleId) || !oneOf(ruleCategories, f.category) || !oneOf(severities, f.severity)) return 'has a bad rule, category or severity';
  if (!isCount(f.start) || !isCount(f.end) || !isString(f.match) || !isString(f.message) || !optional(f.suggestion, isString)) {
    return 'has a bad span, match or message';
  }
  return null;
}

function overrideProblem(o: unknown): string | null {
  if (!isObject(o)) return 'is not an object';
  const ok = isString(o.ruleId) && isCount(o.start) && isCount(o.end) && isString(o.match) && isString(o.justification) && o.justification.length > 0;
  return ok ? null : 'has a bad rule, span, match or justification';
}

/** Why `value` is not a journal record, or null when it is one. */
export function journalRecordProblem(value: unknown): string | null {
  if (!isObject(value)) return 'the record is not an object';
  for (const key in value) if (!recordKeys.has(key)) return `unknown field "${key}"`;
  if (!oneOf(draftEventTypes, value.type)) return 'type: not an event type';
  if (!isString(value.draftId) || value.draftId.length === 0 || value.draftId.length > 64) return 'draftId: not a draft id';
  if (!isString(value.at) || !isoTime.test(value.at)) return 'at: not a UTC time';
  if (!isString(value.actor) || value.actor.length === 0) return 'actor: missing';
  if (!oneOf(roles, value.role)) return 'role: not a role';
  if (!oneOf(draftStatuses, value.status)) return 'status: not a status';
  if (!isCount(value.revision) || value.revision === 0) return 'revision: not a revision number';
  if (!Array.isArray(value.findings)) return 'findings: not a list';
  for (let i = 0; i < value.findings.length; i++) {
    const problem = findingProblem(value.findings[i]);
    if (problem) return `findings[${i}] ${problem}`;
  }
  if (!optional(value.text, isString)) return 'text: not a string';
  const draft = value.draft;
  if (draft !== undefined) {
    if (!isObject(draft) || !oneOf(platforms, draft.platform) || typeof draft.crisis !== 'boolean' || !optional(draft.purpose, (p) => oneOf(purposes, p))) {
      return 'draft: bad platform, purpose or crisis flag';
    }
    for (const key in draft) if (key !== 'platform' && key !== 'purpose' && key !== 'crisis') return `draft: unknown field "${key}"`;
  }
  if (!optional(value.comment, isString)) return 'comment: not a string';
  if (value.overrides !== undefined) {
    if (!Array.isArray(value.overrides)) return 'overrides: not a list';
    for (let i = 0; i < value.overrides.length; i++) {
      const problem = overrideProblem(value.overrides[i]);
      if (problem) return `overrides[${i}] ${problem}`;
    }
  }
  if (!optional(value.publishedAt, (v) => isString(v) && isoTime.test(v))) return 'publishedAt: not a UTC time';
  if (!optional(value.url, isString)) return 'url: not a string';
  return null;
}

/**
 * A summary with every field present, always in this order (absent optional
 * ones `undefined`): the index holds 100,000 of them, and objects of one
 * shape keep replay and listing fast (measured: the spread-built version was
 * 10 µs a record).
 */
export function makeSummary(s: DraftSummary): DraftSummary {
  return {
    id: s.id,
    platform: s.platform,
    purpose: s.purpose,
    crisis: s.crisis,
    author: s.author,
    status: s.status,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    waitingSince: s.waitingSince,
    publishedAt: s.publishedAt,
    publishedUrl: s.publishedUrl,
    revision: s.revision,
    revisionAuthor: s.revisionAuthor,
    text: s.text,
    findingCounts: s.findingCounts,
  };
}

/** Moves an existing draft's header on by `record`, in place. Throws when the record cannot follow. */
function advance(current: DraftHeader, record: JournalRecord, latestRevision: number): void {
  const expected = record.text === undefined ? latestRevision : latestRevision + 1;
  if (record.revision !== expected) throw new Error(`event for draft ${record.draftId} names revision ${record.revision}, expected ${expected}`);
  if (record.draft) throw new Error(`draft ${record.draftId} is created twice`);
  const { at, status } = record;
  if (status === 'pending' && current.status !== 'pending') current.waitingSince = at;
  if (record.type === 'published') {
    current.publishedAt = record.publishedAt ?? at;
    if (record.url) current.publishedUrl = record.url;
  }
  current.status = status;
  current.updatedAt = at;
}

/** Folds one record into a whole draft (history included). */
export function applyToDraft(draft: Draft | undefined, record: JournalRecord): Draft {
  let target: Draft;
  if (draft) {
    advance(draft, record, draft.revisions.length);
    target = draft;
  } else {
    const { revision: _r, revisionAuthor: _a, text: _t, findingCounts: _c, ...header } = applyToSummary(undefined, record);
    target = { ...header, revisions: [], events: [] };
  }
  if (record.text !== undefined) {
    target.revisions.push({ number: record.revision, text: record.text, author: record.actor, at: record.at, findings: record.findings });
  }
  target.events.push(toEvent(record));
  return target;
}

/** Folds one record into a list entry, without keeping the history. */
export function applyToSummary(summary: DraftSummary | undefined, record: JournalRecord): DraftSummary {
  if (!summary) {
    const { draftId: id, at, status, draft, text } = record;
    if (!draft || text === undefined || record.revision !== 1) throw new Error(`${record.type} event for unknown draft ${id}`);
    return makeSummary({
      id,
      platform: draft.platform,
      purpose: draft.purpose,
      crisis: draft.crisis,
      author: record.actor,
      status,
      createdAt: at,
      updatedAt: at,
      waitingSince: status === 'pending' ? at : null,
      publishedAt: undefined,
      publishedUrl: undefined,
      revision: 1,
      revisionAuthor: record.actor,
      text,
      findingCounts: countBySeverity(record.findings),
    });
  }
  advance(summary, record, summary.revision);
  if (record.text !== undefined) {
    summary.revision = record.revision;
    summary.revisionAuthor = record.actor;
    summary.text = record.text;
    summary.findingCounts = countBySeverity(record.findings);
  }
  return summary;
}

function toEvent(record: JournalRecord): DraftEvent {
  const { type, actor, role, at, revision, status, findings, comment, overrides, publishedAt, url } = record;
  return {
    type,
    actor,
    role,
    at,
    revision,
    status,
    findings,
    ...(comment === undefined ? {} : { comment }),
    ...(overrides === undefined ? {} : { overrides }),
    ...(publishedAt === undefined ? {} : { publishedAt }),
    ...(url === undefined ? {} : { url }),
  };
}
