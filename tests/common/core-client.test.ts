import { describe, expect, it } from 'vitest';
import { CoreClient, CoreStartError, type CoreLink } from '../../electron/common/core-client';
import type { FromCore, ToCore } from '../../electron/core/process/core-protocol';

/** A core process played by the test: it records what it is sent and says what the test tells it to. */
class FakeCore implements CoreLink {
  readonly sent: ToCore[] = [];
  private listener: (message: FromCore) => void = () => undefined;
  private readonly exits: ((code: number | null) => void)[] = [];
  post(message: ToCore): void {
    this.sent.push(message);
    if (message.type === 'stop') queueMicrotask(() => this.exit(0));
  }
  onMessage(listener: (message: FromCore) => void): void {
    this.listener = listener;
  }
  onExit(listener: (code: number | null) => void): void {
    this.exits.push(listener);
  }
  kill(): void {
    this.exit(null);
  }
  say(message: FromCore): void {
    this.listener(message);
  }
  exit(code: number | null): void {
    for (const listener of this.exits.splice(0)) listener(code);
  }
}

function client(cores: FakeCore[]) {
  const states: string[] = [];
  const options = {
    spawn: () => {
      const core = new FakeCore();
      cores.push(core);
      return core;
    },
    onEvent: () => undefined,
    onStatus: (state: string) => states.push(state),
  };
  return { options, states };
}

describe('CoreClient', () => {
  it('a core that fails to start is reported once and not started again', async () => {
    const cores: FakeCore[] = [];
    const { options, states } = client(cores);
    const starting = CoreClient.start(options);
    cores[0]!.say({ type: 'failed', message: 'settings.json: “theme”: invalid' });
    cores[0]!.exit(1);
    await expect(starting).rejects.toBeInstanceOf(CoreStartError);
    await expect(starting).rejects.toThrow('“theme”');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(cores).toHaveLength(1);
    expect(states).toEqual([]);
  });

  it('a call made as the host stops is answered, never left waiting', async () => {
    const cores: FakeCore[] = [];
    const { options } = client(cores);
    const starting = CoreClient.start(options);
    cores[0]!.say({ type: 'ready', theme: 'system' });
    const core = await starting;
    const late = core.call(0, 'listProfiles', {});
    await core.stop();
    expect(await late).toMatchObject({ ok: false, error: { code: 'error.coreUnavailable' } });
    expect(cores[0]!.sent.map((m) => m.type)).toEqual(['stop']);
  });

  it('calls in flight when the core dies get coreStopped; it restarts once, then stays down', async () => {
    const cores: FakeCore[] = [];
    const { options, states } = client(cores);
    const starting = CoreClient.start(options);
    cores[0]!.say({ type: 'ready', theme: 'system' });
    const core = await starting;
    const inFlight = core.call(0, 'submitDraft', {});
    await Promise.resolve();
    cores[0]!.kill();
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'error.coreStopped' } });
    expect(states).toEqual(['restarting']);
    cores[1]!.say({ type: 'ready', theme: 'system' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(states).toEqual(['restarting', 'restarted']);
    cores[1]!.kill();
    expect(states).toEqual(['restarting', 'restarted', 'failed']);
    expect(await core.call(0, 'listProfiles', {})).toMatchObject({ ok: false, error: { code: 'error.coreUnavailable' } });
    expect(cores).toHaveLength(2);
  });
});
