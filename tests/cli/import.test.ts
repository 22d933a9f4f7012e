import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importBatchSize } from '../../electron/cli/import-command';
import { journalFileName } from '../../electron/core/store/journal-file';
import { DraftsDomain } from '../../electron/core/domains/drafts';
import { CountersignError } from '../../shared/errors';
import type { Draft, DraftSummary } from '../../shared/model';
import { tempDir } from '../temp-dir';
import { cli } from './run-cli';

afterEach(() => {
  vi.restoreAllMocks();
});


async function seeded() {
  const dir = tempDir();
  expect((await cli(['profiles', 'add', '--name', '张伟', '--role', 'executive', '--data-dir', dir])).code).toBe(0);
  expect((await cli(['profiles', 'add', '--name', 'Li Na', '--role', 'reviewer', '--data-dir', dir])).code).toBe(0);
  return dir;
}

const line = (value: unknown) => JSON.stringify(value);

function writeLines(dir: string, lines: string[], name = 'drafts.jsonl'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
  return file;
}

/** `<id> <status> line <n>` lines of an import's output. */
function printed(stdout: string): { id: string; status: string; line: number }[] {
  return stdout
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const match = /^([0-9a-f]{12}) ([a-z_]+) line (\d+)$/.exec(l);
      if (!match) throw new Error(`unexpected output line: ${l}`);
      return { id: match[1]!, status: match[2]!, line: Number(match[3]) };
    });
}

async function listed(dir: string): Promise<DraftSummary[]> {
  return JSON.parse((await cli(['list', '--format', 'json', '--data-dir', dir])).stdout) as DraftSummary[];
}

