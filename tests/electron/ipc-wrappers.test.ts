import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron's binary cannot run here; these tests load the real wrapper
// modules against a stand-in `electron` module to check what they register
// and expose. They say nothing about a running Electron window.
const registered = new Map<string, (event: unknown, payload: unknown) => unknown>();
const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (...args: unknown[]) => ({ ok: true, value: args }));
const on = vi.fn();
const removeListener = vi.fn();

vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, fn: (event: unknown, payload: unknown) => unknown) => registered.set(channel, fn) },
  ipcRenderer: { invoke, on, removeListener },
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  protocol: {},
}));

const { channelNames, eventNames } = await import('../../shared/channels');
const { registerIpcHandlers } = await import('../../electron/ipc-main');
const { isTrustedSender } = await import('../../electron/app-protocol');

describe('main-side IPC registration', () => {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    channelNames.map((c) => [
      c,
      (req: unknown) => {
        calls.push(c);
        return { echoed: req };
      },
    ]),
  );
  const mainFrame = { url: 'app://countersign/index.html' };
  const trusted = { sender: { id: 1, mainFrame }, senderFrame: mainFrame };

  beforeEach(() => {
    registered.clear();
    calls.length = 0;
    registerIpcHandlers(handlers as never, {
      isTrustedSender,
      sessionFor: () => ({ profileName: null }),
    });
  });

  it('registers exactly the contract\'s channels', () => {
    expect([...registered.keys()].sort()).toEqual([...channelNames].sort());
  });

  it('refuses every channel from an untrusted sender without running the handler', async () => {
    const frames = [
      { url: 'https://evil.example/' },
      { url: 'file:///etc/passwd' },
      { url: 'app://other/index.html' },
      { url: 'not a url' },
    ];
    for (const channel of channelNames) {
      for (const frame of frames) {
        const result = (await registered.get(channel)?.({ sender: { id: 1, mainFrame: frame }, senderFrame: frame }, {})) as {
          ok: boolean;
          error?: { code: string };
        };
        expect(result.ok).toBe(false);
        expect(result.error?.code).toBe('error.untrustedSender');
      }
      // A subframe of the app page is not the app page.
      const sub = { url: 'app://countersign/index.html' };
      const fromSub = (await registered.get(channel)?.({ sender: { id: 1, mainFrame }, senderFrame: sub }, {})) as { ok: boolean };
      expect(fromSub.ok).toBe(false);
    }
    expect(calls).toEqual([]);
  });

  it('validates the payload before the handler runs', async () => {
    const bad = (await registered.get('submitDraft')?.(trusted, { platform: 'x' })) as { ok: boolean; error: { kind: string } };
    expect(bad.ok).toBe(false);
    expect(bad.error.kind).toBe('invalid');
    expect(calls).toEqual([]);
    const good = (await registered.get('listDrafts')?.(trusted, { status: 'pending' })) as { ok: boolean; value: unknown };
    expect(good).toEqual({ ok: true, value: { echoed: { status: 'pending' } } });
  });
});

describe('preload bridge', () => {
  it('exposes one method per channel and one subscription per event, nothing else', async () => {
    await import('../../electron/preload');
    const api = exposed.countersign as Record<string, unknown> & { events: Record<string, (l: () => void) => () => void> };
    expect(Object.keys(api).sort()).toEqual([...channelNames, 'events'].sort());
    expect(Object.keys(api.events).sort()).toEqual([...eventNames].sort());

    await (api.submitDraft as (r: unknown) => Promise<unknown>)({ platform: 'x', text: 'hi' });
    expect(invoke).toHaveBeenCalledWith('submitDraft', { platform: 'x', text: 'hi' });

    const off = api.events.draftsChanged?.(() => undefined);
    expect(on).toHaveBeenCalledWith('event:draftsChanged', expect.any(Function));
    off?.();
    expect(removeListener).toHaveBeenCalledWith('event:draftsChanged', on.mock.calls[0]?.[1]);
  });
});
