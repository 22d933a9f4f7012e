import { afterEach, describe, expect, it } from 'vitest';
import { openWorkstation } from '../core/open-workstation';
import { closeHosts, collectEvents, startAs } from './event-stream';

afterEach(closeHosts);

describe('loopback host notifications', () => {
  it('pushes a typed notification for a CLI submit to a reviewer\'s page, next to draftsChanged', async () => {
    const { host, dataDir, exec } = await startAs('Li Na');
    const heard = collectEvents(host, (events) => events.some((e) => e.name === 'notification'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { ws: cli } = await openWorkstation(dataDir);
    const draft = await cli.drafts.act('submit', exec, { platform: 'x', text: 'Hello from the terminal' });
    await cli.close();
    const events = await heard;
    expect(events.find((e) => e.name === 'draftsChanged')?.data).toEqual({});
    expect(events.find((e) => e.name === 'notification')?.data).toEqual({
      items: [expect.objectContaining({ kind: 'queued', draftId: draft.id, author: 'Zhang Wei', excerpt: 'Hello from the terminal' })],
      total: 1,
    });
  });

  it('tells an executive\'s page of decisions on their drafts, not of the queue', async () => {
    const { host, dataDir, exec, reviewer } = await startAs('Zhang Wei');
    // A queue notification would reach the page first (its record is older), so stopping at the first one proves there was none.
    const heard = collectEvents(host, (events) => events.some((e) => e.name === 'notification'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { ws: cli } = await openWorkstation(dataDir);
    const draft = await cli.drafts.act('submit', exec, { platform: 'weibo', text: '谢谢大家' });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await cli.drafts.act('reject', reviewer, { id: draft.id, reason: 'Not now.' });
    await cli.close();
    const notifications = (await heard).filter((e) => e.name === 'notification');
    expect(notifications.map((e) => e.data)).toEqual([{ items: [expect.objectContaining({ kind: 'decided', event: 'rejected', actor: 'Li Na' })], total: 1 }]);
  });
});
