import { afterEach, describe, expect, it } from 'vitest';
import { closeHosts, collectEvents, startAs } from './event-stream';

afterEach(closeHosts);

describe('loopback host export progress', () => {
  it('pushes exportProgress events to the page that exports, ending at every draft looked at', async () => {
    const { host, ws, exec, reviewer } = await startAs('Li Na');
    for (const text of ['First post', 'Second post', 'Still waiting']) await ws.drafts.act('submit', exec, { platform: 'x', text });
    for (const draft of (await ws.drafts.list({ status: 'pending' })).slice(0, 2)) await ws.drafts.act('approve', reviewer, { id: draft.id });
    const heard = collectEvents(host, (events) => events.some((e) => e.name === 'exportProgress'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const response = await fetch(`http://127.0.0.1:${host.port}/api/exportLog`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
      body: JSON.stringify({ format: 'csv' }),
    });
    const answer = (await response.json()) as { ok: boolean; value: { records: number } };
    expect(answer).toMatchObject({ ok: true, value: { records: 2 } });
    const events = await heard;
    expect(events.filter((e) => e.name === 'exportProgress').map((e) => e.data)).toEqual([{ done: 3, total: 3 }]);
  });
});
