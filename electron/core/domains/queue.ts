import type { Profile } from '../../../shared/model';
import { waitsFor } from '../../../shared/notifications';
import type { QueuePage, QueueQuery } from '../../../shared/queue-query';
import { QueueIndex } from '../queue-index';
import type { CoreContext } from './core-context';

/** The reviewer's queue and what waits for whom. */
export class QueueDomain {
  // Indexing and sorting 100,000 summaries costs 0.1–0.3 s, so the index is
  // kept until the journal's chain head moves (an action here, or records
  // another process appended); concurrent queries share one build.
  private index: { head: string; built: Promise<QueueIndex> } | null = null;

  constructor(private readonly context: CoreContext) {}

  /** One window of the filtered, ordered queue with its total and the counts per status. */
  async query(query: QueueQuery): Promise<QueuePage> {
    const { store } = this.context;
    await this.context.refresh();
    const head = store.head.hash;
    if (this.index?.head !== head) this.index = { head, built: QueueIndex.build(store.list()) };
    return (await this.index.built).query(query);
  }

  /** How many drafts wait for `profile`: pending ones for a reviewer or admin; an executive's drafts awaiting sign-off or sent back. */
  async waitingFor(profile: Profile): Promise<number> {
    const { store } = this.context;
    await this.context.refresh();
    const candidates = profile.role === 'executive' ? store.list({ author: profile.name }) : store.list({ status: 'pending' });
    let count = 0;
    for (const draft of candidates) if (waitsFor(draft, profile)) count += 1;
    return count;
  }
}
