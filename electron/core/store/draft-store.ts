import fs from 'node:fs';
import path from 'node:path';
import { applyToDraft, applyToSummary, makeSummary, type JournalRecord } from './journal-records';
import { applyToLogFacts } from '../log/log-facts';
import type { Draft, DraftStatus, DraftSummary } from '../../../shared/model';
import { fileVersion, journalFileName, JournalFile, type JournalEntry } from './journal-file';
import { migrateJournal } from './journal-migration';
import { readSnapshot, writeSnapshot, type IndexEntry, type Snapshot } from './journal-snapshot';
import { WriteLock, type LockHolder } from './write-lock';
import { Serial } from '../async/serial';

export interface DraftStoreOptions {
  dataDir: string;
  warn: (message: string) => void;
  /** What this process is, as other processes name it when the lock is held (`countersign import`…). */
  command: string;
  /** Fewest records replayed before a new snapshot is written (default 2,000). */
  snapshotEvery?: number;
}

export interface DraftFilter {
  status?: DraftStatus | undefined;
  author?: string | undefined;
}

/**
 * The durable draft queue: the journal on disk, and in memory only an index
 * of summaries with where each draft's records are, so one action costs the
 * same at 10 drafts and at 100,000. Every write happens under the data
 * directory's write lock, after catching up with what other processes wrote.
 *
 * Two queues keep the async calls apart: `writes` runs transactions one at a
 * time in the order they came (each decides on what the last one left), and
 * `io` keeps reading the journal and appending to it from overlapping. A
 * transaction waits for the lock outside `io`, so reads go on meanwhile.
 */
export class DraftStore {
  private readonly index = new Map<string, IndexEntry>();
  private readonly writes = new Serial();
  private readonly io = new Serial();
  private recordsSinceSnapshot = 0;
  private snapshotTimer: NodeJS.Timeout | null = null;
  /** The snapshot being written, if any: one at a time (see snapshotIfFree). */
  private snapshotting: Promise<void> | null = null;
  private closing = false;
  /** How opening went: from a snapshot or not, and how many journal records were replayed. */
  readonly opened = { fromSnapshot: false, replayed: 0 };
  private readonly snapshotEvery: number;

  private constructor(
    readonly dataDir: string,
    private readonly journal: JournalFile,
    private readonly lock: WriteLock,
    private readonly warn: (message: string) => void,
    snapshotEvery: number,
  ) {
    this.snapshotEvery = snapshotEvery;
  }

