// Part of npm run bench:queue: `countersign list --status pending --format
// json` from a cold process, the streamed command against the one-string
// output it replaced (list-baseline.ts), both bundled here with esbuild as
// scripts/build-node.mjs bundles dist/cli.js (plain node, no tsx loader), so
// the figures are the sources of this run whatever dist/ holds. Each run's
// standard output goes to a file; the two files must be byte for byte equal.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { build, type BuildOptions } from 'esbuild';

export interface ListRunners {
  cli: string;
  baseline: string;
}

export async function bundleListRunners(repo: string, root: string): Promise<ListRunners> {
  const common: BuildOptions = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', external: ['electron'] };
  const cli = path.join(root, 'list-cli', 'cli.js');
  const baseline = path.join(root, 'list-cli', 'list-baseline.js');
  await build({ ...common, entryPoints: [path.join(repo, 'electron/cli/main.ts')], outfile: cli, banner: { js: '#!/usr/bin/env node' } });
  await build({ ...common, entryPoints: [path.join(repo, 'scripts/bench-queue/list-baseline.ts')], outfile: baseline });
  return { cli, baseline };
}

export interface ListRun {
  /** From spawning the process to its exit: start-up, open, list, output, close. */
  wallMs: number;
  bytes: number;
  /** The baseline's phases (list-baseline.ts prints them); absent for the CLI. */
  phases?: { openMs: number; listMs: number; stringifyMs: number; writeMs: number; maxRss: number };
}

/** One cold run of `args` (after node) with standard output into `outFile`. */
export function timeList(args: string[], outFile: string): ListRun {
  const fd = fs.openSync(outFile, 'w');
  let result;
  const start = performance.now();
  try {
    result = spawnSync(process.execPath, args, { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  } finally {
    fs.closeSync(fd);
  }
  const wallMs = performance.now() - start;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  const last = result.stderr.trim().split('\n').at(-1) ?? '';
  const phases = last.startsWith('{') ? (JSON.parse(last) as ListRun['phases']) : undefined;
  return { wallMs, bytes: fs.statSync(outFile).size, ...(phases ? { phases } : {}) };
}

/** Whether two files hold the same bytes, read in pieces. */
export function sameBytes(a: string, b: string): boolean {
  if (fs.statSync(a).size !== fs.statSync(b).size) return false;
  const fa = fs.openSync(a, 'r');
  const fb = fs.openSync(b, 'r');
  const ba = Buffer.alloc(1 << 20);
  const bb = Buffer.alloc(1 << 20);
  try {
    for (let at = 0; ; at += ba.length) {
      const ra = fs.readSync(fa, ba, 0, ba.length, at);
      const rb = fs.readSync(fb, bb, 0, bb.length, at);
      if (ra !== rb || !ba.subarray(0, ra).equals(bb.subarray(0, rb))) return false;
      if (ra === 0) return true;
    }
  } finally {
    fs.closeSync(fa);
    fs.closeSync(fb);
  }
}
