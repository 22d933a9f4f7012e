import type { EventName } from '../../../shared/channels';
import type { ApiResult } from '../../../shared/errors';
import type { Locale } from '../../../shared/i18n/translate';
import type { Theme } from '../../../shared/preferences';
import type { HostOperations } from './host-operations';

// The messages between a host (the desktop's main process, the loopback
// host) and the core in its own process. Both ends speak exactly these, over
// an Electron MessagePort or a Node child process's IPC channel; payloads are
// structured-cloned, so only data crosses.

/** Which window (the desktop's webContents id; the loopback host's page is 0) a call or an event belongs to. */
export type WindowId = number;

export type ToCore =
  /** A contract call from a window; answered with `result`. */
  | { type: 'call'; id: number; window: WindowId; channel: string; payload: unknown }
  /** A desktop-only operation the main process asks for (never a window): see host-operations.ts. */
  | { [K in keyof HostOperations]: { type: 'host'; id: number; window: WindowId; operation: K; input: HostOperations[K]['input'] } }[keyof HostOperations]
  /** A window opened: what the host knows of the system's languages, for its session. */
  | { type: 'open'; window: WindowId; systemLanguages: readonly string[] }
  | { type: 'close'; window: WindowId }
  /** Finish what is in hand, write a due snapshot, then exit. */
  | { type: 'stop' };

export type FromCore =
  /** The store is open; `theme` for the desktop's native theme. */
  | { type: 'ready'; theme: Theme }
  /** Opening failed (a damaged settings file or journal): the message says what to do. The process exits. */
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  /** An event for one window, or for every window (`all`); a notification carries the locale to word it in. */
  | { type: 'event'; window: WindowId | 'all'; name: EventName; payload: unknown; locale?: Locale }
  | { type: 'theme'; theme: Theme };

/** How the core's process is started: its entry and the data directory it serves. */
export interface CoreArguments {
  dataDir: string;
  /** How other processes name this one while it holds the write lock. */
  command: string;
}

/** `core.js --data-dir DIR --command TEXT`, the entry's arguments. */
export function coreArgv(args: CoreArguments): string[] {
  return ['--data-dir', args.dataDir, '--command', args.command];
}
