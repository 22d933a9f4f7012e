import type { EventName } from '../../shared/channels';
import type { CoreState } from '../../shared/contract';
import { CountersignError, type ApiResult } from '../../shared/errors';
import type { Locale, MessageKey } from '../../shared/i18n/translate';
import type { Theme } from '../../shared/preferences';
import type { FromCore, ToCore, WindowId } from '../core/process/core-protocol';
import type { HostOperations } from '../core/process/host-operations';

/** A started core process as its host sees it: however it was started (utility process, fork), the same four things. */
export interface CoreLink {
  post(message: ToCore): void;
  onMessage(listener: (message: FromCore) => void): void;
  /** The process ended, by itself or killed. */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export interface CoreClientOptions {
  /** Starts a new core process. */
  spawn: () => CoreLink;
  onEvent: (window: WindowId | 'all', name: EventName, payload: unknown, locale?: Locale) => void;
  /** Told to every window: the core stopped and restarts, runs again, or stopped for good. */
  onStatus: (state: CoreState) => void;
  onTheme?: (theme: Theme) => void;
  /** How long `stop` waits for the core to finish before killing it (default 10 s). */
  stopTimeoutMs?: number;
}

/** Why a start failed: the core's own message (a damaged settings file says which file and what to do). */
export class CoreStartError extends Error {}

const stoppedError = (code: MessageKey): { ok: false; error: ReturnType<CountersignError['toApiError']> } => ({
  ok: false,
  error: new CountersignError('internal', code).toApiError(),
});

/**
 * The host's end of the link to the core: numbered calls answered by
 * `result` messages, events passed on, and a crash handled once. If the core
 * process dies, every call it had not answered gets `error.coreStopped` (it
 * may or may not have been written: the journal decides, and it keeps every
 * acknowledged record), the windows are told, and the core is started again
 * once; if it dies again, it stays down and the windows are told so.
 */
export class CoreClient {
  private link!: CoreLink;
  private ready!: Promise<void>;
  private readonly pending = new Map<number, (result: ApiResult<unknown>) => void>();
  private readonly windows = new Map<WindowId, readonly string[]>();
  private nextId = 1;
  private restarted = false;
  private failed = false;
  private stopping: Promise<void> | null = null;

  private constructor(private readonly options: CoreClientOptions) {}

  /** Starts the core; rejects with a CoreStartError when it cannot open the data directory. */
  static async start(options: CoreClientOptions): Promise<CoreClient> {
    const client = new CoreClient(options);
    client.connect();
    await client.ready;
    return client;
  }

  /** A contract call from `window`; never rejects. */
  async call(window: WindowId, channel: string, payload: unknown): Promise<ApiResult<unknown>> {
    return this.send((id) => ({ type: 'call', id, window, channel, payload }));
  }

  /** A desktop-only operation (host-operations.ts) for `window`'s session; never rejects. */
  async host<K extends keyof HostOperations>(window: WindowId, operation: K, input: HostOperations[K]['input']): Promise<ApiResult<HostOperations[K]['output']>> {
    return (await this.send((id) => ({ type: 'host', id, window, operation, input }) as ToCore)) as ApiResult<HostOperations[K]['output']>;
  }

  open(window: WindowId, systemLanguages: readonly string[]): void {
    this.windows.set(window, systemLanguages);
    if (!this.failed) this.link.post({ type: 'open', window, systemLanguages });
  }

  close(window: WindowId): void {
    this.windows.delete(window);
    if (!this.failed) this.link.post({ type: 'close', window });
  }

  /** Asks the core to finish and exit; kills it if it has not within the timeout. */
  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve) => {
      if (this.failed) return resolve();
      const link = this.link;
      const timer = setTimeout(() => link.kill(), this.options.stopTimeoutMs ?? 10_000);
      link.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
      link.post({ type: 'stop' });
    });
    return this.stopping;
  }

  /** Kills the core process without a word, as a crash would (for tests). */
  kill(): void {
    this.link.kill();
  }

  private async send(message: (id: number) => ToCore): Promise<ApiResult<unknown>> {
    if (this.stopping) return stoppedError('error.coreUnavailable');
    try {
      await this.ready;
    } catch {
      return stoppedError('error.coreUnavailable');
    }
    // Checked again after the wait: a stop asked meanwhile goes out before this call would.
    if (this.failed || this.stopping) return stoppedError('error.coreUnavailable');
    const id = this.nextId++;
    return new Promise<ApiResult<unknown>>((resolve) => {
      this.pending.set(id, resolve);
      this.link.post(message(id));
    });
  }

  private connect(): void {
    const link = this.options.spawn();
    this.link = link;
    let started = false;
    this.ready = new Promise<void>((resolve, reject) => {
      link.onMessage((message) => {
        switch (message.type) {
          case 'ready':
            started = true;
            for (const [window, languages] of this.windows) link.post({ type: 'open', window, systemLanguages: languages });
            this.options.onTheme?.(message.theme);
            resolve();
            break;
          case 'failed':
            reject(new CoreStartError(message.message));
            break;
          case 'result': {
            const answer = this.pending.get(message.id);
            this.pending.delete(message.id);
            answer?.(message.result);
            break;
          }
          case 'event':
            this.options.onEvent(message.window, message.name, message.payload, message.locale);
            break;
          case 'theme':
            this.options.onTheme?.(message.theme);
            break;
        }
      });
      link.onExit((code) => {
        if (started) return this.exited(link);
        // Never ready: whoever waits on `ready` hears why; a core that cannot open is not restarted.
        this.failed = true;
        this.answerPending('error.coreUnavailable');
        reject(new CoreStartError(`The Countersign core stopped while starting (exit code ${code ?? 'none'}).`));
      });
    });
    // A failed start is reported to whoever awaits `ready`; nothing else needs to see it.
    this.ready.catch(() => undefined);
  }

  private answerPending(code: MessageKey): void {
    for (const answer of this.pending.values()) answer(stoppedError(code));
    this.pending.clear();
  }

  private exited(link: CoreLink): void {
    if (link !== this.link || this.failed) return;
    this.answerPending('error.coreStopped');
    if (this.stopping) return;
    if (this.restarted) {
      this.failed = true;
      this.options.onStatus('failed');
      return;
    }
    this.restarted = true;
    this.options.onStatus('restarting');
    this.connect();
    this.ready.then(
      () => {
        this.options.onStatus('restarted');
        // Windows read everything again from the new core.
        for (const name of ['draftsChanged', 'profilesChanged', 'policyChanged', 'preferencesChanged'] as const) this.options.onEvent('all', name, {});
      },
      () => {
        this.failed = true;
        this.options.onStatus('failed');
      },
    );
  }
}
