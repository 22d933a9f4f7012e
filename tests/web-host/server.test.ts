import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { journalFileName } from '../../electron/core/store/journal-file';
import { lockFileName } from '../../electron/core/store/write-lock';
import { startWebHost, type RunningWebHost } from '../../electron/web-host/server';
import { openWorkstation, seedProfiles } from '../core/open-workstation';
import { sourceCoreEntry } from '../core/core-entry';
import { tempDir } from '../temp-dir';

const hosts: RunningWebHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

async function start() {
  const dataDir = tempDir();
  const rendererDir = path.join(dataDir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(dataDir, 'secret.json'), '{"secret":true}');
  const { ws } = await openWorkstation(dataDir);
  const people = seedProfiles(ws);
  const host = await startWebHost({ dataDir, port: 0, rendererDir, core: sourceCoreEntry });
  hosts.push(host);
  return { host, dataDir, ws, ...people };
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request, so tests control every header (fetch would not let us set Host). */
function request(host: RunningWebHost, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (host: RunningWebHost, channel: string, body: unknown, headers: Record<string, string> = {}) =>
  request(host, {
    method: 'POST',
    path: `/api/${channel}`,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('loopback host', () => {
  it('prints a URL with a fresh token of at least 20 URL-safe characters', async () => {
    const { host } = await start();
    const { host: other } = await start();
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(other.token).not.toBe(host.token);
  });

  it('binds 127.0.0.1 only', async () => {
    const { host } = await start();
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    const tryConnect = (address: string) =>
      new Promise<string>((resolve) => {
        const socket = net.connect({ host: address, port: host.port }, () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
      });
    expect(await tryConnect('127.0.0.1')).toBe('connected');
    // Every other local address must refuse; 127.0.0.2 is loopback too but not the bound one.
    expect(await tryConnect('127.0.0.2')).toBe('ECONNREFUSED');
    if (external) expect(await tryConnect(external)).toBe('ECONNREFUSED');
  });

  it('answers 401 without a token or with a wrong one, and changes nothing', async () => {
    const { host, dataDir } = await start();
    const journal = fs.readFileSync(path.join(dataDir, journalFileName));
    const body = JSON.stringify({ platform: 'x', text: 'hi' });
    const none = await request(host, { method: 'POST', path: '/api/submitDraft', headers: { 'Content-Type': 'application/json' }, body });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.kind).toBe('unauthorized');
    // The last character changed (to one it is not: a token ending in "x" once made this the right token).
    const wrongToken = `${host.token.slice(0, -1)}${host.token.endsWith('x') ? 'y' : 'x'}`;
    const wrong = await api(host, 'submitDraft', body, { Authorization: `Bearer ${wrongToken}` });
    expect(wrong.status).toBe(401);
    const events = await request(host, { path: '/api/events' });
    expect(events.status).toBe(401);
    expect(fs.readFileSync(path.join(dataDir, journalFileName))).toEqual(journal);
  });

  it('rejects a foreign Host header (DNS rebinding) even with the token', async () => {
    const { host } = await start();
    for (const bad of [`evil.example:${host.port}`, '127.0.0.1', `127.0.0.1:${host.port + 1}`, `localhost.evil:${host.port}`]) {
      const reply = await api(host, 'listProfiles', {}, { Host: bad });
      expect(reply.status, bad).toBe(403);
      expect(JSON.parse(reply.body).error.message).toContain(bad);
    }
    expect((await api(host, 'listProfiles', {}, { Host: `localhost:${host.port}` })).status).toBe(200);
    const page = await request(host, { path: '/', headers: { Host: `rebound.example:${host.port}` } });
    expect(page.status).toBe(403);
  });

  it('rejects a call from another origin', async () => {
    const { host } = await start();
    const reply = await api(host, 'listProfiles', {}, { Origin: 'http://evil.example' });
    expect(reply.status).toBe(403);
  });

  it('answers 400 with a clear message to malformed payloads and changes nothing', async () => {
    const { host, dataDir } = await start();
    await api(host, 'switchProfile', { name: 'Zhang Wei' });
    const file = path.join(dataDir, journalFileName);
    const journal = fs.readFileSync(file);
    const cases: Array<[unknown, string]> = [
      ['{not json', 'not valid JSON'],
      [{ platform: 'x' }, 'text: Invalid input'],
      [{ platform: 'x', text: 5 }, 'text: Invalid input: expected string, received number'],
      [{ platform: 'myspace', text: 'hi' }, 'platform: Invalid option'],
      [{ platform: 'x', text: 'hi', admin: true }, 'Unrecognized key: "admin"'],
      ['{"platform":"x","text":"hi","__proto__":{"role":"admin"}}', '__proto__'],
      [{ platform: 'x', text: 'x'.repeat(1024 * 1024) }, 'text: at most 20000 characters'],
      [{ platform: 'x', text: 'ding\u0007' }, 'control character (U+0007)'],
      [[1, 2], 'expected object'],
    ];
    for (const [body, expected] of cases) {
      const reply = await api(host, 'submitDraft', body);
      expect(reply.status, String(expected)).toBe(400);
      expect(JSON.parse(reply.body).error.message).toContain(expected);
    }
    const wrongType = await request(host, {
      method: 'POST',
      path: '/api/listProfiles',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(wrongType.status).toBe(415);
    expect((await api(host, 'noSuchChannel', {})).status).toBe(404);
    expect((await request(host, { path: '/api/listProfiles', headers: { Authorization: `Bearer ${host.token}` } })).status).toBe(405);
    expect(fs.readFileSync(file)).toEqual(journal);
  });

  it('runs the workflow in the host: refusals are 409 and change nothing', async () => {
    const { host, dataDir } = await start();
    expect((await api(host, 'submitDraft', { platform: 'weibo', text: 'hi' })).status).toBe(409);
    await api(host, 'switchProfile', { name: 'Zhang Wei' });
    const submitted = JSON.parse((await api(host, 'submitDraft', { platform: 'weibo', text: '你好' })).body);
    expect(submitted.value.status).toBe('pending');
    const journal = fs.readFileSync(path.join(dataDir, journalFileName));
    const own = await api(host, 'approveDraft', { id: submitted.value.id });
    expect(own.status).toBe(409);
    expect(JSON.parse(own.body).error.code).toBe('error.roleNotAllowed');
    expect(fs.readFileSync(path.join(dataDir, journalFileName))).toEqual(journal);
    await api(host, 'switchProfile', { name: 'Li Na' });
    const approved = JSON.parse((await api(host, 'approveDraft', { id: submitted.value.id })).body);
    expect(approved.value.status).toBe('approved');
  });

  it('answers 423 naming the holder while another process holds the write lock, and writes nothing', async () => {
    const { host, dataDir } = await start();
    await api(host, 'switchProfile', { name: 'Zhang Wei' });
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      fs.writeFileSync(
        path.join(dataDir, lockFileName),
        JSON.stringify({ pid: holder.pid, host: os.hostname(), command: 'countersign import', since: '2026-11-01T00:00:00.000Z' }),
      );
      const journal = fs.readFileSync(path.join(dataDir, journalFileName));
      const busy = await api(host, 'submitDraft', { platform: 'x', text: 'Hello' });
      expect(busy.status).toBe(423);
      expect(JSON.parse(busy.body).error).toMatchObject({ kind: 'busy', code: 'error.locked', params: { pid: String(holder.pid), command: 'countersign import' } });
      expect(fs.readFileSync(path.join(dataDir, journalFileName))).toEqual(journal);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('serves the renderer with a CSP and nothing outside it', async () => {
    const { host } = await start();
    const page = await request(host, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    for (const p of ['/../secret.json', '/%2e%2e/secret.json', '/..%2fsecret.json', '/missing.js']) {
      expect((await request(host, { path: p })).status, p).toBe(404);
    }
  });

  it('pushes draftsChanged to the event stream when a draft is submitted', async () => {
    const { host } = await start();
    const received = new Promise<string>((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port: host.port, path: '/api/events', headers: { Authorization: `Bearer ${host.token}` } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            if (text.includes('event: draftsChanged')) {
              resolve(text);
              req.destroy();
            }
          });
        },
      );
      req.on('error', reject);
    });
    await new Promise((r) => setTimeout(r, 100));
    await api(host, 'switchProfile', { name: 'Zhang Wei' });
    await api(host, 'submitDraft', { platform: 'x', text: 'ping' });
    expect(await received).toContain('event: draftsChanged\ndata: {}');
  });
});
