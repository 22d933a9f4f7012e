// The CLI as real processes: killed mid-import, racing for the write lock,
// and finding a lock left by a process that is gone.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBatchSize } from '../../electron/cli/import-command';
import { journalFileName } from '../../electron/core/store/journal-file';
import { lockFileName } from '../../electron/core/store/write-lock';
import { openWorkstation, seedProfiles } from '../core/open-workstation';
import { tempDir } from '../temp-dir';

const repo = path.resolve(__dirname, '../..');
let buildDir = '';
let cliJs = '';

// One bundle for every child: about 0.4 s to start, against about 1.6 s through tsx.
beforeAll(async () => {
  buildDir = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-cli-build-'));
  cliJs = path.join(buildDir, 'cli.js');
  await build({
    entryPoints: [path.join(repo, 'electron/cli/main.ts')],
    outfile: cliJs,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
  });
}, 60_000);

afterAll(async () => {
  if (buildDir) fs.rmSync(buildDir, { recursive: true, force: true });
});

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [cliJs, ...args], { cwd: repo, stdio: 'pipe' });
}

/** Resolves at 'exit' (the process is gone, so its lock is stale) and once its output is read to the end. */
function finished(child: ChildProcessWithoutNullStreams): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return Promise.all([exited, closed]).then(([exit]) => ({ ...exit, stdout, stderr }));
}

function run(args: string[]): Promise<Outcome> {
  const child = start(args);
  child.stdin.end();
  return finished(child);
}

