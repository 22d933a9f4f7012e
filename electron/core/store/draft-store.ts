import fs from 'node:fs';
import path from 'node:path';
import { applyToDraft, applyToSummary, makeSummary, type JournalRecord } from './journal-records';
import { applyToLogFacts } from '../log/log-facts';
import type { Draft, DraftStatus, DraftSummary } from '../../../shared/model';
import { fileVersion, journalFileName, JournalFile, type JournalEntry } from './journal-file';
import { migrateJournal } from './journal-migration';
import { readSnapshot, writeSnapshot, type IndexEntry } from './journal-snapshot';
import { WriteLock, type LockHolder } from './write-lock';

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
 */
export class DraftStore {
  private readonly index = new Map<string, IndexEntry>();
  private recordsSinceSnapshot = 0;
  private snapshotTimer: NodeJS.Timeout | null = null;
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

  static open(options: DraftStoreOptions): DraftStore {
    const { dataDir, warn } = options;
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, journalFileName);
    const lock = new WriteLock(dataDir, options.command);
    const version = fileVersion(file);
    let journal: JournalFile;
    if (version === null || version < 2) {
      // Creating or migrating the file writes, so it happens under the lock.
      lock.acquire({ onStale: (h) => warn(staleLockMessage(lock.file, h)) });
      try {
        const backup = migrateJournal(file);
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
      store.load();
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
  refresh(): number {
    return this.journal.readNew((entry) => this.apply(entry));
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
  draft(id: string): Draft | undefined {
    const entry = this.index.get(id);
    if (!entry) return undefined;
    let draft: Draft | undefined;
    for (let i = 0; i < entry.records.length; i += 2) {
      draft = applyToDraft(draft, this.journal.readAt(entry.records[i]!, entry.records[i + 1]!));
    }
    return draft;
  }

  /**
   * Runs `work` holding the write lock, after reading what others wrote and
   * cutting off a record a crashed writer left half-written; `work` decides
   * on that fresh state and calls `append`.
   */
  transact<T>(work: () => T): T {
    const release = this.hold();
    try {
      this.refresh();
      this.cutTornTail();
      return work();
    } finally {
      release();
    }
  }

  /** Holds the write lock across several transactions (a bulk import); returns the release. */
  hold(): () => void {
    this.lock.acquire({ onStale: (h) => this.warn(staleLockMessage(this.lock.file, h)) });
    return () => {
      this.lock.release();
      if (this.lock.holds === 0) this.scheduleSnapshot();
    };
  }

  /** Appends records durably in one group commit; only inside `transact`. */
  append(records: readonly JournalRecord[]): void {
    if (this.lock.holds === 0) throw new Error('DraftStore.append outside transact');
    // Applied to a copy first: a record that cannot apply is refused before it is written.
    for (const record of records) this.checkApplies(record);
    for (const entry of this.journal.append(records)) this.apply(entry);
    this.recordsSinceSnapshot += records.length;
  }

  close(): void {
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotIfFree();
    this.journal.close();
  }

  private load(): void {
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
    this.recordsSinceSnapshot = this.refresh();
    this.opened.replayed = this.recordsSinceSnapshot;
    // Cutting a torn tail writes, so it happens only while no other process is writing.
    if (this.lock.tryAcquire((h) => this.warn(staleLockMessage(this.lock.file, h)))) {
      try {
        this.cutTornTail();
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

  private cutTornTail(): void {
    const at = this.journal.at.offset;
    const cut = this.journal.cutTornTail();
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
   * that crossed the threshold is not the one that waits for it (about 1 s
   * at 100,000 drafts); `close` writes a due snapshot at once.
   */
  private scheduleSnapshot(): void {
    if (this.snapshotTimer || !this.snapshotDue()) return;
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = null;
      this.snapshotIfFree();
    }, 50);
    this.snapshotTimer.unref();
  }

  private snapshotIfFree(): void {
    if (!this.snapshotDue() || !this.lock.tryAcquire((h) => this.warn(staleLockMessage(this.lock.file, h)))) return;
    try {
      writeSnapshot(this.dataDir, { position: this.journal.at, entries: [...this.index.values()] });
      this.recordsSinceSnapshot = 0;
    } catch (err) {
      // The journal holds everything; a missing snapshot only slows the next start.
      this.warn(`Could not write the snapshot: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.lock.release();
    }
  }

}

function staleLockMessage(file: string, holder: LockHolder): string {
  return `Took over ${file}, left by process ${holder.pid} (${holder.command}, since ${holder.since}), which has ended.`;
}
