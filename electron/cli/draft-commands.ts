import { Option, type Command } from 'commander';
import type { DraftSummary } from '../../shared/model';
import { CliFailure } from './cli-failure';
import { readTextOption } from './input-text';
import { dataDirOption, withSession, type CliIo, type CliSession, type DataDirOption } from './session';
import { formatDraft } from './show-draft';

interface ActorOptions extends DataDirOption {
  as: string;
}

interface TextOptions {
  text?: string;
  textFile?: string;
}

/** `<id> <status>`: the line every action prints, id first. */
export function statusLine(draft: DraftSummary): string {
  return `${draft.id} ${draft.status}`;
}

/** Only the options that were given, so the contract sees no `undefined` values. */
function given<T extends Record<string, string | undefined>>(values: T): { [K in keyof T]?: string } {
  const out: { [K in keyof T]?: string } = {};
  for (const [key, value] of Object.entries(values) as [keyof T, string | undefined][]) if (value !== undefined) out[key] = value;
  return out;
}

/** `--text`/`--text-file` when either is given (at most one), else undefined. */
function optionalText(options: TextOptions): string | undefined {
  return options.text === undefined && options.textFile === undefined ? undefined : readTextOption(options);
}

/** `--at` as the contract's ISO time; a time Date cannot read is bad input. */
function isoTime(value: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new CliFailure(`--at must be a date and time such as 2025-06-01T09:30:00+08:00, not “${value}”.`);
  return time.toISOString();
}

/**
 * The workflow actions on an existing draft, one command each. Each goes
 * through the same handlers as the app and prints `<id> <status>`.
 */
export function addDraftCommands(program: Command, io: CliIo): void {
  const action = (name: string, description: string, actorRole: string) =>
    program
      .command(name)
      .description(description)
      .argument('<id>', 'the draft\'s id')
      .requiredOption('--as <name>', actorRole);
  const run = (command: string, opts: ActorOptions, work: (s: CliSession) => Promise<DraftSummary>) =>
    withSession(`countersign ${command}`, opts, opts.as, io, async (s) => io.out(statusLine(await work(s))));

  program
    .command('show')
    .description('show a draft with every revision and its whole history')
    .argument('<id>', 'the draft\'s id')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(dataDirOption())
    .action((id: string, opts: DataDirOption & { format: 'json' | 'text' }) =>
      withSession('countersign show', opts, null, io, async (s) => {
        const draft = await s.call('getDraft', { id });
        io.out(opts.format === 'json' ? JSON.stringify(draft, null, 2) : formatDraft(draft));
      }),
    );

  action('withdraw', 'withdraw your own draft before a decision', 'the executive profile who wrote the draft')
    .option('--comment <text>', 'a note kept with the withdrawal')
    .addOption(dataDirOption())
    .action((id: string, opts: ActorOptions & { comment?: string }) => {
      return run('withdraw', opts, (s) => s.call('withdrawDraft', { id, ...given({ comment: opts.comment }) }));
    });

  action('edit', 'edit a pending draft as its reviewer (a new revision)', 'the reviewer profile editing')
    .option('--text <text>', 'the new text')
    .option('--text-file <file>', 'read the new text from a UTF-8 file (- for standard input)')
    .option('--comment <text>', 'a note kept with the edit')
    .addOption(dataDirOption())
    .action((id: string, opts: ActorOptions & TextOptions & { comment?: string }) => {
      const text = readTextOption(opts);
      return run('edit', opts, (s) => s.call('editDraft', { id, text, ...given({ comment: opts.comment }) }));
    });

  action('request-changes', 'send a pending draft back to its author', 'the reviewer profile asking')
    .requiredOption('--comment <text>', 'the changes asked for')
    .addOption(dataDirOption())
    .action((id: string, opts: ActorOptions & { comment: string }) => {
      return run('request-changes', opts, (s) => s.call('requestChanges', { id, comment: opts.comment }));
    });

  action('reject', 'reject a pending draft', 'the reviewer profile rejecting')
    .requiredOption('--reason <text>', 'why the draft is rejected')
    .addOption(dataDirOption())
    .action((id: string, opts: ActorOptions & { reason: string }) => {
      return run('reject', opts, (s) => s.call('rejectDraft', { id, reason: opts.reason }));
    });

  action('approve', 'approve a pending draft (awaiting the author\'s sign-off if a reviewer edited it)', 'the reviewer profile approving')
    .option('--comment <text>', 'a note kept with the approval')
    .option('--justify <text>', 'why it may go out despite its error findings (recorded for each one)')
    .addOption(dataDirOption())
    .action((id: string, opts: ActorOptions & { comment?: string; justify?: string }) => {
      return run('approve', opts, (s) => s.call('approveDraft', { id, ...given({ comment: opts.comment, justification: opts.justify }) }));
    });

  action('sign-off', 'accept a reviewer\'s edit of your draft', 'the executive profile who wrote the draft')
    .option('--comment <text>', 'a note kept with the sign-off')
    .addOption(dataDirOption())
    .action((id: string, opts: ActorOptions & { comment?: string }) => {
      return run('sign-off', opts, (s) => s.call('signOff', { id, ...given({ comment: opts.comment }) }));
    });

  action('resubmit', 'send your draft back to review, optionally with new text', 'the executive profile who wrote the draft')
    .option('--text <text>', 'new text')
    .option('--text-file <file>', 'read new text from a UTF-8 file (- for standard input)')
    .option('--comment <text>', 'a note kept with the resubmission')
    .addOption(dataDirOption())
    .action((id: string, opts: ActorOptions & TextOptions & { comment?: string }) => {
      const text = optionalText(opts);
      return run('resubmit', opts, (s) => s.call('resubmitDraft', { id, ...given({ text, comment: opts.comment }) }));
    });

  action('publish', 'record that an approved draft went out', 'the profile recording it')
    .option('--url <url>', 'where the post is (http or https)')
    .option('--at <time>', 'when it went out, ISO 8601 (default: now)')
    .addOption(dataDirOption())
    .action((id: string, opts: ActorOptions & { url?: string; at?: string }) => {
      const publishedAt = opts.at === undefined ? undefined : isoTime(opts.at);
      return run('publish', opts, (s) => s.call('publishDraft', { id, ...given({ publishedAt, url: opts.url }) }));
    });

  action('comment', 'add a comment to a draft\'s history', 'the profile commenting')
    .requiredOption('--text <text>', 'the comment')
    .addOption(dataDirOption())
    .action((id: string, opts: ActorOptions & { text: string }) => {
      return run('comment', opts, (s) => s.call('commentOnDraft', { id, text: opts.text }));
    });
}
