import { pickLocale } from '../../../shared/i18n/translate';
import { CountersignError, type ApiResult } from '../../../shared/errors';
import { createHandlers, dispatch, eventsFor, failure, type HostSession } from '../handlers';
import { batchForSession, watchNotifications } from '../notification-feed';
import type { Workstation } from '../workstation';
import type { FromCore, ToCore, WindowId } from './core-protocol';
import { hostOperations, type HostOperations } from './host-operations';

/** The core's end of the link: where messages go and come from. */
export interface CorePort {
  post(message: FromCore): void;
  onMessage(listener: (message: ToCore) => void): void;
}

/**
 * Serves one workstation over a port: every contract call through the same
 * `dispatch` the CLI uses, one session per window, and the workstation's
 * changes and notifications as events. Calls are answered as they finish, so
 * a long export does not hold up a quick read; writes to the store keep
 * their order there. Resolves once a `stop` has been handled.
 */
export function serveCore(port: CorePort, ws: Workstation): Promise<void> {
  const handlers = createHandlers(ws);
  const operations = hostOperations(ws);
  const sessions = new Map<WindowId, HostSession>();

  // Made inside dispatch's `try`: a settings file damaged since start is an answer, not a rejected call.
  const sessionFor = (window: WindowId): HostSession => {
    let session = sessions.get(window);
    if (!session) {
      const last = ws.settings.lastProfile;
      session = {
        profileName: last && ws.profiles.list().some((p) => p.name === last) ? last : null,
        progress: (done, total) => port.post({ type: 'event', window, name: 'exportProgress', payload: { done, total } }),
      };
      sessions.set(window, session);
    }
    return session;
  };

  const stopListening = ws.onChange((changes) => {
    for (const name of eventsFor(changes)) port.post({ type: 'event', window: 'all', name, payload: {} });
    if (changes.preferences) port.post({ type: 'theme', theme: ws.settings.theme });
  });
  const stopNotifying = watchNotifications(ws, (items) => {
    for (const [window, session] of sessions) {
      const batch = batchForSession(ws, session, items);
      if (!batch) continue;
      const locale = ws.profiles.locale ?? pickLocale(session.systemLanguages ?? []);
      port.post({ type: 'event', window, name: 'notification', payload: batch, locale });
    }
  });
  const stopWatching = ws.watch();

  return new Promise<void>((resolve) => {
    port.onMessage((message) => {
      switch (message.type) {
        case 'call':
          void dispatch(handlers, message.channel, message.payload, () => sessionFor(message.window)).then((result) =>
            port.post({ type: 'result', id: message.id, result }),
          );
          break;
        case 'host':
          void runOperation(operations, message.operation, message.input, () => sessionFor(message.window)).then((result) =>
            port.post({ type: 'result', id: message.id, result }),
          );
          break;
        case 'open':
          sessions.delete(message.window);
          try {
            sessionFor(message.window).systemLanguages = message.systemLanguages;
          } catch {
            // A damaged settings file: the window's first call reports it.
          }
          break;
        case 'close':
          sessions.delete(message.window);
          break;
        case 'stop':
          stopWatching();
          stopNotifying();
          stopListening();
          void ws.close().finally(resolve);
          break;
      }
    });
    port.post({ type: 'ready', theme: ws.settings.theme });
  });
}

async function runOperation<K extends keyof HostOperations>(
  operations: ReturnType<typeof hostOperations>,
  name: K,
  input: HostOperations[K]['input'],
  session: () => HostSession,
): Promise<ApiResult<unknown>> {
  const operation = operations[name] as ((input: unknown, session: HostSession) => Promise<unknown>) | undefined;
  if (!operation) return { ok: false, error: new CountersignError('not_found', 'error.unknownChannel', { channel: String(name) }).toApiError() };
  try {
    return { ok: true, value: await operation(input, session()) };
  } catch (err) {
    return failure(`host:${String(name)}`, err);
  }
}
