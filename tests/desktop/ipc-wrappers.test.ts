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
const { registerIpcHandlers, registerSaveLog } = await import('../../electron/desktop/ipc-main');
const { CountersignError } = await import('../../shared/errors');
const { isTrustedSender } = await import('../../electron/desktop/app-protocol');

describe('main-side IPC registration', () => {
  const relayed: { channel: string; request: unknown; sender: number }[] = [];
  const mainFrame = { url: 'app://countersign/index.html' };
  const trusted = { sender: { id: 1, mainFrame }, senderFrame: mainFrame };

  beforeEach(() => {
    registered.clear();
    relayed.length = 0;
    // The relay stands for the core: main.ts passes `core.call(sender.id, channel, request)`.
    registerIpcHandlers(
      async (channel, request, sender) => {
        relayed.push({ channel, request, sender: sender.id });
        if (channel === 'getDraft') return { ok: false, error: new CountersignError('not_found', 'error.draftNotFound', { id: 'x' }).toApiError() };
        return { ok: true, value: { echoed: request } };
      },
      { isTrustedSender },
    );
  });

  it("registers exactly the contract's channels", () => {
    expect([...registered.keys()].sort()).toEqual([...channelNames].sort());
  });

  it('refuses every channel from an untrusted sender without relaying it to the core', async () => {
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
      // No frame at all (it navigated away or was destroyed).
      const noFrame = (await registered.get(channel)?.({ sender: { id: 1, mainFrame }, senderFrame: null }, {})) as { ok: boolean };
      expect(noFrame.ok).toBe(false);
    }
    expect(relayed).toEqual([]);
  });

  it('validates the payload before relaying, and relays only the parsed copy, with the sender', async () => {
    const bad = (await registered.get('submitDraft')?.(trusted, { platform: 'x' })) as { ok: boolean; error: { kind: string } };
    expect(bad.ok).toBe(false);
    expect(bad.error.kind).toBe('invalid');
    const extra = (await registered.get('listDrafts')?.(trusted, { status: 'pending', when: new Date() })) as { ok: boolean; error: { kind: string } };
    expect(extra).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(relayed).toEqual([]);
    const payload = { status: 'pending' };
    const good = (await registered.get('listDrafts')?.(trusted, payload)) as { ok: boolean; value: { echoed: unknown } };
    expect(good).toEqual({ ok: true, value: { echoed: { status: 'pending' } } });
    expect(relayed).toEqual([{ channel: 'listDrafts', request: { status: 'pending' }, sender: 1 }]);
    expect(relayed[0]?.request).not.toBe(payload);
  });

  it("answers with the core's result, an error result included, unchanged", async () => {
    expect(await registered.get('getDraft')?.(trusted, { id: 'abc123def456' })).toMatchObject({ ok: false, error: { kind: 'not_found', code: 'error.draftNotFound' } });
    expect(relayed).toEqual([{ channel: 'getDraft', request: { id: 'abc123def456' }, sender: 1 }]);
  });
});

describe("the desktop app's save-log call", () => {
  const mainFrame = { url: 'app://countersign/index.html' };
  const trusted = { sender: { id: 7, mainFrame }, senderFrame: mainFrame };
  const seen: unknown[] = [];

  beforeEach(() => {
    registered.clear();
    seen.length = 0;
    registerSaveLog(
      async (request, sender) => {
        seen.push({ request, sender: (sender as unknown as { id: number }).id });
        if (request.format === 'html') throw new CountersignError('refused', 'error.logReviewersOnly', { actor: 'x', role: 'executive' });
        return { canceled: false, file: '/tmp/log.pdf', records: 2, chainHead: 'f'.repeat(64) };
      },
      { isTrustedSender },
    );
  });

  it('is registered on its own prefixed channel, behind the sender check and the schema', async () => {
    expect([...registered.keys()]).toEqual(['desktop:saveLog']);
    const call = registered.get('desktop:saveLog')!;
    const untrusted = (await call({ sender: { id: 7, mainFrame: { url: 'https://evil.example/' } }, senderFrame: { url: 'https://evil.example/' } }, { format: 'pdf' })) as { ok: boolean; error: { code: string } };
    expect(untrusted).toMatchObject({ ok: false, error: { code: 'error.untrustedSender' } });
    const bad = (await call(trusted, { format: 'docx', extra: 1 })) as { ok: boolean; error: { kind: string } };
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(seen).toEqual([]);
  });

  it('runs the handler with the parsed request and its sender (whose session the core keeps), and maps a refusal to an error', async () => {
    const call = registered.get('desktop:saveLog')!;
    expect(await call(trusted, { format: 'pdf', platform: 'weibo' })).toEqual({ ok: true, value: { canceled: false, file: '/tmp/log.pdf', records: 2, chainHead: 'f'.repeat(64) } });
    expect(seen).toEqual([{ request: { format: 'pdf', platform: 'weibo' }, sender: 7 }]);
    expect(await call(trusted, { format: 'html' })).toMatchObject({ ok: false, error: { kind: 'refused', code: 'error.logReviewersOnly' } });
  });
});

describe('preload bridge', () => {
  it('exposes one method per channel, one subscription per event and the desktop call, nothing else', async () => {
    await import('../../electron/desktop/preload');
    const api = exposed.countersign as Record<string, unknown> & { events: Record<string, (l: () => void) => () => void> };
    expect(Object.keys(api).sort()).toEqual([...channelNames, 'desktop', 'events'].sort());
    expect(Object.keys(api.events).sort()).toEqual([...eventNames].sort());

    await (api.submitDraft as (r: unknown) => Promise<unknown>)({ platform: 'x', text: 'hi' });
    expect(invoke).toHaveBeenCalledWith('submitDraft', { platform: 'x', text: 'hi' });

    const desktop = api.desktop as Record<string, (r: unknown) => Promise<unknown>>;
    expect(Object.keys(desktop)).toEqual(['saveLog']);
    await desktop.saveLog!({ format: 'pdf' });
    expect(invoke).toHaveBeenCalledWith('desktop:saveLog', { format: 'pdf' });

    const off = api.events.draftsChanged?.(() => undefined);
    expect(on).toHaveBeenCalledWith('event:draftsChanged', expect.any(Function));
    off?.();
    expect(removeListener).toHaveBeenCalledWith('event:draftsChanged', on.mock.calls[0]?.[1]);
  });
});
