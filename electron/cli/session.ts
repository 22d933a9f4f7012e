import type { Readable } from 'node:stream';
import { Option } from 'commander';
import type { ChannelName } from '../../shared/channels';
import type { RequestOf, ResponseOf } from '../../shared/contract';
import { CountersignError } from '../../shared/errors';
import { resolveDataDir } from '../core/data-dir';
import { createHandlers, dispatch, type HostSession } from '../core/handlers';
import { openNodeSettings } from '../core/settings';
import { Workstation } from '../core/workstation';
import { CliFailure } from './cli-failure';
import type { CoreEntry } from '../web-host/core-child';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Reads all of standard input (for `-`). */
  stdin: () => string;
  /** Standard input as a stream, for commands that read it line by line (default: process.stdin). */
  stdinStream?: () => Readable;
  /** Where the built renderer is, for `serve`. */
  rendererDir: string;
  /** The core's entry, which `serve` runs as a child process. */
  coreEntry: CoreEntry;
}

export interface DataDirOption {
  dataDir?: string;
}

/** `--data-dir`, on each leaf command. */
export const dataDirOption = () =>
  new Option('--data-dir <dir>', 'data directory (default: $COUNTERSIGN_DATA_DIR, else the desktop app\'s folder)');

/** A core error as the CLI reports it (its English message and exit code); anything else is rethrown as is. */
export function asCliFailure(err: unknown): unknown {
  return err instanceof CountersignError ? CliFailure.from(err.toApiError()) : err;
}

/** Runs the same handlers as the desktop app, so the CLI is checked exactly like the UI. */
export class CliSession {
  private readonly handlers;

  constructor(
    readonly ws: Workstation,
    private readonly session: HostSession,
  ) {
    this.handlers = createHandlers(ws);
  }

  /** `command` (`countersign import`…) is how other processes name this one while it holds the write lock. */
  static async open(options: DataDirOption, actor: string | null, io: CliIo, command: string): Promise<CliSession> {
    const dataDir = resolveDataDir(options.dataDir);
    let ws: Workstation;
    try {
      ws = await Workstation.open({ dataDir, settings: openNodeSettings(dataDir), warn: (m) => io.err(`warning: ${m}`), command });
    } catch (err) {
      throw asCliFailure(err);
    }
    // --as acts for one command; unlike switching in a window, it does not change the remembered profile.
    let profileName: string | null = null;
    try {
      if (actor !== null) profileName = ws.profiles.require(actor).name;
    } catch (err) {
      await ws.close();
      throw asCliFailure(err);
    }
    return new CliSession(ws, { profileName, terminal: actor === null });
  }

  /** The acting profile (`--as`); only for commands opened with one. */
  get actorName(): string {
    if (this.session.profileName === null) throw new Error('CliSession has no acting profile');
    return this.session.profileName;
  }

  async call<K extends ChannelName>(channel: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
    const result = await dispatch(this.handlers, channel, request, this.session);
    if (!result.ok) throw CliFailure.from(result.error);
    return result.value as ResponseOf<K>;
  }

  close(): Promise<void> {
    return this.ws.close();
  }
}

/** Work in a session, closed once the work has finished. */
export async function withSession<T>(
  command: string,
  options: DataDirOption,
  actor: string | null,
  io: CliIo,
  work: (s: CliSession) => Promise<T>,
): Promise<T> {
  const session = await CliSession.open(options, actor, io, command);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}
