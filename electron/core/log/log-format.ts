// The approved-post log's formats, as pure data transformations: the record's
// canonical form (what its hash covers), the CSV columns, the formula guard,
// HTML escaping and the filter. Hashing and writing happen in the core.

import { CountersignError } from '../../../shared/errors';
import type { LogFilter } from '../../../shared/log/log-query';
import type { LogRecord } from '../../../shared/log/log-record';

/** 64 zeros: the previous hash of the first record, and the chain head of an empty log. */
export const emptyChainHash = '0'.repeat(64);

/** A record's place in the export's hash chain. */
export interface ChainLink {
  previousHash: string;
  hash: string;
}

/** The record's fields in their fixed order: what the hash covers, and a JSONL line's keys (then previousHash, hash). */
export const logRecordFields = [
  'id',
  'status',
  'platform',
  'purpose',
  'text',
  'author',
  'approvers',
  'submittedAt',
  'approvedAt',
  'publishedAt',
  'url',
  'revisions',
  'reviewerEdited',
  'findingsAtApproval',
  'overrides',
  'secondsInQueue',
] as const satisfies readonly (keyof LogRecord)[];

/**
 * JSON of the record's fields in the fixed order (nested objects too), so
 * the same record always hashes the same whatever order a file holds it in.
 */
export function canonicalJson(record: LogRecord): string {
  const r = record;
  return JSON.stringify({
    id: r.id,
    status: r.status,
    platform: r.platform,
    purpose: r.purpose,
    text: r.text,
    author: r.author,
    approvers: r.approvers,
    submittedAt: r.submittedAt,
    approvedAt: r.approvedAt,
    publishedAt: r.publishedAt,
    url: r.url,
    revisions: r.revisions,
    reviewerEdited: r.reviewerEdited,
    findingsAtApproval: { error: r.findingsAtApproval.error, warning: r.findingsAtApproval.warning, info: r.findingsAtApproval.info },
    overrides: r.overrides.map((o) => ({ ruleId: o.ruleId, match: o.match, justification: o.justification, by: o.by })),
    secondsInQueue: r.secondsInQueue,
  });
}

/** A JSONL line (without the newline): the canonical fields (`json`, when already made), then previousHash and hash. */
export function jsonlLine(record: LogRecord, link: ChainLink, json = canonicalJson(record)): string {
  return `${json.slice(0, -1)},"previousHash":${JSON.stringify(link.previousHash)},"hash":${JSON.stringify(link.hash)}}`;
}

/** The JSONL file's last line: the chain head and how many records precede it. */
export function jsonlTrailer(chainHead: string, records: number): string {
  return JSON.stringify({ chainHead, records });
}

export const csvColumns = [
  'id',
  'status',
  'platform',
  'purpose',
  'text',
  'author',
  'approvers',
  'submitted_at',
  'approved_at',
  'published_at',
  'url',
  'revisions',
  'reviewer_edited',
  'findings_error',
  'findings_warning',
  'findings_info',
  'overrides',
  'seconds_in_queue',
  'hash',
  'previous_hash',
] as const;

const formulaStart = /^[=+\-@\t\r]/;

/**
 * Spreadsheets run a cell that begins with = + - @ (or a tab or carriage
 * return before one) as a formula: such a text cell gets a leading apostrophe,
 * which Excel and LibreOffice show as plain text.
 */
export function guardFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/** `rule: justification (by NAME)`, joined with ` | `. */
export function overridesCell(record: LogRecord): string {
  return record.overrides.map((o) => `${o.ruleId}: ${o.justification} (by ${o.by})`).join(' | ');
}

const needsQuotes = /[",\r\n]/;

/** A text cell: formula-guarded, then quoted (RFC 4180: quotes doubled) when it holds a comma, a quote or a line break. */
function textCell(value: string): string {
  const text = guardFormula(value);
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One CSV line in `csvColumns` order, with its CRLF; numbers and hashes are
 * written as they are. One template rather than csv-stringify or an array of
 * cells: either made a 100,000-post export take over 4 s against a 3 s
 * target (npm run bench:export).
 */
export function csvLine(r: LogRecord, link: ChainLink): string {
  const t = textCell;
  const f = r.findingsAtApproval;
  return (
    `${t(r.id)},${t(r.status)},${t(r.platform)},${t(r.purpose ?? '')},${t(r.text)},${t(r.author)},${t(r.approvers.join('; '))},` +
    `${t(r.submittedAt)},${t(r.approvedAt)},${t(r.publishedAt ?? '')},${t(r.url ?? '')},${r.revisions},${r.reviewerEdited ? 'yes' : 'no'},` +
    `${f.error},${f.warning},${f.info},${t(overridesCell(r))},${r.secondsInQueue},${link.hash},${link.previousHash}\r\n`
  );
}

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEntities[c]!);
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

function checkDay(value: string | undefined): void {
  if (value === undefined) return;
  const time = Date.parse(`${value}T00:00:00Z`);
  if (!dayPattern.test(value) || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value) {
    throw new CountersignError('invalid', 'error.logDateInvalid', { value });
  }
}

/** Throws `invalid` for a date that is not a real YYYY-MM-DD, or a range that ends before it starts. */
export function checkLogFilter(filter: LogFilter): void {
  checkDay(filter.from);
  checkDay(filter.to);
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
    throw new CountersignError('invalid', 'error.logDateRange', { from: filter.from, to: filter.to });
  }
}

/** The filter's test on a record; dates compare the UTC approval date, both ends inclusive. */
export function matchesLogFilter(record: LogRecord, filter: LogFilter): boolean {
  if (filter.status !== undefined && record.status !== filter.status) return false;
  if (filter.platform !== undefined && record.platform !== filter.platform) return false;
  if (filter.author !== undefined && record.author !== filter.author) return false;
  const day = record.approvedAt.slice(0, 10);
  if (filter.from !== undefined && day < filter.from) return false;
  if (filter.to !== undefined && day > filter.to) return false;
  return true;
}

/** The filter in words, for the HTML report's heading. */
export function describeLogFilter(filter: LogFilter): string {
  const parts: string[] = [];
  if (filter.from !== undefined || filter.to !== undefined) parts.push(`approved ${filter.from ?? '…'} to ${filter.to ?? '…'} (UTC)`);
  if (filter.platform !== undefined) parts.push(`platform ${filter.platform}`);
  if (filter.author !== undefined) parts.push(`author ${filter.author}`);
  if (filter.status !== undefined) parts.push(`status ${filter.status}`);
  return parts.length > 0 ? parts.join(', ') : 'all approved and published posts';
}
