import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import packageJson from '../../package.json';
import type { ChannelName } from '../../shared/channels';
import type { RequestOf, ResponseOf } from '../../shared/contract';
import { CountersignError } from '../../shared/errors';
import { draftStatuses, platforms, roles, type DraftStatus, type DraftSummary, type Platform, type Profile, type Role } from '../../shared/model';
import { resolveDataDir } from '../core/data-dir';
import { createHandlers, dispatch, type HostSession } from '../core/handlers';
import { openNodeSettings } from '../core/settings';
import { Workstation } from '../core/workstation';
import { startWebHost } from '../web-host/server';
import { CliFailure } from './cli-failure';
import { exitCodes } from './exit-codes';
import { readTextOption } from './input-text';
import { runCheck, type CheckOptions } from './check-command';
import { locales } from '../../shared/i18n/translate';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Reads all of standard input (for `-`). */
  stdin: () => string;
  /** Where the built renderer is, for `serve`. */
  rendererDir: string;
}

interface DataDirOption {
  dataDir?: string;
}

/** Runs the same handlers as the desktop app, so the CLI is checked exactly like the UI. */
class CliSession {
  private readonly handlers;

  constructor(
    readonly ws: Workstation,
    private readonly session: HostSession,
  ) {
    this.handlers = createHandlers(ws);
  }

  static open(options: DataDirOption, actor: string | null, io: CliIo): CliSession {
    const dataDir = resolveDataDir(options.dataDir);
    let ws: Workstation;
    try {
      ws = Workstation.open({ dataDir, settings: openNodeSettings(dataDir), warn: (m) => io.err(`warning: ${m}`) });
    } catch (err) {
      if (err instanceof CountersignError) throw CliFailure.from(err.toApiError());
      throw err;
    }
    // --as acts for one command; unlike switching in a window, it does not change the remembered profile.
    let profileName: string | null = null;
    try {
      if (actor !== null) profileName = ws.requireProfile(actor).name;
    } catch (err) {
      ws.close();
      if (err instanceof CountersignError) throw CliFailure.from(err.toApiError());
      throw err;
    }
    return new CliSession(ws, { profileName, terminal: actor === null });
  }

  call<K extends ChannelName>(channel: K, request: RequestOf<K>): ResponseOf<K> {
    const result = dispatch(this.handlers, channel, request, this.session);
    if (!result.ok) throw CliFailure.from(result.error);
    return result.value as ResponseOf<K>;
  }

  close(): void {
    this.ws.close();
  }
}

function withSession<T>(options: DataDirOption, actor: string | null, io: CliIo, work: (s: CliSession) => T): T {
  const session = CliSession.open(options, actor, io);
  try {
    return work(session);
  } finally {
    session.close();
  }
}

const dataDirOption = () =>
  new Option('--data-dir <dir>', 'data directory (default: $COUNTERSIGN_DATA_DIR, else the desktop app\'s folder)');
const formatOption = (fallback: 'json' | 'text') =>
  new Option('--format <format>', 'output format').choices(['json', 'text']).default(fallback);

function draftLine(d: DraftSummary): string {
  const preview = d.text.replace(/\s+/g, ' ').slice(0, 60);
  return [d.id, d.status, d.platform, d.author, d.updatedAt, preview].join('\t');
}

function profileLine(p: Profile): string {
  return [p.name, p.role, p.createdAt].join('\t');
}

