import { buildApi, type CountersignApi } from '../../../shared/api';
import { eventNames, type ChannelName, type EventName } from '../../../shared/channels';
import { CountersignError, type ApiResult } from '../../../shared/errors';

const tokenKey = 'countersign.token';

/** The loopback host's token: taken from the address once, then kept for reloads and removed from the address bar. */
export function takeToken(location: Location, history: History, storage: Storage): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(tokenKey, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage.getItem(tokenKey);
}

function networkFailure(err: unknown): ApiResult<never> {
  const details = err instanceof Error ? err.message : String(err);
  return { ok: false, error: new CountersignError('internal', 'error.network', { details }).toApiError() };
}

/** The event's payload: its `data:` line as JSON (the host writes one line per event). */
function eventData(block: string): unknown {
  const data = /^data: (.*)$/m.exec(block)?.[1];
  if (!data) return {};
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return {};
  }
}

/**
 * The same typed interface as the preload bridge, over the loopback host's
 * HTTP API, so the real renderer runs in a browser.
 */
export function createWebBridge(token: string): CountersignApi {
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };

  const invoke = async (channel: ChannelName, request: unknown): Promise<ApiResult<unknown>> => {
    try {
      const response = await fetch(`./api/${channel}`, { method: 'POST', headers, body: JSON.stringify(request) });
      return (await response.json()) as ApiResult<unknown>;
    } catch (err) {
      return networkFailure(err);
    }
  };

  const listeners = new Map<EventName, Set<(payload: unknown) => void>>(eventNames.map((name) => [name, new Set()]));
  let streaming = false;
  const stream = async () => {
    if (streaming) return;
    streaming = true;
    for (let delay = 500; ; delay = Math.min(delay * 2, 10_000)) {
      try {
        const response = await fetch('./api/events', { headers: { Authorization: headers.Authorization } });
        if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
        delay = 500;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const name = /^event: (\w+)$/m.exec(block)?.[1] as EventName | undefined;
            if (name) for (const listener of listeners.get(name) ?? []) listener(eventData(block));
          }
        }
      } catch {
        // The host restarted or went away: try again after a pause.
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  };

  return buildApi(invoke, (name, listener) => {
    listeners.get(name)?.add(listener);
    void stream();
    return () => {
      listeners.get(name)?.delete(listener);
    };
  });
}
