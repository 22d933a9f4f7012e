import { channelNames, eventNames, type ChannelName, type EventName } from './channels';
import type { EventPayload, RequestOf, ResponseOf } from './contract';
import type { DesktopApi } from './desktop-contract';
import type { ApiResult } from './errors';

/**
 * What the renderer sees as `window.countersign`: one method per channel and
 * one subscription per event. The preload bridge and the browser bridge both
 * implement exactly this type.
 */
export type CountersignApi = {
  [K in ChannelName]: (request: RequestOf<K>) => Promise<ApiResult<ResponseOf<K>>>;
} & {
  events: { [E in EventName]: (listener: (payload: EventPayload<E>) => void) => () => void };
  /** Present only in the desktop app. */
  desktop?: DesktopApi;
};

/**
 * Builds the API from one transport: one method per channel and one
 * subscription per event, derived from the contract's names. Both bridges use
 * it, so neither exposes a "send any channel" passthrough.
 */
export function buildApi(
  invoke: (channel: ChannelName, request: unknown) => Promise<ApiResult<unknown>>,
  subscribe: (name: EventName, listener: (payload: unknown) => void) => () => void,
): CountersignApi {
  const methods = Object.fromEntries(channelNames.map((channel) => [channel, (request: unknown) => invoke(channel, request)]));
  const events = Object.fromEntries(eventNames.map((name) => [name, (listener: (payload: unknown) => void) => subscribe(name, listener)]));
  return { ...methods, events } as CountersignApi;
}
