import { fork } from 'node:child_process';
import type { CoreLink } from '../common/core-client';
import { coreArgv, type CoreArguments, type FromCore } from '../core/process/core-protocol';

/** Where the core's entry is: dist/core.js beside the CLI, or the TypeScript source run through tsx (tests). */
export interface CoreEntry {
  file: string;
  execArgv?: string[];
}

/** Starts the core as a Node child process speaking the core protocol over its IPC channel. */
export function forkCore(entry: CoreEntry, args: CoreArguments): CoreLink {
  const child = fork(entry.file, coreArgv(args), {
    execArgv: entry.execArgv ?? [],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    post: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', (message) => listener(message as FromCore)),
    onExit: (listener) => child.once('exit', (code) => listener(code)),
    kill: () => child.kill('SIGKILL'),
  };
}
