import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { channelNames, eventChannel, saveLogChannel, type EventName } from '../../shared/channels';
import type { EventPayload } from '../../shared/contract';
import { CountersignError, type ApiResult } from '../../shared/errors';
import { saveLogRequest, type SaveLogRequest, type SavedLog } from '../../shared/desktop-contract';
import { dispatch, failure, invalidRequest, type Handlers, type HostSession } from '../core/handlers';

export interface IpcOptions {
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  sessionFor: (contents: WebContents) => HostSession;
}

const untrustedSender = (): ApiResult<never> => ({ ok: false, error: new CountersignError('unauthorized', 'error.untrustedSender').toApiError() });

/** The only place that calls `ipcMain`: every channel of the contract, each behind the sender check and the schema. */
export function registerIpcHandlers(handlers: Handlers, options: IpcOptions): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, payload: unknown): ApiResult<unknown> => {
      if (!options.isTrustedSender(event)) return untrustedSender();
      // The session is built inside dispatch's try: a damaged setting becomes an error result, not a rejected invoke.
      return dispatch(handlers, channel, payload, () => options.sessionFor(event.sender));
    });
  }
}

/** The desktop app's own call (shared/desktop-contract.ts): the same sender check and schema; its handler may wait on native dialogs. */
export function registerSaveLog(handler: (request: SaveLogRequest, session: HostSession, sender: WebContents) => Promise<SavedLog>, options: IpcOptions): void {
  ipcMain.handle(saveLogChannel, async (event, payload: unknown): Promise<ApiResult<SavedLog>> => {
    if (!options.isTrustedSender(event)) return untrustedSender();
    const parsed = saveLogRequest.safeParse(payload);
    if (!parsed.success) return invalidRequest(parsed.error);
    try {
      return { ok: true, value: await handler(parsed.data, options.sessionFor(event.sender), event.sender) };
    } catch (err) {
      return failure(saveLogChannel, err);
    }
  });
}

export function sendEvent<E extends EventName>(contents: WebContents, name: E, payload: EventPayload<E>): void {
  if (!contents.isDestroyed()) contents.send(eventChannel(name), payload);
}
