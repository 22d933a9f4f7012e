import { draftStatuses, platforms, purposes, type DraftStatus, type DraftSummary, type Platform, type Purpose } from '../../shared/model';
import { yieldToEventLoop } from './async/serial';
import { byUrgency, emptyStatusCounts, orderFor, waitedFrom } from '../../shared/queue-order';
import { maxQueueWindow, type QueueFilter, type QueuePage, type QueueQuery, type QueueRow } from '../../shared/queue-query';

/** Drafts indexed between pauses. */
const buildChunk = 10_000;
/** Longest first line a row carries; the list shows one line anyway. */
const maxFirstLineLength = 200;

/** The search as compared: trimmed and lower-cased, or null when there is nothing to search for. */
function searchTerm(search: string | undefined): string | null {
  const term = search?.trim().toLowerCase() ?? '';
  return term === '' ? null : term;
}

/** The first line holding anything but spaces, trimmed, never cut inside a surrogate pair. */
export function firstLine(text: string, max = maxFirstLineLength): string {
  let line = '';
  for (const candidate of text.split(/\r\n?|\n/)) {
    line = candidate.trim();
    if (line !== '') break;
  }
  if (line.length <= max) return line;
  const code = line.charCodeAt(max - 1);
  return line.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

export function toQueueRow(s: DraftSummary): QueueRow {
  return {
    id: s.id,
    author: s.author,
    platform: s.platform,
    ...(s.purpose ? { purpose: s.purpose } : {}),
    crisis: s.crisis,
    status: s.status,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    waitingSince: s.waitingSince,
    revision: s.revision,
    revisionAuthor: s.revisionAuthor,
    firstLine: firstLine(s.text),
    findingCounts: s.findingCounts,
  };
}

/** A filter as compared: everything but the status and the window. */
interface Narrowing {
  platform: Platform | undefined;
  author: string | undefined;
  purpose: Purpose | undefined;
  crisis: boolean | undefined;
  term: string | null;
}

interface Match extends Narrowing {
  status: DraftStatus | undefined;
  /** Which drafts pass (by ordinal), or null when nothing is filtered out. */
  keep: Uint8Array | null;
  /** Ordinals of the matching drafts, in the result's order. */
  ordinals: Int32Array;
  counts: Record<DraftStatus, number>;
}

const sameNarrowing = (a: Narrowing, b: Narrowing): boolean =>
  a.platform === b.platform && a.author === b.author && a.purpose === b.purpose && a.crisis === b.crisis && a.term === b.term;

/** True when every draft `next` lets through, `previous` let through too (a longer search, one more filter): only its matches need testing. */
const narrows = (previous: Narrowing, next: Narrowing): boolean =>
  (previous.platform === undefined || previous.platform === next.platform) &&
  (previous.author === undefined || previous.author === next.author) &&
  (previous.purpose === undefined || previous.purpose === next.purpose) &&
  (previous.crisis === undefined || previous.crisis === next.crisis) &&
  (previous.term === null || (next.term !== null && next.term.includes(previous.term)));

const codes = <T extends string>(values: readonly T[]): Map<T, number> => new Map(values.map((v, i) => [v, i + 1]));
const statusCode = codes(draftStatuses);
const platformCode = codes(platforms);
const purposeCode = codes(purposes);

const digit = (s: string, at: number): number => s.charCodeAt(at) - 48;
/**
 * A time as milliseconds for sorting. The journal's times are
 * `toISOString()` output, read here by hand: Date.parse costs 0.5 µs a time,
 * which is 0.1 s over 100,000 drafts.
 */
function isoMillis(iso: string): number {
  if (iso.length !== 24 || iso.charCodeAt(23) !== 90 /* Z */) return Date.parse(iso) || 0;
  const year = digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3);
  return Date.UTC(
    year,
    digit(iso, 5) * 10 + digit(iso, 6) - 1,
    digit(iso, 8) * 10 + digit(iso, 9),
    digit(iso, 11) * 10 + digit(iso, 12),
    digit(iso, 14) * 10 + digit(iso, 15),
    digit(iso, 17) * 10 + digit(iso, 18),
    digit(iso, 20) * 100 + digit(iso, 21) * 10 + digit(iso, 22),
  );
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Whether a text holds the search term. A term without cased letters (most
 * Chinese) is a plain substring test; one with letters is matched ignoring
 * case, which costs ~15–30 ms over 100,000 texts and so saves keeping a
 * lower-cased copy of every text.
 */
function textMatcher(term: string): (text: string) => boolean {
  if (term.toLowerCase() === term.toUpperCase()) return (text) => text.includes(term);
  const pattern = new RegExp(escapeRegExp(term), 'iu');
  return (text) => pattern.test(text);
}

/** Per draft, by ordinal: the facts a filter or the order reads, in typed columns (a scan of 100,000 stays in the low milliseconds). */
interface Columns {
  status: Uint8Array;
  platform: Uint8Array;
  purpose: Uint8Array;
  crisis: Uint8Array;
  author: Int32Array;
  /** When each draft started waiting, and when it last changed, as milliseconds. */
  waited: Float64Array;
  updated: Float64Array;
}

/**
 * The queue's drafts with their facts in columns, answering queries by a
 * scan of at most every draft. A status's order is sorted on its first use
 * and kept; so is the last result, so scrolling through it costs only the
 * window. Build a new one when the drafts change.
 */
export class QueueIndex {
  private last: Match | null = null;
  private readonly sorted = new Map<DraftStatus | 'all', Int32Array>();

  private constructor(
    /** Every draft, by ordinal. */
    private readonly summaries: readonly DraftSummary[],
    /** Their latest texts, by ordinal, in one dense array for the search's scan. */
    private readonly texts: readonly string[],
    private readonly columns: Columns,
    /** Author names by their code (code 0 is unused). */
    private readonly authorNames: readonly string[],
    /** Each status's ordinals, unsorted. */
    private readonly members: ReadonlyMap<DraftStatus, readonly number[]>,
  ) {}

  /** Built in chunks with a pause between (an index of 100,000 drafts takes some 100 ms in all). */
  static async build(drafts: Iterable<DraftSummary>): Promise<QueueIndex> {
    const summaries = [...drafts];
    const n = summaries.length;
    const texts = summaries.map((s) => s.text);
    const columns: Columns = {
      status: new Uint8Array(n),
      platform: new Uint8Array(n),
      purpose: new Uint8Array(n),
      crisis: new Uint8Array(n),
      author: new Int32Array(n),
      waited: new Float64Array(n),
      updated: new Float64Array(n),
    };
    const authorCodes = new Map<string, number>();
    const authorNames = [''];
    const members = new Map<DraftStatus, number[]>(draftStatuses.map((s) => [s, []]));
    for (let i = 0; i < n; i++) {
      if (i > 0 && i % buildChunk === 0) await yieldToEventLoop();
      const s = summaries[i]!;
      columns.status[i] = statusCode.get(s.status) ?? 0;
      columns.platform[i] = platformCode.get(s.platform) ?? 0;
      columns.purpose[i] = s.purpose ? (purposeCode.get(s.purpose) ?? 0) : 0;
      columns.crisis[i] = s.crisis ? 1 : 0;
      let author = authorCodes.get(s.author);
      if (author === undefined) {
        author = authorNames.length;
        authorCodes.set(s.author, author);
        authorNames.push(s.author);
      }
      columns.author[i] = author;
      columns.waited[i] = isoMillis(waitedFrom(s));
      columns.updated[i] = isoMillis(s.updatedAt);
      members.get(s.status)?.push(i);
    }
    return new QueueIndex(summaries, texts, columns, authorNames, members);
  }

  get size(): number {
    return this.summaries.length;
  }

  query(query: QueueQuery): QueuePage {
    const { ordinals, counts } = this.match(query);
    const offset = Math.max(0, Math.floor(query.offset));
    const limit = Math.max(0, Math.min(maxQueueWindow, Math.floor(query.limit)));
    const rows = Array.from(ordinals.subarray(offset, offset + limit), (i) => toQueueRow(this.summaries[i]!));
    let selectedIndex: number | null = null;
    if (query.selectedId !== undefined) {
      const at = ordinals.findIndex((i) => this.summaries[i]!.id === query.selectedId);
      selectedIndex = at === -1 ? null : at;
    }
    const authors = this.authorNames.slice(1).sort((a, b) => a.localeCompare(b));
    return { total: ordinals.length, offset, rows, counts: { ...counts }, authors, selectedIndex };
  }

  /** A status's ordinals (or every draft's) in working order: the rule of queue-order.ts, on the columns. */
  private order(status: DraftStatus | undefined): Int32Array {
    const key = status ?? 'all';
    let list = this.sorted.get(key);
    if (!list) {
      const { crisis, waited, updated } = this.columns;
      const byId = (a: number, b: number) => {
        const x = this.summaries[a]!.id;
        const y = this.summaries[b]!.id;
        return x < y ? -1 : x > y ? 1 : 0;
      };
      const urgency = (a: number, b: number) => crisis[b]! - crisis[a]! || waited[a]! - waited[b]! || byId(a, b);
      const latest = (a: number, b: number) => updated[b]! - updated[a]! || byId(a, b);
      list = status === undefined ? Int32Array.from(this.summaries, (_, i) => i) : Int32Array.from(this.members.get(status)!);
      list.sort(orderFor(status) === byUrgency ? urgency : latest);
      this.sorted.set(key, list);
    }
    return list;
  }

  private match(filter: QueueFilter): Match {
    const wanted: Narrowing = { platform: filter.platform, author: filter.author, purpose: filter.purpose, crisis: filter.crisis, term: searchTerm(filter.search) };
    const last = this.last;
    if (last && sameNarrowing(last, wanted)) {
      // The same drafts pass; only the status (the order) may differ.
      if (last.status !== filter.status) this.last = { ...last, status: filter.status, ordinals: this.collect(filter.status, last.keep, last.counts) };
    } else {
      this.last = this.scan(filter.status, wanted, last && last.keep && narrows(last, wanted) ? last.keep : null);
    }
    return this.last!;
  }

  /** Tests the drafts (only those in `candidates`, when given) against the filter, counting each status as it goes. */
  private scan(status: DraftStatus | undefined, wanted: Narrowing, candidates: Uint8Array | null): Match {
    const counts = emptyStatusCounts();
    const { platform: p, author: a, purpose: u, crisis: c, term } = wanted;
    if (p === undefined && a === undefined && u === undefined && c === undefined && term === null) {
      for (const [s, list] of this.members) counts[s] = list.length;
      return { status, ...wanted, keep: null, ordinals: this.order(status), counts };
    }
    const { columns, summaries } = this;
    const platform = p === undefined ? 0 : (platformCode.get(p) ?? -1);
    const purpose = u === undefined ? 0 : (purposeCode.get(u) ?? -1);
    const author = a === undefined ? 0 : this.authorNames.indexOf(a);
    const crisis = c === undefined ? -1 : c ? 1 : 0;
    const keep = new Uint8Array(summaries.length);
    if (author === -1 || platform === -1 || purpose === -1) return { status, ...wanted, keep, ordinals: new Int32Array(0), counts };
    const holds = term === null ? null : textMatcher(term);
    const { texts } = this;
    const byStatus = new Int32Array(draftStatuses.length + 1);
    // One pass in ordinal order over the typed columns; counting needs no order, only the result is sorted.
    for (let i = 0; i < keep.length; i++) {
      if (candidates !== null && candidates[i] !== 1) continue;
      if (platform !== 0 && columns.platform[i] !== platform) continue;
      if (purpose !== 0 && columns.purpose[i] !== purpose) continue;
      if (author !== 0 && columns.author[i] !== author) continue;
      if (crisis !== -1 && columns.crisis[i] !== crisis) continue;
      if (holds !== null && !holds(texts[i]!) && summaries[i]!.id !== term) continue;
      keep[i] = 1;
      byStatus[columns.status[i]!]! += 1;
    }
    for (const s of draftStatuses) counts[s] = byStatus[statusCode.get(s)!]!;
    return { status, ...wanted, keep, ordinals: this.collect(status, keep, counts), counts };
  }

  /** The passing drafts of `status` (or all of them) in working order. */
  private collect(status: DraftStatus | undefined, keep: Uint8Array | null, counts: Record<DraftStatus, number>): Int32Array {
    const order = this.order(status);
    if (keep === null) return order;
    const out = new Int32Array(status === undefined ? Object.values(counts).reduce((x, y) => x + y, 0) : counts[status]);
    let found = 0;
    for (const i of order) if (keep[i] === 1) out[found++] = i;
    return out;
  }
}
