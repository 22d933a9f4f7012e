import type { Readable } from 'node:stream';
import { runCli } from '../../electron/cli/program';
import { sourceCoreEntry } from '../core/core-entry';

export interface RunOptions {
  /** All of standard input, for `-`. */
  stdin?: string;
  stdinStream?: () => Readable;
  /** Called with each chunk written to stdout, as it is written. */
  onOut?: (text: string) => void;
}

/** Runs the CLI in-process, collecting its output as the real one prints it (one newline per write). */
export async function cli(args: string[], options: RunOptions = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    out: (t) => {
      options.onOut?.(t);
      stdout += t.endsWith('\n') ? t : `${t}\n`;
    },
    err: (t) => (stderr += t.endsWith('\n') ? t : `${t}\n`),
    stdin: () => options.stdin ?? '',
    ...(options.stdinStream ? { stdinStream: options.stdinStream } : {}),
    rendererDir: '/nonexistent',
    coreEntry: sourceCoreEntry,
  });
  return { code, stdout, stderr };
}
