import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dir';
import { cli } from './run-cli';


async function seeded() {
  const dir = tempDir();
  expect((await cli(['profiles', 'add', '--name', '张伟', '--role', 'executive', '--data-dir', dir])).code).toBe(0);
  expect((await cli(['profiles', 'add', '--name', 'Li Na', '--role', 'reviewer', '--data-dir', dir])).code).toBe(0);
  return dir;
}

describe('countersign CLI', () => {
  it('submit prints the new id as the first token; list --format json shows it; approve approves it', async () => {
    const dir = await seeded();
    const submitted = await cli(['submit', '--as', '张伟', '--platform', 'weibo', '--text', '新品上线，感谢团队！', '--data-dir', dir]);
    expect(submitted.code).toBe(0);
    const id = submitted.stdout.split(/\s/)[0] ?? '';
    expect(id).toMatch(/^[0-9a-f]{12}$/);

    const listed = JSON.parse((await cli(['list', '--format', 'json', '--data-dir', dir])).stdout);
    expect(listed).toEqual([
      expect.objectContaining({ id, status: 'pending', platform: 'weibo', author: '张伟', text: '新品上线，感谢团队！', updatedAt: expect.any(String) }),
    ]);

    expect((await cli(['approve', id, '--as', 'Li Na', '--data-dir', dir])).stdout).toBe(`${id} approved\n`);
    expect(JSON.parse((await cli(['list', '--status', 'approved', '--format', 'json', '--data-dir', dir])).stdout)).toHaveLength(1);
    expect(JSON.parse((await cli(['list', '--status', 'pending', '--format', 'json', '--data-dir', dir])).stdout)).toEqual([]);
    const text = (await cli(['list', '--data-dir', dir])).stdout;
    expect(text.split('\t').slice(0, 4)).toEqual([id, 'approved', 'weibo', '张伟']);
  });

  it('reads the text from a file or standard input marker, dropping a BOM', async () => {
    const dir = await seeded();
    const file = path.join(dir, 'post.txt');
    fs.writeFileSync(file, '\uFEFF第一行\n第二行');
    const out = await cli(['submit', '--as', '张伟', '--platform', 'x', '--text-file', file, '--data-dir', dir]);
    expect(out.code).toBe(0);
    const [draft] = JSON.parse((await cli(['list', '--format', 'json', '--data-dir', dir])).stdout);
    expect(draft.text).toBe('第一行\n第二行');
  });

  it('exit 1 when the workflow refuses, with the reason', async () => {
    const dir = await seeded();
    const id = (await cli(['submit', '--as', '张伟', '--platform', 'x', '--text', 'hi', '--data-dir', dir])).stdout.split(' ')[0] ?? '';
    const own = await cli(['approve', id, '--as', '张伟', '--data-dir', dir]);
    expect(own.code).toBe(1);
    expect(own.stderr).toContain('may not approve drafts');
    const byReviewer = await cli(['submit', '--as', 'Li Na', '--platform', 'x', '--text', 'hi', '--data-dir', dir]);
    expect(byReviewer.code).toBe(1);
    await cli(['approve', id, '--as', 'Li Na', '--data-dir', dir]);
    const twice = await cli(['approve', id, '--as', 'Li Na', '--data-dir', dir]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('You cannot approve a draft that is “Approved”');
  });

  it('exit 2 for bad usage and bad input, saying what is wrong', async () => {
    const dir = await seeded();
    const cases: Array<[string[], string]> = [
      [['submit', '--as', '张伟', '--platform', 'myspace', '--text', 'x', '--data-dir', dir], "argument 'myspace' is invalid"],
      [['submit', '--as', '张伟', '--platform', 'x', '--data-dir', dir], 'exactly one of --text TEXT or --text-file FILE'],
      [['submit', '--as', '张伟', '--platform', 'x', '--text', 'a', '--text-file', 'b', '--data-dir', dir], 'exactly one of'],
      [['submit', '--as', '张伟', '--platform', 'x', '--text-file', path.join(dir, 'missing.txt'), '--data-dir', dir], 'Cannot read the text file'],
      [['submit', '--as', 'Nobody', '--platform', 'x', '--text', 'x', '--data-dir', dir], 'no profile named “Nobody”'],
      [['submit', '--as', '张伟', '--platform', 'x', '--text', 'bell\u0007', '--data-dir', dir], 'control character (U+0007)'],
      [['submit', '--as', '张伟', '--platform', 'x', '--text', '   ', '--data-dir', dir], 'The draft is empty'],
      [['approve', 'nope', '--as', 'Li Na', '--data-dir', dir], 'no draft with id “nope”'],
      [['list', '--format', 'xml', '--data-dir', dir], "argument 'xml' is invalid"],
      [['profiles', 'add', '--name', 'X', '--role', 'king', '--data-dir', dir], "argument 'king' is invalid"],
      [['profiles', 'add', '--name', 'li na', '--role', 'admin', '--data-dir', dir], 'already exists'],
      [['frobnicate'], "unknown command 'frobnicate'"],
      [['serve', '--port', '99999', '--data-dir', dir], '--port must be 0 to 65535'],
    ];
    for (const [args, message] of cases) {
      const out = await cli(args);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stderr, args.join(' ')).toContain(message);
    }
  });

  it('refuses a 1 MB draft file with the length and the limit', async () => {
    const dir = await seeded();
    const file = path.join(dir, 'big.txt');
    fs.writeFileSync(file, 'a'.repeat(1024 * 1024));
    const out = await cli(['submit', '--as', '张伟', '--platform', 'x', '--text-file', file, '--data-dir', dir]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('text: at most 20000 characters');
  });

  it('exit 2 and the file named when the data is damaged', async () => {
    const dir = await seeded();
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"profiles": [');
    const out = await cli(['list', '--data-dir', dir]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(path.join(dir, 'settings.json'));
  });

  it('has --help on every command', async () => {
    for (const args of [[], ['profiles'], ['profiles', 'add'], ['profiles', 'list'], ['submit'], ['list'], ['approve'], ['serve']]) {
      const out = await cli([...args, '--help']);
      expect(out.code, args.join(' ')).toBe(0);
      expect(out.stdout, args.join(' ')).toMatch(/^Usage: countersign/);
      if (args.length > 0 && args[0] !== 'profiles') expect(out.stdout).toContain('--data-dir');
    }
  });

  it('profiles list in JSON', async () => {
    const dir = await seeded();
    const out = await cli(['profiles', 'list', '--format', 'json', '--data-dir', dir]);
    expect(JSON.parse(out.stdout).map((p: { name: string; role: string }) => [p.name, p.role])).toEqual([
      ['张伟', 'executive'],
      ['Li Na', 'reviewer'],
    ]);
  });

  it('recover: a damaged journal stops every command until recover keeps the records before the damage', async () => {
    const dir = await seeded();
    const ids: string[] = [];
    for (const text of ['one', 'two', 'three']) {
      ids.push((await cli(['submit', '--as', '张伟', '--platform', 'x', '--text', text, '--data-dir', dir])).stdout.split(' ')[0]!);
    }
    const file = path.join(dir, 'drafts.journal.jsonl');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"text":"two"', '"text":"TWO"'));
    const broken = await cli(['list', '--data-dir', dir]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`countersign recover --data-dir ${dir}`);

    const recovered = await cli(['recover', '--data-dir', dir]);
    expect(recovered.code).toBe(0);
    expect(recovered.stdout).toMatch(/^Kept 1 records before the damage at byte \d+ \(line 3: the checksum does not match/);
    expect(recovered.stdout).toContain('kept, unchanged, as ');
    expect((await cli(['list', '--data-dir', dir])).stdout.split(/\s/)[0]).toBe(ids[0]);
    expect((await cli(['recover', '--data-dir', dir])).stdout).toBe('The journal is intact (1 records); nothing was changed.\n');
  });
});