/** Complete output lines as they arrive. */
function onLines(child: ChildProcessWithoutNullStreams, handle: (line: string) => void): void {
  let buffered = '';
  child.stdout.on('data', async (chunk: string) => {
    buffered += chunk;
    for (let nl = buffered.indexOf('\n'); nl !== -1; nl = buffered.indexOf('\n')) {
      handle(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
    }
  });
}

function importLines(count: number, tag: string): string {
  const platforms = ['weibo', 'x', 'linkedin'];
  let out = '';
  for (let i = 0; i < count; i++) {
    out += `${JSON.stringify({ platform: platforms[i % 3], text: `${tag} ${i + 1}：新品上线，感谢团队！We ship today.`, ...(i % 7 === 0 ? { crisis: true } : {}) })}\n`;
  }
  return out;
}

async function seeded(): Promise<string> {
  const dir = tempDir();
  const { ws } = await openWorkstation(dir);
  seedProfiles(ws);
  await ws.close();
  return dir;
}

/** Every draft id in `dir`, read by opening the store in this process. */
async function storedIds(dir: string): Promise<{ ids: Set<string>; warnings: string[] }> {
  const { ws, warnings } = await openWorkstation(dir);
  try {
    return { ids: new Set((await ws.drafts.list()).map((d) => d.id)), warnings };
  } finally {
    await ws.close();
  }
}

const idLine = /^([0-9a-f]{12}) pending line (\d+)$/;

describe('the CLI as separate processes', () => {
  it('SIGKILL at random moments of an import loses no printed id; the next import takes over the stale lock', async () => {
    const dir = await seeded();
    const lineCount = 1_500;
    const file = path.join(dir, 'import.jsonl');
    fs.writeFileSync(file, importLines(lineCount, 'kill'));
    const lockFile = path.join(dir, lockFileName);

    const printed = new Set<string>();
    const killedRounds = 15;
    let killed = 0;
    let takenOver = 0;
    /** The pid named by a lock a killed import left behind. */
    let staleFrom: number | null = null;
    // Rounds the kill came too late for (the import had finished) do not count.
    for (let round = 0; killed < killedRounds; round++) {
      expect(round, 'rounds so far').toBeLessThan(3 * killedRounds);
      const child = start(['import', '--as', 'Zhang Wei', file, '--data-dir', dir]);
      child.stdin.end();
      const outcome = finished(child);
      // Every third round dies after a random delay from its start (possibly before it writes); the others
      // after a random number of ids, with two batches still to come, and then a random delay, so the kill lands
      // anywhere in the batch being read, checked and written.
      const byTime = round % 3 === 0;
      const afterIds = byTime ? 0 : 1 + Math.floor(Math.random() * (lineCount - 2 * importBatchSize));
      const afterMs = Math.floor(Math.random() * (byTime ? 1_200 : 250));
      const plan = byTime ? `killed ${afterMs} ms after its start` : `killed ${afterMs} ms after ${afterIds} ids`;
      let seen = 0;
      let timer: NodeJS.Timeout | null = null;
      const kill = () => (timer = setTimeout(() => child.kill('SIGKILL'), afterMs));
      const unexpected: string[] = [];
      onLines(child, (line) => {
        const match = idLine.exec(line);
        if (!match) return void unexpected.push(line);
        printed.add(match[1]!);
        seen += 1;
        if (!byTime && seen === afterIds) kill();
      });
      if (byTime) kill();
      const { code, signal, stderr } = await outcome;
      if (timer) clearTimeout(timer);
      const context = `round ${round} (${plan}): code ${code}, signal ${signal}, ${seen} ids\n${stderr}`;

      expect(unexpected, context).toEqual([]);
      // A clean finish (the kill came too late) is fine; any other failure is not.
      expect(signal === 'SIGKILL' || code === 0, context).toBe(true);
      if (signal === 'SIGKILL') killed += 1;
      const holder = fs.existsSync(lockFile) ? (JSON.parse(fs.readFileSync(lockFile, 'utf8')) as { pid: number; command: string }) : null;
      if (staleFrom !== null) {
        const warned = stderr.includes(`warning: Took over ${lockFile}, left by process ${staleFrom} (countersign import`);
        // An import that got as far as writing went through the stale lock, and said so.
        if (seen > 0 || code === 0) expect(warned, context).toBe(true);
        if (warned) takenOver += 1;
      }
      // What is left: nothing, the lock of the process just killed, or (killed before it got there) the older stale one.
      if (holder) {
        expect([child.pid, staleFrom], context).toContain(holder.pid);
        expect(holder.command).toBe('countersign import');
      }
      staleFrom = holder?.pid ?? null;

      // The stale lock stays for the next round to take over, so this check opens a copy.
      const copy = path.join(tempDir(), 'data');
      fs.cpSync(dir, copy, { recursive: true });
      const { ids } = await storedIds(copy);
      const missing = [...printed].filter((id) => !ids.has(id));
      expect(missing, `round ${round} (${plan}): printed but not stored`).toEqual([]);
      fs.rmSync(copy, { recursive: true, force: true });
    }

    expect(takenOver, 'stale locks taken over by the next import').toBeGreaterThan(0);
    expect(printed.size).toBeGreaterThan(0);

    // The data directory itself, after everything (its stale lock still in place): a write goes through.
    // A kill rarely lands inside the write itself; leave what it would: half a record, no newline.
    const journal = path.join(dir, journalFileName);
    const lastRecord = fs.readFileSync(journal, 'utf8').trimEnd().split('\n').at(-1)!;
    const torn = Buffer.from(lastRecord.replace(/"draftId":"[0-9a-f]+"/, '"draftId":"000000000000"')).subarray(0, 120);
    fs.appendFileSync(journal, torn);
    const after = await run(['submit', '--as', 'Zhang Wei', '--platform', 'x', '--text', 'after the kills', '--data-dir', dir]);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toMatch(/^[0-9a-f]{12} pending\n$/);
    expect(after.stderr).toContain(`cut off an incomplete last record of ${torn.length} bytes`);
    if (staleFrom !== null) expect(after.stderr).toContain(`warning: Took over ${lockFile}, left by process ${staleFrom} (countersign import`);
    expect(fs.existsSync(lockFile)).toBe(false);
    // …and every id printed over all the rounds is there.
    const final = (await storedIds(dir)).ids;
    expect([...printed, after.stdout.split(' ')[0]!].filter((id) => !final.has(id))).toEqual([]);
  }, 120_000);

  it('a second writer exits 3 naming the importing process while the import holds the lock, and succeeds after', async () => {
    const dir = await seeded();
    const lines = importLines(600, 'busy');
    const cut = lines.indexOf('\n', lines.length / 2) + 1;
    const importer = start(['import', '--as', 'Zhang Wei', '-', '--data-dir', dir]);
    const imported = finished(importer);
    let firstIds!: () => void;
    const idsArrived = new Promise<void>((resolve) => (firstIds = resolve));
    const ids: string[] = [];
    onLines(importer, (line) => {
      ids.push(line.split(' ')[0]!);
      firstIds();
    });
    importer.stdin.write(lines.slice(0, cut));
    // Ids printed: the importer holds the lock and keeps it while its input stays open.
    await idsArrived;

    const submit = ['submit', '--as', 'Zhang Wei', '--platform', 'weibo', '--text', '排队中的稿件', '--data-dir', dir];
    const blocked = await run(submit);
    expect(blocked.code, blocked.stderr).toBe(3);
    expect(blocked.stdout).toBe('');
    expect(blocked.stderr).toContain(`countersign import, process ${importer.pid} on ${os.hostname()}`);
    expect(blocked.stderr).toMatch(/^countersign: Another Countersign process is writing to /m);
    // A reader is not blocked by the writer.
    const listed = await run(['list', '--format', 'json', '--data-dir', dir]);
    expect(listed.code, listed.stderr).toBe(0);

    importer.stdin.end(lines.slice(cut));
    const done = await imported;
    expect(done.code, done.stderr).toBe(0);
    expect(done.stderr).toContain('imported 600 drafts');
    expect(ids).toHaveLength(600);

    const allowed = await run(submit);
    expect(allowed.code, allowed.stderr).toBe(0);
    const id = allowed.stdout.split(' ')[0]!;
    expect(allowed.stdout).toBe(`${id} pending\n`);
    const stored = (await storedIds(dir)).ids;
    expect(stored.size).toBe(601);
    expect(stored.has(id)).toBe(true);
  }, 60_000);

  it('a lock left by a process that has ended is taken over by submit, with a warning', async () => {
    const dir = await seeded();
    const gone = spawn(process.execPath, ['-e', '']);
    const pid = gone.pid!;
    await new Promise((resolve) => gone.once('exit', resolve));
    const lockFile = path.join(dir, lockFileName);
    const since = '2025-01-01T00:00:00.000Z';
    fs.writeFileSync(lockFile, JSON.stringify({ pid, host: os.hostname(), command: 'countersign import', since }));

    const out = await run(['submit', '--as', 'Zhang Wei', '--platform', 'x', '--text', 'after a crash', '--data-dir', dir]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^[0-9a-f]{12} pending\n$/);
    expect(out.stderr).toContain(`warning: Took over ${lockFile}, left by process ${pid} (countersign import, since ${since}), which has ended.`);
    expect(fs.existsSync(lockFile)).toBe(false);
    expect((await storedIds(dir)).ids.has(out.stdout.split(' ')[0]!)).toBe(true);
  }, 30_000);
});
