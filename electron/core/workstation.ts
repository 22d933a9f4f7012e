import crypto from 'node:crypto';
import type { Changes, CoreContext } from './domains/core-context';
import { ApprovedLogDomain } from './domains/approved-log';
import { DraftsDomain } from './domains/drafts';
import { fileStamp, PolicyDomain } from './domains/policy';
import { ProfilesDomain } from './domains/profiles';
import { QueueDomain } from './domains/queue';
import type { Settings } from './settings';
import { DraftStore } from './store/draft-store';

export type { Changes } from './domains/core-context';
export type { NewDraft } from './domains/drafts';
export type { ExportProgress } from './domains/approved-log';

export interface WorkstationOptions {
  dataDir: string;
  settings: Settings;
  clock?: () => Date;
  newId?: () => string;
  warn?: (message: string) => void;
  /** How other processes name this one while it holds the write lock. */
  command?: string;
  snapshotEvery?: number;
}

/**
 * The workstation core, composed: profiles, drafts and their workflow, the
 * queue, the policy and the approved-post log, over one data directory's
 * settings and draft store. Every host (desktop app, CLI, loopback host)
 * drives this through the handlers; it decides, the hosts only adapt.
 */
export class Workstation {
  readonly profiles: ProfilesDomain;
  readonly policy: PolicyDomain;
  readonly drafts: DraftsDomain;
  readonly queue: QueueDomain;
  readonly log: ApprovedLogDomain;
  private readonly listeners = new Set<(changes: Changes) => void>();
  private readonly notify = (changes: Changes): void => {
    for (const listener of this.listeners) listener(changes);
  };

  private constructor(
    readonly settings: Settings,
    private readonly store: DraftStore,
    options: WorkstationOptions,
  ) {
    const context: CoreContext = {
      settings,
      store,
      clock: options.clock ?? (() => new Date()),
      newId: options.newId ?? (() => crypto.randomBytes(6).toString('hex')),
      notify: this.notify,
      refresh: () => this.refresh(),
    };
    this.profiles = new ProfilesDomain(context);
    this.policy = new PolicyDomain(context);
    this.drafts = new DraftsDomain(context, this.policy);
    this.queue = new QueueDomain(context);
    this.log = new ApprovedLogDomain(context, () => this.profiles.list().length);
  }

  static async open(options: WorkstationOptions): Promise<Workstation> {
    const store = await DraftStore.open({
      dataDir: options.dataDir,
      warn: options.warn ?? ((m) => console.warn(m)),
      command: options.command ?? `countersign (process ${process.pid})`,
      ...(options.snapshotEvery ? { snapshotEvery: options.snapshotEvery } : {}),
    });
    try {
      // A damaged settings file is reported at start, with the key that is wrong.
      options.settings.validate();
    } catch (err) {
      await store.close();
      throw err;
    }
    return new Workstation(options.settings, store, options);
  }

  get dataDir(): string {
    return this.store.dataDir;
  }

  get journalFile(): string {
    return this.store.file;
  }

  /** Applies what other processes appended; true when anything changed. */
  async refresh(): Promise<boolean> {
    const changed = (await this.store.refresh()) > 0;
    if (changed) this.notify({ drafts: true });
    return changed;
  }

  /** Listens for changes made here or, once `watch` runs, by other processes. */
  onChange(listener: (changes: Changes) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Polls the journal and the settings file so a window sees what the CLI or
   * another host wrote. Returns a function that stops polling.
   */
  watch(intervalMs = 750): () => void {
    let settingsStamp = fileStamp(this.settings.path);
    let busy = false;
    const timer = setInterval(() => {
      // One poll at a time: a replay of many records takes several turns of the event loop.
      if (busy) return;
      busy = true;
      this.refresh()
        .catch(() => {
          // The next action reports the damage with its full message.
        })
        .finally(() => {
          busy = false;
          const stamp = fileStamp(this.settings.path);
          if (stamp !== settingsStamp) this.notify({ profiles: true, policy: true });
          settingsStamp = stamp;
        });
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