/** The `countersign` command line. Throws CliFailure or CommanderError; `runCli` turns them into exit codes. */
export function buildProgram(io: CliIo, outcome: { exitCode: number } = { exitCode: exitCodes.done }): Command {
  const program = new Command('countersign')
    .description('Countersign: review executives\' social-media drafts before they go out.')
    .version(packageJson.version)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  // --data-dir sits on each leaf command only: on a parent too, the parent would take it.
  const profiles = program.command('profiles').description('manage the profiles people work as');

  profiles
    .command('add')
    .description('add a profile')
    .requiredOption('--name <name>', 'the profile\'s name, as used with --as')
    .addOption(new Option('--role <role>', 'what the profile may do').choices(roles).makeOptionMandatory())
    .addOption(dataDirOption())
    .action((opts: DataDirOption & { name: string; role: Role }) => {
      withSession(opts, null, io, (s) => io.out(profileLine(s.call('addProfile', { name: opts.name, role: opts.role }))));
    });

  profiles
    .command('list')
    .description('list the profiles')
    .addOption(formatOption('text'))
    .addOption(dataDirOption())
    .action((opts: DataDirOption & { format: 'json' | 'text' }) => {
      withSession(opts, null, io, (s) => {
        const list = s.call('listProfiles', {});
        if (opts.format === 'json') io.out(JSON.stringify(list, null, 2));
        else if (list.length > 0) io.out(list.map(profileLine).join('\n'));
      });
    });

  program
    .command('submit')
    .description('submit a new draft for review; prints its id first')
    .requiredOption('--as <name>', 'the executive profile submitting')
    .addOption(new Option('--platform <platform>', 'where the post will go').choices(platforms).makeOptionMandatory())
    .option('--text <text>', 'the draft text')
    .option('--text-file <file>', 'read the draft text from a UTF-8 file (- for standard input)')
    .addOption(dataDirOption())
    .action((opts: DataDirOption & { as: string; platform: Platform; text?: string; textFile?: string }) => {
      const text = readTextOption(opts);
      withSession(opts, opts.as, io, (s) => {
        const draft = s.call('submitDraft', { platform: opts.platform, text });
        io.out(`${draft.id} ${draft.status}`);
      });
    });

  program
    .command('list')
    .description('list drafts, oldest first')
    .addOption(new Option('--status <status>', 'only drafts with this status').choices(draftStatuses))
    .addOption(formatOption('text'))
    .addOption(dataDirOption())
    .action((opts: DataDirOption & { status?: DraftStatus; format: 'json' | 'text' }) => {
      withSession(opts, null, io, (s) => {
        const list = s.call('listDrafts', opts.status ? { status: opts.status } : {});
        if (opts.format === 'json') io.out(JSON.stringify(list, null, 2));
        else if (list.length > 0) io.out(list.map(draftLine).join('\n'));
      });
    });

  program
    .command('approve')
    .description('approve a pending draft')
    .argument('<id>', 'the draft\'s id')
    .requiredOption('--as <name>', 'the reviewer profile approving')
    .option('--comment <text>', 'a note kept with the approval')
    .addOption(dataDirOption())
    .action((id: string, opts: DataDirOption & { as: string; comment?: string }) => {
      withSession(opts, opts.as, io, (s) => {
        const draft = s.call('approveDraft', { id, ...(opts.comment === undefined ? {} : { comment: opts.comment }) });
        io.out(`${draft.id} ${draft.status}`);
      });
    });

  program
    .command('check')
    .description('check drafts against the policy; exit 1 if any finding is an error')
    .argument('[files...]', 'draft files, or - for standard input (the default)')
    .addOption(new Option('--platform <platform>', 'the platform to count and check for').choices(platforms).makeOptionMandatory())
    .option('--policy <file>', 'a policy JSON file (default: the data directory\'s policy)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'jsonl']).default('text'))
    .addOption(new Option('--locale <locale>', 'language of the messages (default: from LANG)').choices(locales))
    .addOption(dataDirOption())
    .action((files: string[], opts: CheckOptions) => {
      // Findings are an outcome, not a failure: they only set the exit code.
      outcome.exitCode = runCheck(files, opts, io);
    });

  program
    .command('serve')
    .description('serve the UI and the API on 127.0.0.1 with a fresh token; prints the address first')
    .option('--port <n>', 'port to listen on (0 = any free port)', '0')
    .addOption(dataDirOption())
    .action(async (opts: DataDirOption & { port: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new CliFailure(`--port must be 0 to 65535, not “${opts.port}”.`);
      const session = CliSession.open(opts, null, io);
      let host;
      try {
        host = await startWebHost({ ws: session.ws, port, rendererDir: io.rendererDir });
      } catch (err) {
        session.close();
        throw new CliFailure(`Cannot listen on 127.0.0.1:${port}: ${err instanceof Error ? err.message : String(err)}`);
      }
      io.out(host.url);
      io.err(`Serving ${session.ws.dataDir} on 127.0.0.1:${host.port} (renderer: ${path.relative(process.cwd(), io.rendererDir) || '.'}). Stop with Ctrl+C.`);
      await new Promise<void>((resolve) => {
        const stop = () => void host.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      session.close();
    });

  // Every sub-command reports usage errors the same way as the root.
  for (const command of [...program.commands, ...profiles.commands]) {
    command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err }).showHelpAfterError('(add --help for usage)');
  }
  return program;
}

/** Parses and runs; resolves to the process exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const outcome = { exitCode: exitCodes.done };
  const program = buildProgram(io, outcome);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return outcome.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      const helpOrVersion = ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(err.code);
      return helpOrVersion ? exitCodes.done : exitCodes.badInput;
    }
    if (err instanceof CliFailure) {
      io.err(`countersign: ${err.message}`);
      return err.exitCode;
    }
    io.err(`countersign: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return exitCodes.badInput;
  }
}
