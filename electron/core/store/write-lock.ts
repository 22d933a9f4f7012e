import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CountersignError } from '../../../shared/errors';

export const lockFileName = 'countersign.lock';

export interface LockHolder {
  pid: number;
  host: string;
  /** What the holder is doing, for the message another process shows. */
  command: string;
  since: string;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

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

  /** Takes the lock, waiting up to `waitMs` for another writer; throws `busy` naming the holder. */
  acquire(options: { wait?: boolean; onStale?: (holder: LockHolder) => void } = {}): void {
    if (this.depth > 0) {
      this.depth += 1;
      return;
    }
    const deadline = Date.now() + (options.wait === false ? 0 : this.waitMs);
    for (;;) {
      if (this.tryCreate()) break;
      const holder = this.readHolder();
      // Locks are written whole before they appear, so an unreadable one belongs to nobody.
      if ((holder === null || this.isStale(holder)) && this.takeOver(holder)) {
        if (holder) options.onStale?.(holder);
        continue;
      }
      if (Date.now() >= deadline) throw this.busy(holder);
      sleep(10);
    }
    this.depth = 1;
  }

  /** Takes the lock if nobody holds it, without waiting; false when someone does. */
  tryAcquire(onStale?: (holder: LockHolder) => void): boolean {
    try {
      this.acquire({ wait: false, ...(onStale ? { onStale } : {}) });
      return true;
    } catch (err) {
      if (err instanceof CountersignError && err.kind === 'busy') return false;
      throw err;
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
