import { once } from 'node:events';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import packageJson from '../../package.json';
import { locales } from '../../shared/i18n/translate';
import {
  draftStatuses,
  platforms,
  purposes,
  roles,
  type DraftStatus,
  type DraftSummary,
  type Platform,
  type Profile,
  type Purpose,
  type Role,
} from '../../shared/model';
import { resolveDataDir } from '../core/data-dir';
import { recoverJournal } from '../core/store/journal-recovery';
import { startWebHost } from '../web-host/server';
import { runCheck, type CheckOptions } from './check-command';
import { CliFailure } from './cli-failure';
import { addDraftCommands, statusLine } from './draft-commands';
import { exitCodes } from './exit-codes';
import { addLogCommands } from './log-commands';
import { runImport, type ImportOptions } from './import-command';
import { readTextOption } from './input-text';
import { CoreStartError } from '../common/core-client';
import { asCliFailure, dataDirOption, withSession, type CliIo, type DataDirOption } from './session';

export type { CliIo } from './session';

interface SubmitOptions extends DataDirOption {
  as: string;
  platform: Platform;
  text?: string;
  textFile?: string;
  purpose?: Purpose;
  crisis?: boolean;
  save?: boolean;
}

const formatOption = (fallback: 'json' | 'text') =>
  new Option('--format <format>', 'output format').choices(['json', 'text']).default(fallback);

function draftLine(d: DraftSummary): string {
  const preview = d.text.replace(/\s+/g, ' ').slice(0, 60);
  return [d.id, d.status, d.platform, d.author, d.updatedAt, preview].join('\t');
}

/** Drafts per piece of `list` output: about 0.8 MB of JSON. */
const listChunkDrafts = 1_000;

/**
 * `list` output in pieces of `listChunkDrafts` drafts, so 100,000 drafts are
 * never one 70 MB string (and its UTF-8 copy). The bytes are exactly those of
 * `JSON.stringify(list, null, 2)` and a newline (or the text lines joined by
 * newlines, and a newline). Each JSON piece is one native `JSON.stringify` of
 * its drafts, with no work per draft here: stringified with a `0` after them,
 * the drafts come out already indented as inside the whole array and followed
 * by `,\n`, and the piece is one slice of that string, from after `[\n` (but
 * for the first) to before the `  0\n]` (but for the last, which keeps its `]`
 * and gets its newline from `io.out`). A slice is not copied again on its way
 * out; a concatenation would have been.
 */
