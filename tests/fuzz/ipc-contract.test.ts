import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channelNames, type ChannelName } from '../../shared/channels';
import type { HostSession } from '../../electron/core/handlers';
import type { Workstation } from '../../electron/core/workstation';
import { fuzzContract, reportStats, type Answer, type FuzzTarget } from './contract-fuzz';
import { apiResultProblem, brief, copyDir, failsSchema, fuzzSeed, modeTemplate, removeFuzzDir, fuzzRuns, fuzzTimeout, openStore, profileFor, removeFuzzDirs, seedTemplate, sessionModes, watchUnhandled, type SessionMode } from './fuzz-world';
import { payloadFor, payloadForSchema, regressionRequests, type FuzzWorld } from './payloads';

// The IPC wrapper (electron/desktop/ipc-main.ts) against a stand-in
// `electron` module, as tests/desktop/ipc-wrappers.test.ts loads it: every
// channel registered there is called from a trusted sender with fuzzed
// requests, each passed through structured clone as Electron's IPC would.
// The wrapper's relay is the core's own dispatch over a workstation in this
// process (what the core process runs for a `call`, electron/core/process/
// core-server.ts), each request structured-cloned again as the MessagePort
// to the core would; the relay over a real core process is
// tests/desktop/main-process.test.ts's.
const registered = new Map<string, (event: unknown, payload: unknown) => unknown>();
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, fn: (event: unknown, payload: unknown) => unknown) => registered.set(channel, fn) },
  ipcRenderer: {},
  contextBridge: {},
  protocol: {},
}));

const { registerIpcHandlers, registerSaveLog } = await import('../../electron/desktop/ipc-main');
const { saveLogRequest } = await import('../../shared/desktop-contract');
const { saveLogChannel } = await import('../../shared/channels');
const { isTrustedSender } = await import('../../electron/desktop/app-protocol');
const { createHandlers, dispatch } = await import('../../electron/core/handlers');

const mainFrame = { url: 'app://countersign/index.html' };
const trusted = { sender: { id: 1, mainFrame }, senderFrame: mainFrame };

let template: { dir: string; world: FuzzWorld };
beforeAll(async () => {
  template = await seedTemplate();
});
afterAll(() => removeFuzzDirs());

/** The wrapper registered on a fresh copy of the seeded store; `reset` starts over. */
async function ipcTarget(mode: SessionMode): Promise<FuzzTarget & { close(): Promise<void> }> {
  const seeded = modeTemplate(template.dir, mode);
  let dir = '';
  let ws: Workstation | null = null;
  const session: HostSession = { profileName: null };
  /** What reached the relay, for the check that a refused request never does. */
  const relayed: { channel: string; request: unknown }[] = [];
  const close = async () => {
    await ws?.close();
    ws = null;
    if (dir) removeFuzzDir(dir);
  };
  const open = async () => {
    await close();
    dir = copyDir(seeded);
    const opened = await openStore(dir);
    ws = opened;
    const handlers = createHandlers(opened);
    registered.clear();
    registerIpcHandlers(
      (channel, request) => {
        relayed.push({ channel, request });
        // Across the port to the core: structured clone again.
        return dispatch(handlers, channel, structuredClone(request), () => session);
      },
      { isTrustedSender },
    );
  };
  await open();
  return {
    dataDir: () => dir,
    call: async (channel: ChannelName, request: unknown): Promise<Answer> => {
      // switchProfile changes the window's session: every call starts from the mode's own.
      session.profileName = profileFor(mode);
      const seen = structuredClone(request);
      const handler = registered.get(channel);
      if (!handler) throw new Error(`${channel} is not registered by registerIpcHandlers`);
      relayed.length = 0;
      const result: unknown = await handler(trusted, seen);
      let transportProblem: string | null = null;
      // The wrapper's own schema check: a request failing it never reaches the core; any other reaches it, once.
      const reached = relayed.filter((r) => r.channel === channel).length;
      if (failsSchema(channel, seen) ? reached !== 0 : reached !== 1 || relayed.length !== 1) {
        transportProblem = `the wrapper relayed ${relayed.length} call(s) to the core for a request that ${failsSchema(channel, seen) ? 'fails' : 'passes'} the schema`;
      }
      try {
        // Electron sends the answer back by structured clone too.
        structuredClone(result);
      } catch (err) {
        transportProblem ??= `the answer cannot cross IPC: ${err instanceof Error ? err.message : String(err)}`;
      }
      return { result, seen, transportProblem };
    },
    reset: open,
    alive: async () => {
      session.profileName = profileFor(mode);
      const answer = (await registered.get('getSession')?.(trusted, {})) as { ok?: boolean } | undefined;
      return answer?.ok === true ? null : `getSession answered ${JSON.stringify(answer)}`;
    },
    close,
  };
}

describe('fuzzed contract through the IPC wrapper', () => {
  for (const mode of sessionModes) {
    it(`answers every channel with a validation error or a valid result, ${mode} session`, async () => {
      const started = Date.now();
      const unhandled = watchUnhandled();
      const target = await ipcTarget(mode);
      try {
        const stats = await fuzzContract({
          target,
          world: template.world,
          mode,
          numRuns: fuzzRuns(3_600, channelNames.length, sessionModes.length),
          requests: (channel) => payloadFor(channel, template.world, 'ipc'),
          examples: (channel) => regressionRequests(channel, template.world, 'ipc'),
        });
        reportStats(`IPC, ${mode} session`, stats, started);
        expect(stats.schemaValid, 'some requests passed the schema and reached the handlers').toBeGreaterThan(0);
        expect(stats.byKind.invalid ?? 0, 'some requests were refused by the schema').toBeGreaterThan(0);
        // Let pending timers and promises settle before looking for unhandled rejections.
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(unhandled.errors).toEqual([]);
      } finally {
        unhandled.stop();
        await target.close();
      }
    }, fuzzTimeout);
  }
});

describe('fuzzed desktop-only call through the IPC wrapper', () => {
  it(`${saveLogChannel}: a request failing its schema never reaches the handler; any other reaches it parsed`, async () => {
    const received: unknown[] = [];
    registered.clear();
    registerSaveLog(
      async (request) => {
        received.push(request);
        return { canceled: true };
      },
      { isTrustedSender },
    );
    const handler = registered.get(saveLogChannel);
    expect(handler).toBeDefined();
    let valid = 0;
    await fc.assert(
      fc.asyncProperty(payloadForSchema(saveLogRequest, template.world, 'ipc'), async (request) => {
        const seen = structuredClone(request);
        received.length = 0;
        const result = (await handler!(trusted, seen)) as { ok: boolean; error?: { kind: string } };
        expect(apiResultProblem(result), brief(seen)).toBeNull();
        const parsed = saveLogRequest.safeParse(seen);
        if (parsed.success) {
          valid += 1;
          expect(result, brief(seen)).toEqual({ ok: true, value: { canceled: true } });
          expect(received).toEqual([parsed.data]);
        } else {
          expect(result.error?.kind, brief(seen)).toBe('invalid');
          expect(received).toEqual([]);
        }
      }),
      { seed: fuzzSeed, numRuns: fuzzRuns(300, 1, 1) },
    );
    expect(valid).toBeGreaterThan(0);
  });
});
