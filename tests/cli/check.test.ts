import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dir';
import { cli } from './run-cli';


function files(dir: string, contents: Record<string, string>): string[] {
  return Object.entries(contents).map(([name, text]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  });
}

describe('countersign check', () => {
  it('one input, --format json: platform, length and findings; exit 1 on an error finding', async () => {
    const dir = tempDir();
    const [file] = files(dir, { 'post.txt': '有事打我手机13812345678' });
    const out = await cli(['check', file as string, '--platform', 'x', '--format', 'json', '--data-dir', dir]);
    expect(out.code).toBe(1);
    const result = JSON.parse(out.stdout);
    expect(Object.keys(result).sort()).toEqual(['findings', 'length', 'platform']);
    expect(result.platform).toBe('x');
    expect(result.length).toEqual({ used: 23, limit: 280 });
    expect(result.findings[0]).toMatchObject({ ruleId: 'privacy.mobile-cn', category: 'privacy', severity: 'error', start: 6, end: 17, match: '13812345678' });
  });

  it('several files, --format jsonl: one object per line, in input order, each with its file; exit 0 without errors', async () => {
    const dir = tempDir();
    const inputs = files(dir, { 'b.txt': '感谢团队的付出', 'a.txt': '全网最低价', 'c.txt': 'Thank you all' });
    const out = await cli(['check', ...inputs, '--platform', 'weibo', '--format', 'jsonl', '--data-dir', dir]);
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual(inputs);
    expect(lines[1].findings.map((f: { category: string }) => f.category)).toEqual(['absolute']);
    expect(lines[0].findings).toEqual([]);
  });

  it('reads standard input with - and uses --policy lists', async () => {
    const dir = tempDir();
    const [policy] = files(dir, { 'policy.json': JSON.stringify({ extends: 'default', lists: { competitors: ['凡客'] } }) });
    const out = await cli(['check', '-', '--platform', 'weibo', '--policy', policy as string, '--format', 'json', '--data-dir', dir], { stdin: '凡客也在做' });
    expect(JSON.parse(out.stdout).findings[0]).toMatchObject({ category: 'competitor', match: '凡客' });
    expect(out.code).toBe(0);
  });

  it('text output names file, line and column; messages follow --locale', async () => {
    const dir = tempDir();
    const [file] = files(dir, { 'p.txt': '第一行\n全网最低价' });
    const out = await cli(['check', file as string, '--platform', 'weibo', '--locale', 'zh-Hans', '--data-dir', dir]);
    expect(out.stdout).toContain(`${file}:2:1: warning absolute absolute.zh-claim: 绝对化用语`);
  });

  it('exit 2 for a bad policy, naming the file and the path inside it', async () => {
    const dir = tempDir();
    const [bad, broken] = files(dir, {
      'bad.json': JSON.stringify({ rules: { 'tone.shouting': { severity: 'maybe' } } }),
      'broken.json': '{"lists": ',
    });
    const out = await cli(['check', '-', '--platform', 'x', '--policy', bad as string, '--data-dir', dir], { stdin: 'hi' });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`The policy ${bad} is not valid: rules["tone.shouting"].severity`);
    const out2 = await cli(['check', '-', '--platform', 'x', '--policy', broken as string, '--data-dir', dir], { stdin: 'hi' });
    expect(out2.code).toBe(2);
    expect(out2.stderr).toContain(`The policy ${broken} cannot be read as JSON`);
  });

  it('exit 2 for an unreadable file, an unknown platform or a 1 MB input', async () => {
    const dir = tempDir();
    const [big] = files(dir, { 'big.txt': 'a'.repeat(1024 * 1024) });
    expect((await cli(['check', path.join(dir, 'missing.txt'), '--platform', 'x', '--data-dir', dir])).code).toBe(2);
    expect((await cli(['check', '-', '--platform', 'myspace', '--data-dir', dir], { stdin: 'x' })).code).toBe(2);
    const huge = await cli(['check', big as string, '--platform', 'x', '--data-dir', dir]);
    expect(huge.code).toBe(2);
    expect(huge.stderr).toContain('has 1048576 characters');
  });
});
