import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DraftStore } from '../../electron/core/store/draft-store';
import type { JournalRecord } from '../../electron/core/store/journal-records';
import { startWebHost, type RunningWebHost } from '../../electron/web-host/server';
import { sourceCoreEntry } from '../core/core-entry';
import { openWorkstation, seedProfiles } from '../core/open-workstation';
import { tempDir } from '../temp-dir';

// The order in which the loopback host answers, never how fast: speed is
// checked by `npm run bench:responsiveness`. Both tests fail on a core that
// blocks its event loop while it waits or works, as the synchronous core did:
// it waited for another process's write lock by sleeping inside the call (up
// to a second per call, before answering `busy`), and it made an export in
// one synchronous call, so every read sent meanwhile was answered only after
// the call in front of it. Here the reads must be answered first. (Checked
// against such a core, a build whose lock wait sleeps with Atomics.wait and
// whose yields do not yield: both tests fail there.)

const hosts: RunningWebHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

async function start(dataDir: string, profileName: string): Promise<RunningWebHost> {
  const rendererDir = path.join(dataDir, 'renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const { ws } = await openWorkstation(dataDir);
  if (ws.profiles.list().length === 0) seedProfiles(ws);
  ws.settings.lastProfile = profileName;
  await ws.close();
  const host = await startWebHost({ dataDir, port: 0, rendererDir, core: sourceCoreEntry });
  hosts.push(host);
  return host;
}

interface Reply {
  status: number;
  ok: boolean;
  value: unknown;
}

/**
 * A contract call as the page makes it; `answered` gets `name` when the
 * answer starts to arrive (its status line: the host writes it once the core
 * has answered), so a long body, like an export's, does not count as late.
 */
async function call(host: RunningWebHost, channel: string, body: unknown, answered: string[], name: string): Promise<Reply> {
  const response = await fetch(`http://127.0.0.1:${host.port}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify(body),
  });
  answered.push(name);
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  return { status: response.status, ok: result.ok, value: result.ok ? result.value : result.error };
}

/** `posts` approved posts written straight to the store in group commits (no rule check, so a test can afford thousands). */
async function approvedPosts(dataDir: string, posts: number): Promise<void> {
  const store = await DraftStore.open({ dataDir, warn: () => {}, command: 'responsiveness test' });
  const release = await store.hold();
  try {
    for (let done = 0; done < posts; done += 1_000) {
      await store.transact(async () => {
        const submitted: JournalRecord[] = [];
        const approved: JournalRecord[] = [];
        for (let i = done; i < Math.min(posts, done + 1_000); i++) {
          const base = { draftId: `post${i}`, revision: 1, findings: [] };
          const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
          submitted.push({ ...base, type: 'submitted', at, actor: 'Zhang Wei', role: 'executive', status: 'pending', text: `Approved post number ${i}: thanks to the team.`, draft: { platform: 'weibo', crisis: false } });
          approved.push({ ...base, type: 'approved', at, actor: 'Li Na', role: 'reviewer', status: 'approved' });
        }
        // Two group commits: a record is checked against the drafts already in the store.
        await store.append(submitted);
        await store.append(approved);
      });
    }
  } finally {
    release();
  }
  await store.close();
}

/** The host's event stream: when it is connected, and the first exportProgress event. */
function eventStream(host: RunningWebHost) {
  let connect!: () => void;
  let progress!: (p: { done: number; total: number }) => void;
  const connected = new Promise<void>((resolve) => (connect = resolve));
  const firstProgress = new Promise<{ done: number; total: number }>((resolve) => (progress = resolve));
  const req = http.get({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: { Authorization: `Bearer ${host.token}` } }, (res) => {
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      // The stream opens with a comment (": connected").
      connect();
      buffer += chunk;
      for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (/^event: exportProgress$/m.test(block) && data) progress(JSON.parse(data) as { done: number; total: number });
      }
    });
  });
  req.on('error', () => undefined);
  return { connected, firstProgress, close: () => req.destroy() };
}

describe('loopback host responsiveness', () => {
  it('answers listProfiles while submitDraft calls wait for a write lock another process holds', async () => {
    const dataDir = tempDir();
    const host = await start(dataDir, 'Zhang Wei');
    // This test's process holds the lock: to the core, another live process (as a CLI import is).
    const { ws } = await openWorkstation(dataDir);
    const release = await ws.drafts.holdWriteLock();
    const answered: string[] = [];
    let submits: Promise<Reply>[] = [];
    try {
      submits = [1, 2, 3].map((n) => call(host, 'submitDraft', { platform: 'x', text: `Waiting for the lock, ${n}.` }, answered, `submit ${n}`));
      const reads = await Promise.all(Array.from({ length: 20 }, (_, n) => call(host, 'listProfiles', {}, answered, `read ${n}`)));
      expect(reads.every((r) => r.status === 200 && r.ok)).toBe(true);
      expect((reads[0]!.value as { name: string }[]).map((p) => p.name)).toEqual(['Zhang Wei', 'Li Na', 'Chen Admin']);
      // Every read answered, and not one of the writes: they are still waiting for the lock.
      expect(answered.filter((name) => name.startsWith('submit'))).toEqual([]);
    } finally {
      release();
    }
    // Released: each write either takes the lock now or has already given up after its wait, with `busy`.
    for (const reply of await Promise.all(submits)) {
      if (reply.ok) expect(reply.status).toBe(200);
      else expect({ status: reply.status, kind: (reply.value as { kind: string }).kind }).toEqual({ status: 423, kind: 'busy' });
    }
    expect(answered.slice(0, 20).every((name) => name.startsWith('read'))).toBe(true);
    await ws.close();
  });

  it('answers reads sent during a large HTML export before the export', { timeout: 60_000 }, async () => {
    const dataDir = tempDir();
    const posts = 30_000;
    await approvedPosts(dataDir, posts);
    const host = await start(dataDir, 'Li Na');
    const events = eventStream(host);
    await events.connected;
    const answered: string[] = [];
    const exporting = call(host, 'exportLog', { format: 'html' }, answered, 'export');
    // The reads go once the export is under way: its first progress report (5,000 of the drafts looked at).
    expect((await events.firstProgress).done).toBeLessThan(posts);
    const reads = await Promise.all([
      ...Array.from({ length: 5 }, (_, n) => call(host, 'listProfiles', {}, answered, `listProfiles ${n}`)),
      call(host, 'getChainHead', {}, answered, 'getChainHead'),
      call(host, 'queryQueue', { status: 'approved', offset: 0, limit: 10 }, answered, 'queryQueue'),
    ]);
    expect(reads.every((r) => r.status === 200 && r.ok)).toBe(true);
    expect((reads[5]!.value as { records: number }).records).toBe(2 * posts);
    expect((reads[6]!.value as { total: number }).total).toBe(posts);
    // Every read answered while the export is still being made.
    expect(answered).not.toContain('export');
    const exported = await exporting;
    expect(exported.status).toBe(200);
    expect((exported.value as { records: number }).records).toBe(posts);
    events.close();
  });
});
