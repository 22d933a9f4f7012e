import fs from 'node:fs';
import { CliFailure } from './cli-failure';

/** `--text` or `--text-file` (`-` reads standard input); exactly one of them. */
export function readTextOption(options: { text?: string; textFile?: string }): string {
  if ((options.text === undefined) === (options.textFile === undefined)) {
    throw new CliFailure('Give the text with exactly one of --text TEXT or --text-file FILE.');
  }
  if (options.text !== undefined) return options.text;
  const file = options.textFile as string;
  let content: string;
  try {
    content = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new CliFailure(`Cannot read the text file ${file}: ${reason}`);
  }
  return content.replace(/^\uFEFF/, '');
}
