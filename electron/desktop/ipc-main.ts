import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { channelNames, eventChannel, saveLogChannel, type EventName } from '../../shared/channels';
import { contract, type EventPayload } from '../../shared/contract';
import { CountersignError, type ApiResult } from '../../shared/errors';
import { saveLogRequest, type SaveLogRequest, type SavedLog } from '../../shared/desktop-contract';
import { failure, invalidRequest } from '../core/handlers';

export interface IpcOptions {
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
}

/** Answers a checked call from one window: the relay to the core. */
export type Relay = (channel: string, request: unknown, sender: WebContents) => Promise<ApiResult<unknown>>;

const untrustedSender = (): ApiResult<never> => ({ ok: false, error: new CountersignError('unauthorized', 'error.untrustedSender').toApiError() });

/**
 * The only place that calls `ipcMain`: every channel of the contract, each
 * behind the sender check and the schema, then relayed to the core (which
 * checks the schema again in its dispatch, as for every host). Only the
 * parsed copy crosses: a Date or a Map in a payload does not reach the core.
 */
export function registerIpcHandlers(relay: Relay, options: IpcOptions): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<ApiResult<unknown>> => {
      if (!options.isTrustedSender(event)) return untrustedSender();
      const parsed = contract[channel].request.safeParse(payload);
      if (!parsed.success) return invalidRequest(parsed.error);
      return relay(channel, parsed.data, event.sender);
    });
  }
}

/** The desktop app's own call (shared/desktop-contract.ts): the same sender check and schema; its handler may wait on native dialogs. */
export function registerSaveLog(handler: (request: SaveLogRequest, sender: WebContents) => Promise<SavedLog>, options: IpcOptions): void {
  ipcMain.handle(saveLogChannel, async (event, payload: unknown): Promise<ApiResult<SavedLog>> => {
    if (!options.isTrustedSender(event)) return untrustedSender();
    const parsed = saveLogRequest.safeParse(payload);
    if (!parsed.success) return invalidRequest(parsed.error);
    try {
      return { ok: true, value: await handler(parsed.data, event.sender) };
    } catch (err) {
      return failure(saveLogChannel, err);
    }
  });
}

export function sendEvent<E extends EventName>(contents: WebContents, name: E, payload: EventPayload<E>): void {
  if (!contents.isDestroyed()) contents.send(eventChannel(name), payload);
}
