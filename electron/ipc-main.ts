import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { channelNames, eventChannel, type EventName } from '../shared/channels';
import type { EventPayload } from '../shared/contract';
import { CountersignError, type ApiResult } from '../shared/errors';
import { dispatch, type Handlers, type HostSession } from './core/handlers';

/** The only place that calls `ipcMain`: every channel of the contract, each behind the sender check and the schema. */
export function registerIpcHandlers(
  handlers: Handlers,
  options: {
    isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
    sessionFor: (contents: WebContents) => HostSession;
  },
): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, payload: unknown): ApiResult<unknown> => {
      if (!options.isTrustedSender(event)) {
        return { ok: false, error: new CountersignError('unauthorized', 'error.untrustedSender').toApiError() };
      }
      return dispatch(handlers, channel, payload, options.sessionFor(event.sender));
    });
  }
}

export function sendEvent<E extends EventName>(contents: WebContents, name: E, payload: EventPayload<E>): void {
  if (!contents.isDestroyed()) contents.send(eventChannel(name), payload);
}
