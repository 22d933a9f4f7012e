// Child of npm run bench:queue: a cold open of a data directory and the
// pending list, as a window or `countersign list --status pending` does
// first. Prints its figures as one JSON line.
//   node --expose-gc --import tsx scripts/bench-queue/cold-open.ts <dataDir>
import { performance } from 'node:perf_hooks';

async function main(dataDir: string): Promise<void> {
  // Node and the tsx loader alone, before Countersign's modules load.
  const atStart = process.memoryUsage();
  const { openNodeSettings } = await import('../../electron/core/settings');
  const { Workstation } = await import('../../electron/core/workstation');

  const warnings: string[] = [];
  const before = process.memoryUsage();
  const start = performance.now();
  const ws = await Workstation.open({ dataDir, settings: openNodeSettings(dataDir), warn: (m) => warnings.push(m), command: 'bench:queue cold open' });
  const opened = performance.now();
  const afterOpen = process.memoryUsage();
  const pending = await ws.drafts.list({ status: 'pending' });
  const listed = performance.now();
  const memory = process.memoryUsage();
  // What stays once the garbage of loading is collected (the child runs with --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  const live = process.memoryUsage();
  // What the first action adds: the compiled policy (OpenCC's dictionaries, the automaton).
  ws.policy.current();
  const withPolicy = process.memoryUsage();
  await ws.close();

  console.log(
    JSON.stringify({
      openMs: opened - start,
      listMs: listed - opened,
      totalMs: listed - start,
      /** From the process's start, module loading included. */
      sinceStartMs: listed,
      pending: pending.length,
      rssAtStart: atStart.rss,
      rssBefore: before.rss,
      rss: memory.rss,
      heapAfterOpen: afterOpen.heapUsed,
      heapUsed: memory.heapUsed,
      heapLive: live.heapUsed,
      rssAfterGc: live.rss,
      rssWithPolicy: withPolicy.rss,
      warnings,
    }),
  );
}

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: cold-open.ts <dataDir>');
main(dataDir).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