describe('countersign import', () => {
  it('imports a good file: one id per draft, in order, with line numbers, all listed', async () => {
    const dir = await seeded();
    const file = writeLines(dir, [
      `\uFEFF${line({ platform: 'weibo', text: '新品上线，感谢团队！' })}`,
      line({ platform: 'x', text: 'Launching today.', purpose: 'product' }),
      '',
      '   ',
      `${line({ platform: 'linkedin', text: 'Thank you, customers.', purpose: 'customer-service', crisis: true })}\r`,
      line({ platform: 'weibo', text: '第二条\n两行' }),
    ]);
    const out = await cli(['import', '--as', '张伟', file, '--data-dir', dir]);
    expect(out.code, out.stderr).toBe(0);
    const ids = printed(out.stdout);
    expect(ids.map((p) => [p.status, p.line])).toEqual([
      ['pending', 1],
      ['pending', 2],
      ['pending', 5],
      ['pending', 6],
    ]);
    expect(new Set(ids.map((p) => p.id)).size).toBe(4);
    expect(out.stderr).toBe('imported 4 drafts\n');

    const list = await listed(dir);
    expect(list.map((d) => d.id).sort()).toEqual(ids.map((p) => p.id).sort());
    const byId = new Map(list.map((d) => [d.id, d]));
    expect(ids.map((p) => byId.get(p.id)).map((d) => [d?.platform, d?.text, d?.purpose, d?.crisis, d?.author, d?.status])).toEqual([
      ['weibo', '新品上线，感谢团队！', undefined, false, '张伟', 'pending'],
      ['x', 'Launching today.', 'product', false, '张伟', 'pending'],
      ['linkedin', 'Thank you, customers.', 'customer-service', true, '张伟', 'pending'],
      ['weibo', '第二条\n两行', undefined, false, '张伟', 'pending'],
    ]);
    const draft = JSON.parse((await cli(['show', ids[0]!.id, '--format', 'json', '--data-dir', dir])).stdout) as Draft;
    expect(draft.events.map((e) => [e.type, e.actor, e.role])).toEqual([['submitted', '张伟', 'executive']]);
  });

  const badLines: Array<[string, string, RegExp]> = [
    ['invalid JSON', '{"platform": "weibo", "text": "oops"', /line 4: not valid JSON/],
    ['an unknown field', line({ platform: 'weibo', text: 'hi', author: 'Li Na' }), /line 4: Unrecognized key: "author"/],
    ['a control character in the text', line({ platform: 'weibo', text: 'bell\u0007' }), /line 4: text: The text contains a control character \(U\+0007\) at position 4/],
    ['an unknown platform', line({ platform: 'myspace', text: 'hi' }), /line 4: platform: /],
    ['an unknown purpose', line({ platform: 'x', text: 'hi', purpose: 'fun' }), /line 4: purpose: /],
    ['empty text', line({ platform: 'x', text: '  ' }), /line 4: text: The draft is empty\./],
    ['a missing text', line({ platform: 'x' }), /line 4: text: /],
    ['a non-boolean crisis', line({ platform: 'x', text: 'hi', crisis: 'yes' }), /line 4: crisis: /],
    ['an array', '[1, 2]', /line 4: .*expected object/],
    ['too long a text', line({ platform: 'x', text: 'a'.repeat(20_001) }), /line 4: text: The draft has 20,001 characters/],
  ];
  for (const [what, bad, message] of badLines) {
    it(`stops at a bad line (${what}): exit 2 naming the line; lines 1–3 committed and listed, nothing after`, async () => {
      const dir = await seeded();
      const good = (n: number) => line({ platform: 'weibo', text: `第${n}条` });
      const file = writeLines(dir, [good(1), good(2), good(3), bad, good(5), good(6)]);
      const out = await cli(['import', '--as', '张伟', file, '--data-dir', dir]);
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(new RegExp(`^countersign: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ${message.source}`, 'm'));
      expect(out.stderr).toContain('imported 3 drafts');
      const ids = printed(out.stdout);
      expect(ids.map((p) => p.line)).toEqual([1, 2, 3]);
      const list = await listed(dir);
      expect(list.map((d) => d.text).sort()).toEqual(['第1条', '第2条', '第3条']);
      expect(list.map((d) => d.id).sort()).toEqual(ids.map((p) => p.id).sort());
    });
  }

  it('a bad first line commits nothing', async () => {
    const dir = await seeded();
    const file = writeLines(dir, ['not json', line({ platform: 'x', text: 'fine' })]);
    const out = await cli(['import', '--as', '张伟', file, '--data-dir', dir]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`${file} line 1: not valid JSON`);
    expect(out.stdout).toBe('');
    expect(await listed(dir)).toEqual([]);
  });

  it('refuses an actor who is not an executive (exit 1) before reading; a missing file or profile is exit 2', async () => {
    const dir = await seeded();
    const file = writeLines(dir, [line({ platform: 'x', text: 'hi' })]);
    const reviewer = await cli(['import', '--as', 'Li Na', file, '--data-dir', dir]);
    expect(reviewer.code).toBe(1);
    expect(reviewer.stderr).toMatch(/^countersign: Li Na works as Reviewer and may not submit drafts/m);
    expect(reviewer.stdout).toBe('');
    const missing = await cli(['import', '--as', '张伟', path.join(dir, 'missing.jsonl'), '--data-dir', dir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`Cannot read ${path.join(dir, 'missing.jsonl')}`);
    const nobody = await cli(['import', '--as', 'Nobody', file, '--data-dir', dir]);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain('no profile named “Nobody”');
    const noAs = await cli(['import', file, '--data-dir', dir]);
    expect(noAs.code).toBe(2);
    expect(await listed(dir)).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'countersign.lock'))).toBe(false);
  });

  it('commits in batches of at most 500, printing each id only once its batch is in the journal', async () => {
    const dir = await seeded();
    const count = 2 * importBatchSize + 137;
    const file = writeLines(
      dir,
      Array.from({ length: count }, (_, i) => line({ platform: 'x', text: `post ${i + 1}` })),
    );
    const batches: number[] = [];
    const importDrafts = DraftsDomain.prototype.importDrafts;
    vi.spyOn(DraftsDomain.prototype, 'importDrafts').mockImplementation(function (this: DraftsDomain, actor, inputs) {
      batches.push(inputs.length);
      return importDrafts.call(this, actor, inputs);
    });
    const journal = path.join(dir, journalFileName);
    let checkedIds = 0;
    const out = await cli(['import', '--as', '张伟', file, '--data-dir', dir], {
      onOut: (chunk) => {
        // Every id printed is already on disk when it is printed.
        const onDisk = fs.readFileSync(journal, 'utf8');
        for (const p of printed(chunk)) {
          expect(onDisk).toContain(`"draftId":"${p.id}"`);
          checkedIds += 1;
        }
      },
    });
    expect(out.code, out.stderr).toBe(0);
    expect(checkedIds).toBe(count);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(count);
    expect(Math.max(...batches)).toBeLessThanOrEqual(importBatchSize);
    expect(printed(out.stdout).map((p) => p.line)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect(out.stderr).toBe(`imported ${count} drafts\n`);
    expect((await listed(dir)).length).toBe(count);
  });

  it('reads standard input (-) and commits what arrived within about 20 ms, before the input ends', async () => {
    const dir = await seeded();
    const input = new PassThrough();
    let stdout = '';
    const running = cli(['import', '--as', '张伟', '-', '--data-dir', dir], { stdinStream: () => input, onOut: (t) => (stdout += `${t}\n`) });
    input.write(`${line({ platform: 'weibo', text: '第一条' })}\n`);
    await vi.waitFor(() => expect(printed(stdout)).toHaveLength(1), { timeout: 2_000, interval: 10 });
    // Printed while the import is still running (and holding the lock): the batch timer committed it.
    const [first] = printed(stdout);
    expect(first).toMatchObject({ status: 'pending', line: 1 });
    expect(fs.existsSync(path.join(dir, 'countersign.lock'))).toBe(true);
    input.write(`${line({ platform: 'x', text: 'second' })}\n{"platform": "x", "text": 3}\n`);
    input.end();
    const out = await running;
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('countersign: standard input line 3: text: ');
    expect(printed(out.stdout).map((p) => p.line)).toEqual([1, 2]);
    expect((await listed(dir)).map((d) => d.text).sort()).toEqual(['second', '第一条']);
    expect(fs.existsSync(path.join(dir, 'countersign.lock'))).toBe(false);
  });
});

