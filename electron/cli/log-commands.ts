import path from 'node:path';
import { Option, type Command } from 'commander';
import { exportFormats, type ExportFormat, type LogFilter } from '../../shared/log/log-query';
import { logStatuses, type LogStatus } from '../../shared/log/log-record';
import { platforms, type Platform } from '../../shared/model';
import { resolveDataDir } from '../core/data-dir';
import { verifyJournal } from '../core/store/journal-recovery';
import { writeFileStreamed } from '../core/log/log-export';
import { chainHashPattern, verifyLogFile } from '../core/log/log-verify';
import { CliFailure } from './cli-failure';
import { exitCodes } from './exit-codes';
import { asCliFailure, dataDirOption, withSession, type CliIo, type DataDirOption } from './session';

interface ExportOptions extends DataDirOption {
  format: ExportFormat;
  out: string;
  from?: string;
  to?: string;
  platform?: Platform;
  author?: string;
  status?: LogStatus;
}

interface VerifyOptions extends DataDirOption {
  head?: string;
}

/** `export` and `verify`: the approved-post log and the proof that nobody altered it (see the README). */
export function addLogCommands(program: Command, io: CliIo, outcome: { exitCode: number }): void {
  program
    .command('export')
    .description('export the approved-post log (approved and published posts); prints "<N> records, chain head <hash>"')
    .addOption(new Option('--format <format>', 'file format').choices(exportFormats).makeOptionMandatory())
    .requiredOption('--out <file>', 'the file to write (replaced whole once complete)')
    .option('--from <YYYY-MM-DD>', 'only posts approved on or after this day (UTC)')
    .option('--to <YYYY-MM-DD>', 'only posts approved on or before this day (UTC)')
    .addOption(new Option('--platform <platform>', 'only posts for this platform').choices(platforms))
    .option('--author <name>', 'only posts written by this profile')
    .addOption(new Option('--status <status>', 'only approved, or only published, posts').choices(logStatuses))
    .addOption(dataDirOption())
    .action((opts: ExportOptions) => {
      const filter: LogFilter = {
        ...(opts.from !== undefined ? { from: opts.from } : {}),
        ...(opts.to !== undefined ? { to: opts.to } : {}),
        ...(opts.platform ? { platform: opts.platform } : {}),
        ...(opts.author !== undefined ? { author: opts.author } : {}),
        ...(opts.status ? { status: opts.status } : {}),
      };
      return withSession('countersign export', opts, null, io, async (s) => {
        let result;
        try {
          // Someone at the terminal may export, as they may manage profiles; in a window only reviewers and admins may.
          s.ws.log.requireAccess('terminal');
          result = await writeFileStreamed(path.resolve(opts.out), (sink) => s.ws.log.export(opts.format, filter, sink));
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (typeof code === 'string') throw new CliFailure(`Cannot write ${opts.out}: ${(err as Error).message}`);
          throw asCliFailure(err);
        }
        io.out(`${result.records} records, chain head ${result.chainHead}`);
      });
    });

  program
    .command('verify')
    .description('verify a JSONL export of the approved-post log, or with --data-dir the draft journal; exit 0 intact, 1 altered, 2 unreadable')
    .argument('[file]', 'a JSONL export (countersign export --format jsonl)')
    .option('--head <hash>', 'the chain head written down when the log was exported (or the journal\'s): it must match')
    .addOption(dataDirOption())
    .action(async (file: string | undefined, opts: VerifyOptions) => {
      if (opts.head !== undefined && !chainHashPattern.test(opts.head.toLowerCase())) {
        throw new CliFailure(`--head must be a SHA-256 hash of 64 hexadecimal digits, not “${opts.head}”.`);
      }
      if (file !== undefined && opts.dataDir !== undefined) throw new CliFailure('Give a file or --data-dir, not both.');
      outcome.exitCode = file !== undefined ? verifyFile(file, opts.head, io) : await verifyDataDir(opts, io);
    });
}

function verifyFile(file: string, head: string | undefined, io: CliIo): number {
  const verdict = verifyLogFile(file, head);
  if (verdict.kind === 'unreadable') throw new CliFailure(`${file} cannot be verified: ${verdict.problem}.`);
  if (verdict.kind === 'intact') {
    io.out(`intact: ${verdict.records} records, chain head ${verdict.chainHead}`);
    return exitCodes.done;
  }
  const record = verdict.id === null ? '' : `, record ${verdict.id}`;
  io.out(`altered: line ${verdict.line}${record}: ${verdict.problem}; the ${verdict.records} records before it are intact`);
  return exitCodes.refused;
}

async function verifyDataDir(opts: VerifyOptions, io: CliIo): Promise<number> {
  let verdict;
  try {
    verdict = await verifyJournal(resolveDataDir(opts.dataDir));
  } catch (err) {
    throw asCliFailure(err);
  }
  if (!verdict.intact) {
    io.out(`damaged: ${verdict.file} at byte ${verdict.offset} (line ${verdict.line}): ${verdict.details}; the ${verdict.records} records before it are intact`);
    return exitCodes.refused;
  }
  if (verdict.tornBytes > 0) {
    io.err(`warning: ${verdict.file} ends with ${verdict.tornBytes} bytes of an incomplete record (a write interrupted by a crash, never acknowledged); the next writer cuts it off.`);
  }
  if (opts.head !== undefined && opts.head.toLowerCase() !== verdict.chainHead) {
    io.out(`altered: head mismatch (the journal's chain head is ${verdict.chainHead}, not ${opts.head})`);
    return exitCodes.refused;
  }
  io.out(`intact: ${verdict.records} records, chain head ${verdict.chainHead}`);
  return exitCodes.done;
}
