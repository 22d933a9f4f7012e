import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';

export interface BenchHost {
  url: string;
  /** From spawning `countersign serve` to its printed address (opening the data directory included). */
  startMs: number;
  /** Resident memory now, in bytes (Linux), or null: the HTTP process and the core process it forked (which holds the store). */
  rss: () => { host: number | null; core: number | null };
  stop: () => Promise<void>;
}

/** `node dist/cli.js serve` on a data directory, as the e2e fixtures start it; resolves with the printed address and token. */
export function startHost(repo: string, dataDir: string): Promise<BenchHost> {
  const cli = path.join(repo, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first (npm run bench:ui does).`);
  const t0 = performance.now();
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const timer = setTimeout(() => reject(new Error(`countersign serve printed nothing within 60 s\n${stderr}`)), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`countersign serve exited with ${code}\n${stderr}`));
    });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const url = line.trim();
      if (!/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/.test(url)) return reject(new Error(`unexpected first line from serve: ${url}`));
      resolve({ url, startMs: performance.now() - t0, rss: () => ({ host: child.pid === undefined ? null : rssOf(child.pid), core: coreRss(child) }), stop: () => stop(child) });
    });
  });
}

/** The core runs in a child of `countersign serve` (forked, dist/core.js): the first child process listed for it. */
function coreRss(child: ChildProcess): number | null {
  try {
    const children = fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return children[0] ? rssOf(Number(children[0])) : null;
  } catch {
    return null;
  }
}

function rssOf(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
