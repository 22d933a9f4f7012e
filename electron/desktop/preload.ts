import { contextBridge, ipcRenderer } from 'electron';
import { buildApi, type CountersignApi } from '../../shared/api';
import { eventChannel, saveLogChannel, type ChannelName } from '../../shared/channels';
import type { DesktopApi } from '../../shared/desktop-contract';
import { toApiError, type ApiResult } from '../../shared/errors';

// The renderer's only door to the main process: the typed API, nothing else.
// Bundled whole into dist/preload.js (a sandboxed preload may require only
// `electron` and a few built-ins), shared/ code included: the error mapping
// brings the message catalogs, about 90 KB.

/**
 * Every call resolves to an ApiResult, as with the browser bridge
 * (renderer/src/bridge/web-bridge.ts): a rejected invoke (no handler, or a
 * handler that threw) becomes an error result instead of a rejection the
 * renderer would have to expect on every call.
 */
function invoke<T>(channel: ChannelName | typeof saveLogChannel, request: unknown): Promise<ApiResult<T>> {
  return (ipcRenderer.invoke(channel, request) as Promise<ApiResult<T>>).catch((err: unknown) => ({ ok: false, error: toApiError(err) }));
}

const api = buildApi(
  (channel, request) => invoke(channel, request),
  (name, listener) => {
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(eventChannel(name), wrapped);
    return () => {
      ipcRenderer.removeListener(eventChannel(name), wrapped);
    };
  },
);

const desktop: DesktopApi = {
  saveLog: (request) => invoke(saveLogChannel, request),
};

contextBridge.exposeInMainWorld('countersign', { ...api, desktop } satisfies CountersignApi);