  static async open(options: DraftStoreOptions): Promise<DraftStore> {
    const { dataDir, warn } = options;
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, journalFileName);
    const lock = new WriteLock(dataDir, options.command);
    const version = fileVersion(file);
    let journal: JournalFile;
    if (version === null || version < 2) {
      // Creating or migrating the file writes, so it happens under the lock.
      await lock.acquire((h) => warn(staleLockMessage(lock.file, h)));
      try {
        const backup = await migrateJournal(file);
        if (backup) warn(`${file} was upgraded to the current format; the original is kept as ${backup}.`);
        journal = JournalFile.open(file);
      } finally {
        lock.release();
      }
    } else {
      journal = JournalFile.open(file);
    }
    const store = new DraftStore(dataDir, journal, lock, warn, options.snapshotEvery ?? 2_000);
    try {
      await store.load();
    } catch (err) {
      journal.close();
      throw err;
    }
    return store;
  }

  get file(): string {
    return this.journal.file;
  }

  get size(): number {
    return this.index.size;
  }

  /** Applies what other processes appended; returns how many records that was. */
  refresh(): Promise<number> {
    return this.io.run(() => this.readNew());
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  summary(id: string): DraftSummary | undefined {
    const entry = this.index.get(id);
    return entry ? makeSummary(entry.summary) : undefined;
  }

  /** Oldest first: in the order drafts reached the journal, which the index keeps without sorting. */
  list(filter: DraftFilter = {}): DraftSummary[] {
    const out: DraftSummary[] = [];
    for (const { summary } of this.index.values()) {
      if (filter.status !== undefined && summary.status !== filter.status) continue;
      if (filter.author !== undefined && summary.author !== filter.author) continue;
      out.push(makeSummary(summary));
    }
    return out;
  }

  /** The journal's chain head: the last record's chain hash and how many records there are. */
  get head(): { hash: string; records: number } {
    const at = this.journal.at;
    return { hash: at.hash, records: at.line - 1 };
  }

  /** Each draft's summary and log facts, in the order drafts reached the journal, without copying the index: read them, never keep or change them. */
  *logEntries(): Generator<Readonly<Pick<IndexEntry, 'summary' | 'log'>>> {
    yield* this.index.values();
  }

  /** The whole draft with its history, read from the journal by its records' offsets. */
  async draft(id: string): Promise<Draft | undefined> {
    const entry = this.index.get(id);
    if (!entry) return undefined;
    // A copy: the index may grow while the reads wait.
    const records = entry.records.slice();
    let draft: Draft | undefined;
    for (let i = 0; i < records.length; i += 2) {
      draft = applyToDraft(draft, await this.journal.readAt(records[i]!, records[i + 1]!));
    }
    return draft;
  }

  /**
   * Runs `work` holding the write lock, after reading what others wrote and
   * cutting off a record a crashed writer left half-written; `work` decides
   * on that fresh state and calls `append`. Transactions run one at a time,
   * in the order they were asked for.
   */
  transact<T>(work: () => T | Promise<T>): Promise<T> {
    return this.writes.run(async () => {
      const release = await this.hold();
      try {
        await this.io.run(async () => {
          await this.readNew();
          await this.cutTornTail();
        });
        return await work();
      } finally {
        release();
      }
    });
  }

  /** Holds the write lock across several transactions (a bulk import); returns the release. */
  async hold(): Promise<() => void> {
    await this.lock.acquire((h) => this.warn(staleLockMessage(this.lock.file, h)));
    return () => {
      this.lock.release();
      if (this.lock.holds === 0) this.scheduleSnapshot();
    };
  }

  /** Appends records durably in one group commit; only inside `transact`. */
  append(records: readonly JournalRecord[]): Promise<void> {
    if (this.lock.holds === 0) throw new Error('DraftStore.append outside transact');
    // Applied to a copy first: a record that cannot apply is refused before it is written.
    for (const record of records) this.checkApplies(record);
    return this.io.run(async () => {
      for (const entry of await this.journal.append(records)) this.apply(entry);
      this.recordsSinceSnapshot += records.length;
    });
  }

  /** Waits for the work in hand, writes a due snapshot and closes the journal. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = null;
    await this.writes.run(async () => {
      // One still being written finishes first; then what it did not cover, if that is due.
      await this.snapshotting;
      await this.snapshotIfFree();
    });
    this.journal.close();
  }

  private readNew(): Promise<number> {
    return this.journal.readNew((entry) => this.apply(entry));
  }

  private async load(): Promise<void> {
    const snapshot = readSnapshot(this.dataDir);
    if (snapshot && 'unusable' in snapshot) {
      this.warn(`${snapshot.unusable}; replaying the whole journal instead.`);
    } else if (snapshot) {
      if (this.journal.resume(snapshot.position)) {
        for (const entry of snapshot.entries) this.index.set(entry.summary.id, entry);
        this.opened.fromSnapshot = true;
      } else {
        this.warn(`The snapshot does not match ${this.journal.file}; replaying the whole journal instead.`);
      }
    }
    this.recordsSinceSnapshot = await this.readNew();
    this.opened.replayed = this.recordsSinceSnapshot;
    // Cutting a torn tail writes, so it happens only while no other process is writing.
    if (this.lock.tryAcquire((h) => this.warn(staleLockMessage(this.lock.file, h)))) {
      try {
        await this.cutTornTail();
      } finally {
        this.lock.release();
      }
    }
    this.scheduleSnapshot();
  }

  private apply(entry: JournalEntry): void {
    const id = entry.record.draftId;
    const existing = this.index.get(id);
    try {
      // Facts first: they read the status before the record, which applyToSummary changes in place.
      const log = applyToLogFacts(existing?.log, existing?.summary, entry.record);
      const summary = applyToSummary(existing?.summary, entry.record);
      if (existing) {
        existing.log = log;
        existing.records.push(entry.offset, entry.length);
      } else {
        this.index.set(id, { summary, log, records: [entry.offset, entry.length] });
      }
    } catch (err) {
      throw this.journal.damaged(entry.offset, entry.line, err instanceof Error ? err.message : String(err));
    }
  }

  private checkApplies(record: JournalRecord): void {
    const existing = this.index.get(record.draftId);
    applyToSummary(existing ? makeSummary(existing.summary) : undefined, record);
  }

  private async cutTornTail(): Promise<void> {
    const at = this.journal.at.offset;
    const cut = await this.journal.cutTornTail();
    if (cut > 0) {
      this.warn(`${this.journal.file}: cut off an incomplete last record of ${cut} bytes at byte ${at} (a write interrupted by a crash; it was never acknowledged).`);
    }
  }

  /** Bounds what opening replays after the snapshot (about 0.1 s for 2,000 records). */
  private snapshotDue(): boolean {
    return this.recordsSinceSnapshot >= this.snapshotEvery;
  }

  /**
   * Writes the snapshot just after the current call returns, so the action
   * that crossed the threshold is not the one that waits for it; `close`
   * writes a due snapshot at once.
   */
  private scheduleSnapshot(): void {
    if (this.snapshotTimer || this.snapshotting || this.closing || !this.snapshotDue()) return;
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = null;
      void this.snapshotIfFree();
    }, 50);
    this.snapshotTimer.unref();
  }

  /**
   * Writes a due snapshot unless one is being written. One at a time: the
   * count of records it covers comes off only once it is written, so until
   * then every action's release found a snapshot still due, and a new one
   * was started every 50 ms beside the ones in progress (17 at once, 2.3 GB
   * of RSS, measured on 100,000 drafts acted on in a loop). When it is done,
   * the next is scheduled if records came in meanwhile.
   */
  private snapshotIfFree(): Promise<void> {
    if (this.snapshotting) return this.snapshotting;
    if (!this.snapshotDue()) return Promise.resolve();
    const writing = this.takeSnapshot().then(
      (written) => {
        this.snapshotting = null;
        // Not after a failure or a lock held elsewhere: the next release tries again, as before.
        if (written) this.scheduleSnapshot();
      },
      (err: unknown) => {
        this.snapshotting = null;
        this.warn(`Could not write the snapshot: ${err instanceof Error ? err.message : String(err)}`);
      },
    );
    this.snapshotting = writing;
    return writing;
  }

  /**
   * Copies the index as of the journal's position while no other process
   * writes (the lock is held only for the copy, about 50 ms at 100,000
   * drafts), then encodes and writes it in chunks while calls go on.
   */
  private async takeSnapshot(): Promise<boolean> {
    if (!this.snapshotDue() || !this.lock.tryAcquire((h) => this.warn(staleLockMessage(this.lock.file, h)))) return false;
    let snapshot: Snapshot;
    let covered: number;
    try {
      // Between reads and appends (io), so the copy is the index exactly as of `position`.
      [snapshot, covered] = await this.io.run(() => [{ position: this.journal.at, entries: copyEntries(this.index.values()) }, this.recordsSinceSnapshot] as const);
    } finally {
      this.lock.release();
    }
    try {
      await writeSnapshot(this.dataDir, snapshot);
      this.recordsSinceSnapshot -= covered;
      return true;
    } catch (err) {
      // The journal holds everything; a missing snapshot only slows the next start.
      this.warn(`Could not write the snapshot: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
  }
}

/** Entries as they are now: summaries and record lists change in place as records apply; log facts are replaced, never changed. */
function copyEntries(entries: Iterable<IndexEntry>): IndexEntry[] {
  const copies: IndexEntry[] = [];
  for (const e of entries) copies.push({ summary: makeSummary(e.summary), log: e.log, records: e.records.slice() });
  return copies;
}

function staleLockMessage(file: string, holder: LockHolder): string {
  return `Took over ${file}, left by process ${holder.pid} (${holder.command}, since ${holder.since}), which has ended.`;
}
