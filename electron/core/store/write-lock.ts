import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { CountersignError } from '../../../shared/errors';

export const lockFileName = 'countersign.lock';

export interface LockHolder {
  pid: number;
  host: string;
  /** What the holder is doing, for the message another process shows. */
  command: string;
  since: string;
}

/** How often a waiting writer looks at the lock again. */
const retryMs = 10;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The single-writer lock on a data directory: a file created atomically
 * (written aside, then hard-linked into place) naming the process that holds
 * it. Readers never need it. A lock whose process is gone on this host is
 * stale and taken over. Re-entrant within the process.
 */
export class WriteLock {
  readonly file: string;
  private depth = 0;

  constructor(
    dataDir: string,
    private readonly command: string,
    private readonly waitMs = 1_000,
  ) {
    this.file = path.join(dataDir, lockFileName);
  }

  /** How many nested holds this process has (0: not held). */
  get holds(): number {
    return this.depth;
  }

  /**
   * Takes the lock, retrying for up to `waitMs` while another writer holds
   * it; throws `busy` naming the holder. The wait is timers, never a blocking
   * sleep: the process goes on answering other calls meanwhile. Callers in
   * one process take turns through DraftStore's queue, so holding is
   * re-entrant only for the one piece of work that holds it.
   */
  async acquire(onStale?: (holder: LockHolder) => void): Promise<void> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const holder = this.attempt(onStale);
      if (holder === 'taken') return;
      if (Date.now() >= deadline) throw this.busy(holder);
      await delay(retryMs);
    }
  }

  /** Takes the lock if nobody holds it, without waiting; false when someone does. */
  tryAcquire(onStale?: (holder: LockHolder) => void): boolean {
    return this.attempt(onStale) === 'taken';
  }

  /** One try: `taken`, or who holds the lock (null when that cannot be read). */
  private attempt(onStale: ((holder: LockHolder) => void) | undefined): 'taken' | LockHolder | null {
    if (this.depth > 0) {
      this.depth += 1;
      return 'taken';
    }
    for (;;) {
      if (this.tryCreate()) {
        this.depth = 1;
        return 'taken';
      }
      const holder = this.readHolder();
      // Locks are written whole before they appear, so an unreadable one belongs to nobody.
      if ((holder === null || this.isStale(holder)) && this.takeOver(holder)) {
        if (holder) onStale?.(holder);
        continue;
      }
      return holder;
    }
  }

  release(): void {
    if (this.depth === 0) return;
    this.depth -= 1;
    if (this.depth > 0) return;
    const holder = this.readHolder();
    if (holder?.pid === process.pid && holder.host === os.hostname()) fs.rmSync(this.file, { force: true });
  }

  readHolder(): LockHolder | null {
    try {
      const value = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<LockHolder>;
      if (typeof value.pid !== 'number' || typeof value.host !== 'string') return null;
      return { pid: value.pid, host: value.host, command: String(value.command ?? '?'), since: String(value.since ?? '?') };
    } catch {
      return null;
    }
  }

  private tryCreate(): boolean {
    const holder: LockHolder = { pid: process.pid, host: os.hostname(), command: this.command, since: new Date().toISOString() };
    const temp = `${this.file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
    fs.writeFileSync(temp, JSON.stringify(holder));
    try {
      fs.linkSync(temp, this.file);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }

  /** A holder on this host whose process has ended (a crash or a kill). Another host's lock is never judged. */
  private isStale(holder: LockHolder): boolean {
    return holder.host === os.hostname() && (holder.pid === process.pid ? this.depth === 0 : !isAlive(holder.pid));
  }

  /**
   * Moves the stale lock aside and checks it is the one judged stale: if a
   * live process took the lock in between, its lock is put back.
   */
  private takeOver(stale: LockHolder | null): boolean {
    const aside = `${this.file}.stale.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
    try {
      fs.renameSync(this.file, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
      throw err;
    }
    let moved: Partial<LockHolder> | null = null;
    try {
      moved = JSON.parse(fs.readFileSync(aside, 'utf8')) as Partial<LockHolder>;
    } catch {
      // Unreadable: it was not a live lock either.
    }
    if (moved && (moved.pid !== stale?.pid || moved.since !== stale?.since)) {
      try {
        fs.linkSync(aside, this.file);
      } catch {
        // Someone else holds a lock again; theirs stands.
      }
      fs.rmSync(aside, { force: true });
      return false;
    }
    fs.rmSync(aside, { force: true });
    return true;
  }

  private busy(holder: LockHolder | null): CountersignError {
    return new CountersignError('busy', 'error.locked', {
      dir: path.dirname(this.file),
      pid: holder ? String(holder.pid) : '?',
      host: holder?.host ?? '?',
      command: holder?.command ?? '?',
      since: holder?.since ?? '?',
    });
  }
}
