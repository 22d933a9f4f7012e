import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventName } from '../../shared/channels';
import type { EventPayload } from '../../shared/contract';
import { CountersignError, type ErrorKind } from '../../shared/errors';
import { CoreClient } from '../common/core-client';
import { securityHeaders } from '../common/security-headers';
import { readStaticFile } from '../common/static-files';
import { forkCore, type CoreEntry } from './core-child';

export interface WebHostOptions {
  dataDir: string;
  /** 0 picks any free port. */
  port: number;
  rendererDir: string;
  /** The core's entry, run as a child process (as the desktop app runs it as a utility process). */
  core: CoreEntry;
}

export interface RunningWebHost {
  url: string;
  port: number;
  token: string;
  /** The link to the core's process (tests kill it to see a crash handled). */
  core: CoreClient;
  close(): Promise<void>;
}

/** The page's window id in the core's sessions: one page per run. */
const pageWindow = 0;

const maxBodyBytes = 4 * 1024 * 1024;
const loopback = '127.0.0.1';

const statusFor: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  not_found: 404,
  refused: 409,
  corrupt: 500,
  busy: 423,
  internal: 500,
};

/**
 * Serves the built renderer and the contract over HTTP on 127.0.0.1 with a
 * per-run token, so the real UI runs in a browser where Electron cannot.
 */
export async function startWebHost(options: WebHostOptions): Promise<RunningWebHost> {
  const token = crypto.randomBytes(24).toString('base64url');
  const streams = new Set<http.ServerResponse>();
  let port = options.port;

  // Written at once: a socket with nothing queued takes the bytes synchronously.
  const push = <E extends EventName>(name: E, payload: EventPayload<E>) => {
    const text = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of streams) res.write(text);
  };
  // The core runs in its own process, as in the desktop app; this process only serves HTTP.
  const core = await CoreClient.start({
    spawn: () => forkCore(options.core, { dataDir: options.dataDir, command: 'countersign serve' }),
    onEvent: (_window, name, payload) => push(name, payload as never),
    onStatus: (state) => push('coreStatus', { state }),
  });
  core.open(pageWindow, []);

  const server = http.createServer((req, res) => {
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    const host = req.headers.host ?? '';
    if (host !== `${loopback}:${port}` && host !== `localhost:${port}`) {
      return fail(res, 403, new CountersignError('unauthorized', 'error.foreignHost', { host, port }));
    }
    const url = new URL(req.url ?? '/', `http://${loopback}:${port}`);
    if (!url.pathname.startsWith('/api/')) return serveStatic(req, res, options.rendererDir, url.pathname);
    if (!authorized(req, token)) {
      return fail(res, 401, new CountersignError('unauthorized', 'error.unauthorized'));
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${loopback}:${port}` && origin !== `http://localhost:${port}`) {
      return fail(res, 403, new CountersignError('unauthorized', 'error.foreignOrigin', { origin }));
    }
    const channel = url.pathname.slice('/api/'.length);
    if (channel === 'events' && req.method === 'GET') return openEventStream(res, streams);
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return fail(res, 405, new CountersignError('invalid', 'error.methodNotAllowed', { method: 'POST', path: url.pathname }));
    }
    readJsonBody(req, (problem, body) => {
      if (problem) return fail(res, problem.status, new CountersignError('invalid', 'error.invalidRequest', { details: problem.message }));
      void core.call(pageWindow, channel, body).then((result) => json(res, result.ok ? 200 : statusFor[result.error.kind], result));
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, loopback, () => resolve());
    });
  } catch (err) {
    await core.stop();
    throw err;
  }
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${loopback}:${port}/?token=${token}`,
    port,
    token,
    core,
    close: async () => {
      for (const res of streams) res.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await core.stop();
    },
  };
}

function authorized(req: http.IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer (\S+)$/.exec(header);
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

function fail(res: http.ServerResponse, status: number, error: CountersignError): void {
  json(res, status, { ok: false, error: error.toApiError() });
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, rendererDir: string, pathname: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' });
    res.end();
    return;
  }
  const file = readStaticFile(rendererDir, pathname);
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return;
  }
  res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.body.length });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

function openEventStream(res: http.ServerResponse, streams: Set<http.ServerResponse>): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
  res.write(': connected\n\n');
  streams.add(res);
  res.on('close', () => streams.delete(res));
}

function readJsonBody(
  req: http.IncomingMessage,
  done: (problem: { status: number; message: string } | null, body?: unknown) => void,
): void {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    req.resume();
    return done({ status: 415, message: 'The request body must be JSON (Content-Type: application/json).' });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  req.on('data', (chunk: Buffer) => {
    if (finished) return;
    size += chunk.length;
    if (size > maxBodyBytes) {
      finished = true;
      chunks.length = 0;
      req.resume();
      done({ status: 413, message: `The request body is larger than ${maxBodyBytes} bytes.` });
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (finished) return;
    finished = true;
    const text = Buffer.concat(chunks).toString('utf8');
    if (text.trim() === '') return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch (err) {
      done({ status: 400, message: `The request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}` });
    }
  });
}
