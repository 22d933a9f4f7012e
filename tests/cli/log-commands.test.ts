import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { journalFileName } from '../../electron/core/store/journal-file';
import { awkward, logFixture, logOrder } from '../core/log-fixture';
import { tempDir } from '../temp-dir';
import { cli } from './run-cli';

/** The fixture's data directory (closed, as another process would find it) and a JSONL export of it. */
async function exportedLog() {
  const f = await logFixture();
  await f.ws.close();
  const out = path.join(tempDir(), 'log.jsonl');
  const result = await cli(['export', '--format', 'jsonl', '--out', out, '--data-dir', f.dir]);
  expect(result.code, result.stderr).toBe(0);
  const [, records, head] = /^(\d+) records, chain head ([0-9a-f]{64})\n$/.exec(result.stdout)!;
  expect(Number(records)).toBe(logOrder.length);
  const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
  /** Writes `lines` (changed) to a new file and verifies it. */
  const verifyLines = async (changed: string[], ...more: string[]) => {
    const file = path.join(tempDir(), 'tampered.jsonl');
    fs.writeFileSync(file, `${changed.join('\n')}\n`);
    return cli(['verify', file, ...more]);
  };
  const idAt = (i: number) => (JSON.parse(lines[i]!) as { id: string }).id;
  return { f, out, head: head!, lines, verifyLines, idAt };
}

describe('countersign export', () => {
  it('writes each format and prints "<N> records, chain head <hash>"; the three agree', async () => {
    const f = await logFixture();
    await f.ws.close();
    const dir = tempDir();
    const heads = new Set<string>();
    for (const format of ['csv', 'jsonl', 'html']) {
      const out = path.join(dir, `log.${format}`);
      const result = await cli(['export', '--format', format, '--out', out, '--data-dir', f.dir]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^9 records, chain head [0-9a-f]{64}\n$/);
      heads.add(result.stdout);
      expect(fs.existsSync(out)).toBe(true);
    }
    expect(heads.size).toBe(1);
    expect(fs.readdirSync(dir).sort()).toEqual(['log.csv', 'log.html', 'log.jsonl']);
    const rows = parse(fs.readFileSync(path.join(dir, 'log.csv')), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.text)).toContain(awkward.chinese);
    expect(rows.map((r) => r.text)).toContain(`'${awkward.hyperlink}`);
  });

  it('applies the filters; an unknown author gives 0 records; bad values exit 2', async () => {
    const f = await logFixture();
    await f.ws.close();
    const out = path.join(tempDir(), 'log.csv');
    const run = (...args: string[]) => cli(['export', '--format', 'csv', '--out', out, ...args, '--data-dir', f.dir]);
    expect((await run('--from', '2026-11-01', '--to', '2026-11-30')).stdout).toMatch(/^6 records/);
    expect((await run('--platform', 'linkedin', '--author', 'Wang Fang')).stdout).toMatch(/^1 records/);
    expect((await run('--status', 'published')).stdout).toMatch(/^1 records/);
    const none = await run('--author', 'nobody');
    expect(none.code).toBe(0);
    expect(none.stdout).toBe(`0 records, chain head ${'0'.repeat(64)}\n`);
    expect(parse(fs.readFileSync(out), { bom: true })).toHaveLength(1);
    for (const bad of [['--from', '2026-11-31'], ['--to', 'yesterday'], ['--from', '2026-12-01', '--to', '2026-11-01'], ['--platform', 'tiktok'], ['--status', 'pending']]) {
      const result = await run(...bad);
      expect(result.code, bad.join(' ')).toBe(2);
    }
    const noFormat = await cli(['export', '--out', out, '--data-dir', f.dir]);
    expect(noFormat.code).toBe(2);
    expect((await cli(['export', '--format', 'xlsx', '--out', out, '--data-dir', f.dir])).code).toBe(2);
  });
});