describe('countersign import when things fail midway', () => {
  it('a failed group commit from the batch timer stops the import, even with the input still open', async () => {
    const dir = await seeded();
    vi.spyOn(DraftsDomain.prototype, 'importDrafts').mockImplementation(() =>
      Promise.reject(new CountersignError('corrupt', 'error.internal', { details: 'no space left on device' })),
    );
    const input = new PassThrough();
    const running = cli(['import', '--as', '张伟', '-', '--data-dir', dir], { stdinStream: () => input });
    input.write(`${line({ platform: 'weibo', text: '第一条' })}\n`);
    const out = await running;
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('no space left on device');
    expect(out.stderr).toContain('imported 0 drafts');
    expect(out.stdout).toBe('');
    expect(input.destroyed).toBe(true);
    expect(fs.existsSync(path.join(dir, 'countersign.lock'))).toBe(false);
  });

  it('a read error commits what came before it and names the input', async () => {
    const dir = await seeded();
    const input = new PassThrough();
    let stdout = '';
    const running = cli(['import', '--as', '张伟', '-', '--data-dir', dir], { stdinStream: () => input, onOut: (t) => (stdout += `${t}\n`) });
    input.write(`${line({ platform: 'weibo', text: '第一条' })}\n${line({ platform: 'x', text: 'second' })}\n`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    input.destroy(new Error('EIO: i/o error, read'));
    const out = await running;
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^countersign: Cannot read standard input after line 2: EIO: i\/o error, read$/m);
    expect(printed(out.stdout).map((p) => p.line)).toEqual([1, 2]);
    expect(stdout).toBe(out.stdout);
    expect((await listed(dir)).map((d) => d.text).sort()).toEqual(['second', '第一条']);
  });
});
