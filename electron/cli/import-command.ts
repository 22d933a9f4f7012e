import fs from 'node:fs';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { platforms, purposes } from '../../shared/model';
import { describeIssues } from '../../shared/schema-issues';
import { draftTextProblem } from '../../shared/text-rules';
import { refusal } from '../../shared/workflow';
import type { NewDraft } from '../core/domains/drafts';
import { CliFailure } from './cli-failure';
import { exitCodes } from './exit-codes';
import { asCliFailure, withSession, type CliIo, type CliSession, type DataDirOption } from './session';

/** One line of an import file. Length and content are judged by `draftTextProblem`, as in the app. */
const importLineSchema = z.strictObject({
  platform: z.enum(platforms),
  text: z.string(),
  purpose: z.enum(purposes).optional(),
  crisis: z.boolean().optional(),
});

/** A batch is committed when it holds this many drafts… */
export const importBatchSize = 500;
/** …or this long after its first draft arrived, whichever comes first. */
const importBatchMs = 20;

export interface ImportOptions extends DataDirOption {
  as: string;
}

/** The draft on one line, or what is wrong with it. */
function parseImportLine(line: string): { draft: NewDraft } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { problem: `not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  const parsed = importLineSchema.safeParse(value);
  if (!parsed.success) return { problem: describeIssues(parsed.error) };
  const problem = draftTextProblem(parsed.data.text);
  if (problem) return { problem: `text: ${problem.message}` };
  return { draft: parsed.data };
}

function openInput(file: string, io: CliIo): Readable {
  if (file === '-') return io.stdinStream?.() ?? process.stdin;
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    throw new CliFailure(`Cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return fs.createReadStream('', { fd, highWaterMark: 256 * 1024 });
}

/**
 * `countersign import`: submits one draft per JSONL line, holding the write
 * lock throughout, in group commits of up to `importBatchSize` drafts or
 * `importBatchMs` milliseconds. Each draft's `<id> <status> line <n>` is
 * printed only once its batch is durably written; a bad line stops the import
 * after everything before it is committed.
 */
export async function runImport(file: string, options: ImportOptions, io: CliIo): Promise<void> {
  const name = file === '-' ? 'standard input' : file;
  // A missing file is reported before the data directory is touched.
  const input = openInput(file, io);
  try {
    await withSession('countersign import', options, options.as, io, (session) => importLines(session, input, name, io));
  } finally {
    // Standard input too: a producer still writing after a bad line must not keep this process alive.
    input.destroy();
  }
}

async function importLines(session: CliSession, input: Readable, name: string, io: CliIo): Promise<void> {
  const actor = session.ws.profiles.require(session.actorName);
  // The workflow's own refusal, before reading a line; importDrafts decides again on commit.
  const refused = refusal('submit', null, actor);
  if (refused) throw asCliFailure(refused);

  let release: () => void;
  try {
    release = await session.ws.drafts.holdWriteLock();
  } catch (err) {
    throw asCliFailure(err);
  }
  const state = { imported: 0, commitError: null as unknown };
  let batch: { draft: NewDraft; line: number }[] = [];
  let batchStarted = 0;
  let timer: NodeJS.Timeout | null = null;
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  // Commits run one after another, in order; after a failed one, none.
  let committed: Promise<void> = Promise.resolve();
  try {
    const commit = (): Promise<void> => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (batch.length === 0) return committed;
      const pending = batch;
      batch = [];
      committed = committed.then(async () => {
        let summaries;
        try {
          summaries = await session.ws.drafts.importDrafts(actor, pending.map((p) => p.draft));
        } catch (err) {
          throw asCliFailure(err);
        }
        // importDrafts resolves after the write and its fsync: only now are the ids promised.
        state.imported += summaries.length;
        io.out(summaries.map((s, i) => `${s.id} ${s.status} line ${pending[i]!.line}`).join('\n'));
      });
      return committed;
    };
    // A slow input (a pipe) still gets its drafts committed within importBatchMs.
    const commitOnTimer = () => {
      timer = null;
      commit().catch((err: unknown) => {
        state.commitError = err;
        lines.close();
      });
    };

    const reader = lines[Symbol.asyncIterator]();
    let lineNumber = 0;
    for (;;) {
      let next: IteratorResult<string>;
      try {
        next = await reader.next();
      } catch (err) {
        // A read error: what came before it is committed, then the error is reported.
        await commit();
        throw new CliFailure(`Cannot read ${name} after line ${lineNumber}: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (state.commitError) throw state.commitError;
      if (next.done) break;
      lineNumber += 1;
      const text = lineNumber === 1 ? next.value.replace(/^\uFEFF/, '') : next.value;
      if (text.trim() === '') continue;
      const parsed = parseImportLine(text);
      if ('problem' in parsed) {
        await commit();
        throw new CliFailure(`${name} line ${lineNumber}: ${parsed.problem}`, exitCodes.badInput);
      }
      batch.push({ draft: parsed.draft, line: lineNumber });
      if (batch.length === 1) {
        batchStarted = Date.now();
        timer = setTimeout(commitOnTimer, importBatchMs);
      }
      if (batch.length >= importBatchSize || Date.now() - batchStarted >= importBatchMs) await commit();
    }
    await commit();
  } finally {
    if (timer) clearTimeout(timer);
    lines.close();
    try {
      release();
    } finally {
      io.err(`imported ${state.imported} draft${state.imported === 1 ? '' : 's'}`);
    }
  }
}