describe('countersign verify FILE.jsonl', () => {
  it('exits 0 for an intact log, and checks --head', async () => {
    const { out, head } = await exportedLog();
    const ok = await cli(['verify', out]);
    expect(ok).toMatchObject({ code: 0, stdout: `intact: 9 records, chain head ${head}\n` });
    expect((await cli(['verify', out, '--head', head])).code).toBe(0);
    const wrong = await cli(['verify', out, '--head', 'a'.repeat(64)]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/head mismatch/);
    expect((await cli(['verify', out, '--head', 'not-a-hash'])).code).toBe(2);
  });

  it('exits 1 for an edited field, naming the record', async () => {
    const { lines, verifyLines, idAt } = await exportedLog();
    const edited = [...lines];
    edited[3] = edited[3]!.replace('"secondsInQueue":', '"secondsInQueue":1');
    const result = await verifyLines(edited);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(`altered: line 4, record ${idAt(3)}: hash mismatch (the record was edited); the 3 records before it are intact\n`);
    // Re-hashing the edited record is caught by the next one.
    const text = [...lines];
    const changed = JSON.parse(text[2]!) as Record<string, unknown>;
    changed.text = 'something else';
    text[2] = JSON.stringify(changed);
    expect((await verifyLines(text)).stdout).toMatch(/^altered: line 3, record \w+: hash mismatch/);
    // An extra field is an edit too.
    const extra = [...lines];
    extra[0] = extra[0]!.replace('{', '{"note":"x",');
    expect((await verifyLines(extra)).code).toBe(1);
  });

  it('exits 1 for a deleted, inserted or reordered record', async () => {
    const { lines, verifyLines, idAt } = await exportedLog();
    const deleted = lines.filter((_, i) => i !== 4);
    const d = await verifyLines(deleted);
    expect(d.code).toBe(1);
    expect(d.stdout).toMatch(new RegExp(`^altered: line 5, record ${idAt(5)}: previous-hash mismatch`));

    const inserted = [...lines.slice(0, 3), lines[2]!, ...lines.slice(3)];
    const i = await verifyLines(inserted);
    expect(i.code).toBe(1);
    expect(i.stdout).toMatch(new RegExp(`^altered: line 4, record ${idAt(2)}: previous-hash mismatch`));

    const swapped = [...lines];
    [swapped[5], swapped[6]] = [swapped[6]!, swapped[5]!];
    const s = await verifyLines(swapped);
    expect(s.code).toBe(1);
    expect(s.stdout).toMatch(new RegExp(`^altered: line 6, record ${idAt(6)}: previous-hash mismatch`));

    const deletedFirst = await verifyLines(lines.slice(1));
    expect(deletedFirst.code).toBe(1);
    expect(deletedFirst.stdout).toMatch(/^altered: line 1, /);
  });

  it('exits 1 when the last record or the trailer is gone or wrong', async () => {
    const { lines, verifyLines } = await exportedLog();
    const lastDeleted = await verifyLines([...lines.slice(0, -2), lines.at(-1)!]);
    expect(lastDeleted.code).toBe(1);
    expect(lastDeleted.stdout).toMatch(/^altered: line 9: trailer wrong count \(it says 9 records, the file has 8/);

    const noTrailer = await verifyLines(lines.slice(0, -1));
    expect(noTrailer.code).toBe(1);
    expect(noTrailer.stdout).toMatch(/trailer missing/);

    const truncated = await verifyLines([...lines.slice(0, -1), lines.at(-1)!.slice(0, 30)]);
    expect(truncated.code).toBe(1);

    // Dropping the last record and rewriting the trailer to match: only the head written down elsewhere catches it.
    const trailer = JSON.parse(lines.at(-1)!) as { chainHead: string };
    const forged = [...lines.slice(0, -2), JSON.stringify({ chainHead: (JSON.parse(lines.at(-3)!) as { hash: string }).hash, records: 8 })];
    expect((await verifyLines(forged)).code).toBe(0);
    const caught = await verifyLines(forged, '--head', trailer.chainHead);
    expect(caught.code).toBe(1);
    expect(caught.stdout).toMatch(/head mismatch/);

    const after = await verifyLines([...lines, lines[0]!]);
    expect(after.code).toBe(1);
    expect(after.stdout).toMatch(/a line after the trailer/);
  });

  it('exits 2 for a file that is not a log or cannot be read', async () => {
    const dir = tempDir();
    const garbage = path.join(dir, 'garbage.jsonl');
    fs.writeFileSync(garbage, 'this is not json\n{}\n');
    const result = await cli(['verify', garbage]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot be verified/);
    fs.writeFileSync(garbage, '');
    expect((await cli(['verify', garbage])).code).toBe(2);
    fs.writeFileSync(garbage, Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    expect((await cli(['verify', garbage])).code).toBe(2);
    expect((await cli(['verify', path.join(dir, 'missing.jsonl')])).code).toBe(2);
  });

  it('an empty export (no posts) verifies', async () => {
    const f = await logFixture();
    await f.ws.close();
    const out = path.join(tempDir(), 'empty.jsonl');
    expect((await cli(['export', '--format', 'jsonl', '--out', out, '--author', 'nobody', '--data-dir', f.dir])).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toBe(`{"chainHead":"${'0'.repeat(64)}","records":0}\n`);
    expect(await cli(['verify', out])).toMatchObject({ code: 0, stdout: `intact: 0 records, chain head ${'0'.repeat(64)}\n` });
  });
});

describe('countersign verify --data-dir', () => {
  it('exits 0 for an intact journal with its record count and chain head, 1 naming the file, byte and line after tampering', async () => {
    const f = await logFixture();
    const head = await f.ws.log.chainHead();
    await f.ws.close();
    const ok = await cli(['verify', '--data-dir', f.dir]);
    expect(ok).toMatchObject({ code: 0, stdout: `intact: ${head.records} records, chain head ${head.hash}\n` });
    expect((await cli(['verify', '--data-dir', f.dir, '--head', head.hash])).code).toBe(0);
    expect((await cli(['verify', '--data-dir', f.dir, '--head', 'b'.repeat(64)])).code).toBe(1);

    const file = path.join(f.dir, journalFileName);
    const before = fs.readFileSync(file);
    const lines = before.toString('utf8').split('\n');
    // Line 5 of the file (the header is line 1): change a word of the record, keep its old hash.
    lines[4] = lines[4]!.replace('"Li Na"', '"Li Nb"');
    fs.writeFileSync(file, lines.join('\n'));
    const offset = Buffer.byteLength(lines.slice(0, 4).join('\n')) + 1;
    const damaged = await cli(['verify', '--data-dir', f.dir]);
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toContain(`damaged: ${file} at byte ${offset} (line 5): the checksum does not match`);
    expect(damaged.stdout).toContain('the 3 records before it are intact');
    // Verifying changes nothing.
    expect(fs.readFileSync(file).toString('utf8')).toBe(lines.join('\n'));

    const moved = before.toString('utf8').split('\n');
    [moved[2], moved[3]] = [moved[3]!, moved[2]!];
    fs.writeFileSync(file, moved.join('\n'));
    const reordered = await cli(['verify', '--data-dir', f.dir]);
    expect(reordered.code).toBe(1);
    expect(reordered.stdout).toMatch(/\(line 3\)/);
  });

  it('exits 2 when the directory holds no journal', async () => {
    const dir = tempDir();
    const result = await cli(['verify', '--data-dir', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no draft journal/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
