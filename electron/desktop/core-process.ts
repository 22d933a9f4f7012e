import { MessageChannelMain, utilityProcess, type MessageEvent } from 'electron';
import type { CoreLink } from '../common/core-client';
import { coreArgv, type CoreArguments, type FromCore } from '../core/process/core-protocol';

/**
 * Starts the core as an Electron utility process and hands it one end of a
 * MessageChannel: every contract call goes over that port, so the main
 * process only relays and never waits on the disk, the lock or an export.
 * Must run after `ready` (utilityProcess.fork is refused before it).
 */
export function spawnUtilityCore(entry: string, args: CoreArguments): CoreLink {
  const child = utilityProcess.fork(entry, coreArgv(args), { serviceName: 'Countersign core', stdio: 'inherit' });
  const { port1, port2 } = new MessageChannelMain();
  child.postMessage({ type: 'connect' }, [port2]);
  port1.start();
  return {
    post: (message) => port1.postMessage(message),
    onMessage: (listener) => port1.on('message', (event: MessageEvent) => listener(event.data as FromCore)),
    onExit: (listener) => child.once('exit', (code) => listener(code)),
    kill: () => {
      child.kill();
    },
  };
}
