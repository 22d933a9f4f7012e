import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locales } from '../../shared/i18n/translate';
import { platforms } from '../../shared/model';
import { ruleCategories } from '../../shared/rules/types';

const corpusFile = path.resolve(__dirname, 'corpus/posts.jsonl');
const policyFile = path.resolve(__dirname, 'corpus/policy.json');

interface RawPost {
  id: unknown;
  lang: unknown;
  platform: unknown;
  text: unknown;
  expect: unknown;
  note: unknown;
}

// Parsed here rather than through scripts/rule-eval, which imports the engine:
// the shape checks must hold whether or not the engine builds.
const lines = fs
  .readFileSync(corpusFile, 'utf8')
  .split(/\r?\n/)
  .map((text, i) => ({ text, line: i + 1 }))
  .filter((l) => l.text.trim() !== '');

function parse(text: string): RawPost | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as RawPost) : undefined;
  } catch {
    return undefined;
  }
}

const posts = lines.map((l) => ({ line: l.line, post: parse(l.text) }));
const valid = posts.flatMap((p) => (p.post ? [p.post] : []));
const categoriesOf = (p: RawPost): string[] => (Array.isArray(p.expect) ? (p.expect as unknown[]).filter((c): c is string => typeof c === 'string') : []);

describe('rule corpus: shape', () => {
  it('every line is a JSON object with the expected fields', () => {
    const problems: string[] = [];
    for (const { line, post } of posts) {
      if (!post) {
        problems.push(`line ${line}: not a JSON object`);
        continue;
      }
      const at = `line ${line} (${String(post.id)})`;
      if (typeof post.id !== 'string' || !/^(zh-hans|zh-hant|en)-\d{3}$/.test(post.id)) problems.push(`${at}: bad id`);
      if (!(locales as readonly unknown[]).includes(post.lang)) problems.push(`${at}: bad lang ${String(post.lang)}`);
      if (!(platforms as readonly unknown[]).includes(post.platform)) problems.push(`${at}: bad platform ${String(post.platform)}`);
      if (typeof post.text !== 'string' || post.text.trim() === '') problems.push(`${at}: empty text`);
      if (typeof post.note !== 'string' || post.note.trim() === '') problems.push(`${at}: missing note`);
      if (!Array.isArray(post.expect)) {
        problems.push(`${at}: expect is not an array`);
        continue;
      }
      const cats = post.expect as unknown[];
      for (const c of cats) if (!(ruleCategories as readonly unknown[]).includes(c)) problems.push(`${at}: unknown category ${String(c)}`);
      if (new Set(cats).size !== cats.length) problems.push(`${at}: a category is listed twice`);
      // The id prefix names the language, so a mislabelled line shows up here.
      if (typeof post.id === 'string' && typeof post.lang === 'string' && !post.id.startsWith(`${post.lang.toLowerCase()}-`)) {
        problems.push(`${at}: id prefix does not match lang ${post.lang}`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('ids are unique', () => {
    const seen = new Map<unknown, number>();
    for (const p of valid) seen.set(p.id, (seen.get(p.id) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([id]) => id)).toEqual([]);
  });

  it('is big enough: >= 180 posts, >= 60 clean, >= 50 per language, every platform in every language', () => {
    expect(valid.length).toBeGreaterThanOrEqual(180);
    expect(valid.filter((p) => categoriesOf(p).length === 0).length).toBeGreaterThanOrEqual(60);
    for (const lang of locales) {
      const inLang = valid.filter((p) => p.lang === lang);
      expect(inLang.length, lang).toBeGreaterThanOrEqual(50);
      for (const platform of platforms) expect(inLang.some((p) => p.platform === platform), `${lang} on ${platform}`).toBe(true);
    }
  });

  it('has >= 10 positives per category (>= 4 for length)', () => {
    const short = ruleCategories
      .map((category) => ({ category, n: valid.filter((p) => categoriesOf(p).includes(category)).length }))
      .filter(({ category, n }) => n < (category === 'length' ? 4 : 10));
    expect(short).toEqual([]);
  });

  it('the policy file names competitors and confidential projects', () => {
    const policy = JSON.parse(fs.readFileSync(policyFile, 'utf8')) as { extends?: unknown; lists?: Record<string, unknown> };
    expect(policy.extends).toBe('default');
    for (const list of ['competitors', 'confidential']) {
      const words = policy.lists?.[list];
      const term = (w: unknown) => (typeof w === 'object' && w !== null ? (w as { term?: unknown }).term : w);
      expect(Array.isArray(words) && words.length > 0 && words.map(term).every((w) => typeof w === 'string' && w.trim() !== ''), list).toBe(true);
    }
  });
});

describe('rule corpus: engine quality', () => {
  // Each set under its own policy (scripts/rule-eval.ts corpusSets): the first
  // three with the corpus policy's lists, the later ones with the built-in
  // policy plus each post's own lists, as the hidden set is scored.
  const sets = ['posts.jsonl', 'posts-b.jsonl', 'posts-c.jsonl', 'real-posts.jsonl', 'synthetic-hard.jsonl', 'synthetic-broad.jsonl'];
  /**
   * Categories a set is known to fall short in, with the figure the rules
   * reach (never lower) and why; see BENCHMARKS.md. Everything else must meet
   * the target.
   */
  const shortfalls: Record<string, Partial<Record<string, { caught: number; why: string }>>> = {
    'real-posts.jsonl': {
      privacy: { caught: 3, why: 'r-120 and r-121: the personal detail is who the person is and where a child was, known from context, not written in the text' },
    },
  };

  it('every corpus file in tests/rules/corpus/ is scored here', () => {
    const files = fs.readdirSync(path.resolve(__dirname, 'corpus')).filter((f) => f.endsWith('.jsonl'));
    expect(files.sort()).toEqual([...sets].sort());
  });

  // Loaded lazily so that a missing or broken engine fails only this test.
  it.each(sets)('%s: recall at least 90 percent per category, at most 10 percent of clean posts flagged', async (name) => {
    const { corpusSets, evaluateCorpus, recallTarget, falseAlarmTarget } = await import('../../scripts/rule-eval');
    const set = corpusSets.find((s) => s.name === name);
    expect(set, name).toBeDefined();
    const result = evaluateCorpus(set?.policy, set?.file);
    const report = [
      ...result.categories.map((s) => `${s.category}: ${s.caught}/${s.expected}`),
      `clean flagged: ${result.clean.flagged}/${result.clean.posts}`,
      'missed:',
      ...result.misses.map((m) => `  ${m.id} ${m.category} (fired: ${m.fired.join(', ') || 'nothing'}): ${m.text.slice(0, 120)}`),
      'false alarms:',
      ...result.falseAlarms.map((a) => `  ${a.id}: ${a.findings.map((f) => `${f.ruleId}/${f.category} "${f.match}"`).join('; ')}`),
    ].join('\n');

    const known = shortfalls[name] ?? {};
    const lowRecall = result.categories
      .filter((s) => s.recall !== null && s.recall < recallTarget && !(known[s.category] && s.caught >= (known[s.category]?.caught ?? Infinity)))
      .map((s) => s.category);
    expect(lowRecall, report).toEqual([]);
    expect(result.clean.share ?? 0, report).toBeLessThanOrEqual(falseAlarmTarget);
  });
});
