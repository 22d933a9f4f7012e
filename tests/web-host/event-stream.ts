import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startWebHost, type RunningWebHost } from '../../electron/web-host/server';
import { openWorkstation, seedProfiles } from '../core/open-workstation';
import { sourceCoreEntry } from '../core/core-entry';
import { tempDir } from '../temp-dir';

const hosts: RunningWebHost[] = [];

/** Closes every host `startAs` started (an afterEach). */
export async function closeHosts(): Promise<void> {
  for (const host of hosts.splice(0)) await host.close();
}

/** The host's event stream as parsed events, collected until `until` holds or the time runs out. */
export function collectEvents(host: RunningWebHost, until: (events: { name: string; data: unknown }[]) => boolean, timeoutMs = 8_000) {
  return new Promise<{ name: string; data: unknown }[]>((resolve, reject) => {
    const events: { name: string; data: unknown }[] = [];
    const req = http.get({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: { Authorization: `Bearer ${host.token}` } }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (\w+)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name) events.push({ name, data: data ? JSON.parse(data) : null });
        }
        if (until(events)) {
          clearTimeout(timer);
          req.destroy();
          resolve(events);
        }
      });
    });
    req.on('error', () => undefined);
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`timed out with events ${JSON.stringify(events.map((e) => e.name))}`));
    }, timeoutMs);
  });
}

/** A loopback host on a fresh data directory with the three seed profiles, its page working as `profileName`. */
export async function startAs(profileName: string) {
  const dataDir = tempDir();
  const rendererDir = path.join(dataDir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const { ws } = await openWorkstation(dataDir);
  const people = seedProfiles(ws);
  ws.settings.lastProfile = profileName;
  const host = await startWebHost({ dataDir, port: 0, rendererDir, core: sourceCoreEntry });
  hosts.push(host);
  return { host, dataDir, ws, ...people };
}
