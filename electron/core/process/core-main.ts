import { parseArgs } from 'node:util';
import { CountersignError } from '../../../shared/errors';
import { openNodeSettings } from '../settings';
import { Workstation } from '../workstation';
import type { FromCore, ToCore } from './core-protocol';
import { serveCore, type CorePort } from './core-server';

// Entry of dist/core.js: the core in its own process. Started by the
// desktop's main process as an Electron utility process (it hands over a
// MessagePort first) or by the loopback host with Node's child_process.fork
// (messages over the IPC channel). The settings are opened with conf,
// electron-store's own base class, because a utility process has no `app`.

/** Electron's `process.parentPort` in a utility process, as far as this file needs it (the core never imports electron). */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown; ports: MessagePortLike[] }) => void): void;
}
interface MessagePortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
  postMessage(message: unknown): void;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, command: { type: 'string', default: 'the Countersign core' } } });
  const port = await connect();
  const dataDir = values['data-dir'];
  if (!dataDir) {
    port.post({ type: 'failed', message: 'The core was started without --data-dir.' });
    process.exit(2);
  }
  let ws: Workstation;
  try {
    ws = await Workstation.open({ dataDir, settings: openNodeSettings(dataDir), command: values.command });
  } catch (err) {
    port.post({ type: 'failed', message: err instanceof CountersignError ? err.message : String(err) });
    // Let the message leave before the process does.
    setTimeout(() => process.exit(1), 100);
    return;
  }
  await serveCore(port, ws);
  process.exit(0);
}

/** The port to the host: a MessagePort handed over by Electron, or Node's IPC channel. */
function connect(): Promise<CorePort> {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return new Promise((resolve) => {
      parentPort.on('message', ({ ports }) => {
        const messagePort = ports[0];
        if (!messagePort) return;
        const listeners: ((message: ToCore) => void)[] = [];
        messagePort.on('message', ({ data }) => {
          for (const listener of listeners) listener(data as ToCore);
        });
        messagePort.start();
        resolve({ post: (message: FromCore) => messagePort.postMessage(message), onMessage: (listener) => listeners.push(listener) });
      });
    });
  }
  if (!process.send) throw new Error('dist/core.js runs only as a child of a Countersign host (a utility process or a forked child).');
  // The host went away (closed or crashed): nothing is left to answer.
  process.on('disconnect', () => process.exit(0));
  return Promise.resolve({
    post: (message: FromCore) => process.send?.(message),
    onMessage: (listener) => process.on('message', (message) => listener(message as ToCore)),
  });
}

void main();