async function writeList(list: readonly DraftSummary[], format: 'json' | 'text', write: (text: string) => Promise<void>): Promise<void> {
  if (format === 'json' && list.length === 0) return write('[]');
  for (let at = 0; at < list.length; at += listChunkDrafts) {
    const part: unknown[] = list.slice(at, at + listChunkDrafts);
    const last = at + listChunkDrafts >= list.length;
    if (format === 'text') {
      await write(part.map((d) => draftLine(d as DraftSummary)).join('\n'));
      continue;
    }
    if (!last) part.push(0);
    const json = JSON.stringify(part, null, 2);
    await write(json.slice(at === 0 ? 0 : 2, last ? json.length : json.length - '  0\n]'.length));
  }
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
    .action((opts: DataDirOption & { name: string; role: Role }) =>
      withSession('countersign profiles add', opts, null, io, async (s) => {
        io.out(profileLine(await s.call('addProfile', { name: opts.name, role: opts.role })));
      }),
    );

  profiles
    .command('list')
    .description('list the profiles')
    .addOption(formatOption('text'))
    .addOption(dataDirOption())
    .action((opts: DataDirOption & { format: 'json' | 'text' }) =>
      withSession('countersign profiles list', opts, null, io, async (s) => {
        const list = await s.call('listProfiles', {});
        if (opts.format === 'json') io.out(JSON.stringify(list, null, 2));
        else if (list.length > 0) io.out(list.map(profileLine).join('\n'));
      }),
    );

  program
    .command('submit')
    .description('submit a new draft for review (or keep it as a draft with --save); prints its id first')
    .requiredOption('--as <name>', 'the executive profile submitting')
    .addOption(new Option('--platform <platform>', 'where the post will go').choices(platforms).makeOptionMandatory())
    .option('--text <text>', 'the draft text')
    .option('--text-file <file>', 'read the draft text from a UTF-8 file (- for standard input)')
    .addOption(new Option('--purpose <purpose>', 'what the post is for').choices(purposes))
    .option('--crisis', 'the post answers a crisis')
    .option('--save', 'keep it as a draft instead of submitting it for review')
    .addOption(dataDirOption())
    .action((opts: SubmitOptions) => {
      const text = readTextOption(opts);
      const draft = {
        platform: opts.platform,
        text,
        ...(opts.purpose ? { purpose: opts.purpose } : {}),
        ...(opts.crisis ? { crisis: true } : {}),
      };
      return withSession('countersign submit', opts, opts.as, io, async (s) => {
        io.out(statusLine(await (opts.save ? s.call('saveDraft', draft) : s.call('submitDraft', draft))));
      });
    });

  program
    .command('import')
    .description('submit one draft per line of a JSONL file, in group commits; prints "<id> <status> line <n>" for each once it is written')
    .argument('<file>', 'JSONL: {"platform", "text", "purpose"?, "crisis"?} per line (- for standard input)')
    .requiredOption('--as <name>', 'the executive profile submitting')
    .addOption(dataDirOption())
    .action((file: string, opts: ImportOptions) => runImport(file, opts, io));

  program
    .command('list')
    .description('list drafts, oldest first')
    .addOption(new Option('--status <status>', 'only drafts with this status').choices(draftStatuses))
    .option('--author <name>', 'only drafts written by this profile')
    .addOption(formatOption('text'))
    .addOption(dataDirOption())
    .action((opts: DataDirOption & { status?: DraftStatus; author?: string; format: 'json' | 'text' }) =>
      withSession('countersign list', opts, null, io, async (s) => {
        const filter = { ...(opts.status ? { status: opts.status } : {}), ...(opts.author !== undefined ? { author: opts.author } : {}) };
        const list = await s.call('listDrafts', filter);
        await writeList(list, opts.format, async (text) => {
          io.out(text);
          // io.out is standard output's write (main.ts): while its buffer is full (a slow pipe), wait, so the output never piles up in memory.
          if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain');
        });
      }),
    );

  addDraftCommands(program, io);

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
      const dataDir = resolveDataDir(opts.dataDir);
      let host;
      try {
        host = await startWebHost({ dataDir, port, rendererDir: io.rendererDir, core: io.coreEntry });
      } catch (err) {
        if (err instanceof CoreStartError) throw new CliFailure(err.message, exitCodes.badInput);
        throw new CliFailure(`Cannot listen on 127.0.0.1:${port}: ${err instanceof Error ? err.message : String(err)}`);
      }
      io.out(host.url);
      io.err(`Serving ${dataDir} on 127.0.0.1:${host.port} (renderer: ${path.relative(process.cwd(), io.rendererDir) || '.'}). Stop with Ctrl+C.`);
      await new Promise<void>((resolve) => {
        const stop = () => void host.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

  addLogCommands(program, io, outcome);

  program
    .command('recover')
    .description('keep every journal record before the first damaged one and set the damaged file aside (see the README)')
    .addOption(dataDirOption())
    .action(async (opts: DataDirOption) => {
      let result;
      try {
        result = await recoverJournal(resolveDataDir(opts.dataDir));
      } catch (err) {
        throw asCliFailure(err);
      }
      if (result.intact) {
        io.out(`The journal is intact (${result.records} records); nothing was changed.`);
      } else {
        io.out(`Kept ${result.records} records before the damage at byte ${result.damagedAt} (line ${result.line}: ${result.details}).`);
        io.out(`The damaged journal is kept, unchanged, as ${result.keptAs}.`);
      }
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
