// Child of npm run bench:queue, bundled by it with esbuild as dist/cli.js is
// (plain node, no tsx): `countersign list --status pending --format json` as
// the CLI did it before it streamed, i.e. the same session and handlers, then
// `JSON.stringify(list, null, 2)` as one string written to standard output in
// one write. It loads the whole CLI (and builds its program) as dist/cli.js
// does, so both start up alike. Standard output goes to a file; the phases'
// times go to standard error as one JSON line.
//   node list-baseline.js <dataDir>
import { performance } from 'node:perf_hooks';
import { buildProgram } from '../../electron/cli/program';
import { CliSession, type CliIo } from '../../electron/cli/session';

async function main(dataDir: string): Promise<void> {
  const io: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(`${t}\n`), stdin: () => '', rendererDir: '', coreEntry: { file: '' } };
  buildProgram(io);
  const start = performance.now();
  const session = await CliSession.open({ dataDir }, null, io, 'countersign list');
  const opened = performance.now();
  let listed = opened;
  let stringified = opened;
  try {
    const list = await session.call('listDrafts', { status: 'pending' });
    listed = performance.now();
    const text = JSON.stringify(list, null, 2);
    stringified = performance.now();
    process.stdout.write(`${text}\n`);
  } finally {
    await session.close();
  }
  const written = performance.now();
  process.stderr.write(
    `${JSON.stringify({ openMs: opened - start, listMs: listed - opened, stringifyMs: stringified - listed, writeMs: written - stringified, sinceStartMs: written, maxRss: process.resourceUsage().maxRSS * 1024 })}\n`,
  );
}

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: list-baseline.js <dataDir>');
main(dataDir).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
