import { setImmediate as immediate } from 'node:timers/promises';

/**
 * Runs async work one piece at a time, in the order it was handed in: the
 * core's calls interleave on one event loop, and what changes the store must
 * not (a write decides on the state the previous write left).
 */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(work);
    // The next piece waits for this one to settle, whether it failed or not.
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** Lets other calls run between chunks of long work (an export, a replay, an index build). */
export function yieldToEventLoop(): Promise<void> {
  return immediate();
}
