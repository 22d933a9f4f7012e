import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, type ChannelName } from '../../shared/channels';
import { startWebHost, type RunningWebHost } from '../../electron/web-host/server';
import { fuzzContract, reportStats, type Answer, type FuzzTarget } from './contract-fuzz';
import { copyDir, modeTemplate, removeFuzzDir, fuzzDir, fuzzRuns, fuzzTimeout, removeFuzzDirs, seedTemplate, sessionModes, watchUnhandled, type SessionMode } from './fuzz-world';
import { sourceCoreEntry } from '../core/core-entry';
import { payloadFor, rawBody, regressionRequests, type FuzzWorld } from './payloads';

// The loopback host (electron/web-host/server.ts), started in this process
// with its token and its core in a child process as tests/web-host/server.test.ts starts it, called over
// HTTP with fuzzed bodies: JSON from the same generators as the IPC test,
// and bodies no JSON.stringify makes (broken JSON, a BOM, bytes that are not
// UTF-8, very deep nesting).

const maxBodyBytes = 4 * 1024 * 1024;
const statusOf: Record<string, number> = { invalid: 400, not_found: 404, refused: 409 };

let template: { dir: string; world: FuzzWorld };
let rendererDir: string;
beforeAll(async () => {
  template = await seedTemplate();
  rendererDir = fuzzDir('countersign-fuzz-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
});
afterAll(() => removeFuzzDirs());

interface Reply {
  status: number;
  body: string;
}

function post(host: RunningWebHost, channel: string, body: Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: 'POST',
        path: `/api/${channel}`,
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, 'Content-Length': body.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The request as the host reads a body: blank is `{}`, anything else must parse as JSON. */
function asHostReads(body: Buffer): { seen: unknown; invalidBody: boolean } {
  const text = body.toString('utf8');
  if (text.trim() === '') return { seen: {}, invalidBody: false };
  try {
    return { seen: JSON.parse(text), invalidBody: false };
  } catch {
    return { seen: `(not JSON) ${text.slice(0, 60)}`, invalidBody: true };
  }
}

/** A host on a fresh copy of the seeded store whose remembered profile is the mode's; `reset` starts another. */
async function webTarget(mode: SessionMode): Promise<FuzzTarget & { close(): Promise<void> }> {
  const seeded = modeTemplate(template.dir, mode);
  let dir = '';
  let host: RunningWebHost | null = null;
  const stop = async () => {
    await host?.close();
    if (dir) removeFuzzDir(dir);
  };
  const open = async () => {
    await stop();
    dir = copyDir(seeded);
    host = await startWebHost({ dataDir: dir, port: 0, rendererDir, core: sourceCoreEntry });
  };
  await open();
  const current = () => {
    if (!host) throw new Error('the host is not running');
    return host;
  };
  return {
    dataDir: () => dir,
    call: async (channel: ChannelName, request: unknown): Promise<Answer> => {
      const body = Buffer.isBuffer(request) ? request : Buffer.from(JSON.stringify(request) ?? '', 'utf8');
      const { seen, invalidBody } = asHostReads(body);
      const reply = await post(current(), channel, body);
      let result: unknown;
      try {
        result = JSON.parse(reply.body);
      } catch {
        return { result: reply.body, seen, invalidBody, transportProblem: `status ${reply.status} with a body that is not JSON: ${reply.body.slice(0, 200)}` };
      }
      const r = result as { ok?: boolean; error?: { kind?: string } };
      let expected = r.ok ? 200 : (statusOf[r.error?.kind ?? ''] ?? -1);
      // Over 4 MiB the host refuses the body unread, as a validation error with 413.
      if (body.length > maxBodyBytes && !r.ok) expected = 413;
      const transportProblem = reply.status === expected ? null : `status ${reply.status} for ${reply.body.slice(0, 300)}`;
      return { result, seen, invalidBody: invalidBody || body.length > maxBodyBytes, transportProblem };
    },
    reset: open,
    alive: async () => {
      const reply = await post(current(), 'getSession', Buffer.from('{}'));
      return reply.status === 200 ? null : `getSession answered ${reply.status} ${reply.body.slice(0, 200)}`;
    },
    close: stop,
  };
}

describe('fuzzed contract through the loopback host', () => {
  for (const mode of sessionModes) {
    it(`answers every channel with 400 or a valid result, ${mode} session`, async () => {
      const started = Date.now();
      const unhandled = watchUnhandled();
      const target = await webTarget(mode);
      try {
        const stats = await fuzzContract({
          target,
          world: template.world,
          mode,
          numRuns: fuzzRuns(2_000, channelNames.length, sessionModes.length),
          requests: (channel) =>
            fc.oneof({ weight: 6, arbitrary: payloadFor(channel, template.world, 'http') }, { weight: 1, arbitrary: rawBody.map((b): unknown => b) }),
          examples: (channel) => regressionRequests(channel, template.world, 'http'),
        });
        reportStats(`loopback host, ${mode} session`, stats, started);
        expect(stats.schemaValid, 'some requests passed the schema and reached the handlers').toBeGreaterThan(0);
        expect(stats.byKind.invalid ?? 0, 'some requests were refused by the schema').toBeGreaterThan(0);
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(unhandled.errors).toEqual([]);
      } finally {
        unhandled.stop();
        await target.close();
      }
    }, fuzzTimeout);
  }
});
