// Scores the rule engine against the labelled corpus in tests/rules/corpus/.
// The logic lives here so that both the CLI (scripts/eval-rules.ts) and the
// Vitest suite (tests/rules/corpus.test.ts) use the same numbers.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { locales, type Locale } from '../shared/i18n/translate';
import { platforms, type Platform } from '../shared/model';
import { check, compilePolicy, type CompiledPolicy } from '../shared/rules/engine';
import { ruleCategories, type Finding, type RuleCategory, type Severity } from '../shared/rules/types';

const here = path.dirname(fileURLToPath(import.meta.url));

const corpusDir = path.resolve(here, '../tests/rules/corpus');
export const defaultCorpusFile = path.join(corpusDir, 'posts.jsonl');
export const defaultPolicyFile = path.join(corpusDir, 'policy.json');
/** In place of a policy file: the built-in policy alone (each post's own `lists` still added). */
export const builtinPolicy = 'default';

/**
 * Every labelled set and the policy it is scored under. The first three were
 * written with the corpus policy's lists in mind; the later ones carry their
 * lists per post and are scored, as the hidden set is, with the built-in
 * policy plus each post's own lists.
 */
export const corpusSets: readonly { name: string; file: string; policy: string }[] = [
  ...['posts.jsonl', 'posts-b.jsonl', 'posts-c.jsonl'].map((name) => ({ name, file: path.join(corpusDir, name), policy: defaultPolicyFile })),
  ...['real-posts.jsonl', 'synthetic-hard.jsonl', 'synthetic-broad.jsonl'].map((name) => ({ name, file: path.join(corpusDir, name), policy: builtinPolicy })),
];

/** The policy a corpus is scored under when none is given: its set's, else the corpus policy file. */
export function policyFor(corpusFile: string): string {
  const resolved = path.resolve(corpusFile);
  return corpusSets.find((s) => s.file === resolved)?.policy ?? defaultPolicyFile;
}

/** Minimum recall per category, and the largest share of clean posts allowed to draw a warning or error. */
export const recallTarget = 0.9;
export const falseAlarmTarget = 0.1;

/** Info findings are hints; only these count as "flagged" (and as "caught"). */
const blocking: readonly Severity[] = ['warning', 'error'];

export interface CorpusPost {
  id: string;
  lang: Locale;
  platform: Platform;
  text: string;
  expect: RuleCategory[];
  note: string;
  /** Where a real post was published or quoted. */
  source?: string;
  /** The post's own list entries (competitors, confidential…), added to the policy's for this post. */
  lists?: Record<string, string[]>;
}

export interface CategoryScore {
  category: RuleCategory;
  expected: number;
  caught: number;
  /** caught / expected; null when the corpus has no post expecting the category. */
  recall: number | null;
}

export interface Miss {
  id: string;
  category: RuleCategory;
  text: string;
  /** The categories that did fire (warning or error), to tell "missed" from "misfiled". */
  fired: RuleCategory[];
}

export interface FalseAlarm {
  id: string;
  text: string;
  findings: Pick<Finding, 'ruleId' | 'category' | 'severity' | 'match'>[];
}

export interface Target {
  name: string;
  actual: number;
  goal: string;
  met: boolean;
}

export interface CorpusEvaluation {
  posts: number;
  categories: CategoryScore[];
  overall: { expected: number; caught: number; recall: number | null };
  clean: { posts: number; flagged: number; share: number | null };
  misses: Miss[];
  falseAlarms: FalseAlarm[];
  targets: Target[];
  passed: boolean;
  /** Wall time spent in check() over the whole corpus. */
  checkMs: number;
}

const isString = (v: unknown): v is string => typeof v === 'string';

/** Parses one JSONL line; throws with the file and line number when it is not a valid post. */
export function parsePost(line: string, where: string): CorpusPost {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw new Error(`${where}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where}: expected a JSON object`);
  const o = value as Record<string, unknown>;
  const fail = (what: string): never => {
    throw new Error(`${where}: ${what}`);
  };
  if (!isString(o.id) || o.id === '') fail('"id" must be a non-empty string');
  if (!isString(o.lang) || !(locales as readonly string[]).includes(o.lang)) fail(`"lang" must be one of ${locales.join(', ')}`);
  if (!isString(o.platform) || !(platforms as readonly string[]).includes(o.platform)) fail(`"platform" must be one of ${platforms.join(', ')}`);
  if (!isString(o.text) || o.text.trim() === '') fail('"text" must be a non-empty string');
  if (!isString(o.note)) fail('"note" must be a string');
  if (!Array.isArray(o.expect)) fail('"expect" must be an array');
  const expect = o.expect as unknown[];
  for (const c of expect) {
    if (!isString(c) || !(ruleCategories as readonly string[]).includes(c)) fail(`unknown category ${JSON.stringify(c)} in "expect"`);
  }
  if (new Set(expect).size !== expect.length) fail('"expect" lists a category twice');
  if (o.source !== undefined && !isString(o.source)) fail('"source" must be a string');
  const lists = o.lists;
  if (lists !== undefined) {
    if (typeof lists !== 'object' || lists === null || Array.isArray(lists)) fail('"lists" must be an object of term arrays');
    for (const [name, terms] of Object.entries(lists as object)) {
      if (!Array.isArray(terms) || !terms.every(isString)) fail(`"lists.${name}" must be an array of strings`);
    }
  }
  return {
    id: o.id as string,
    lang: o.lang as Locale,
    platform: o.platform as Platform,
    text: o.text as string,
    expect: expect as RuleCategory[],
    note: o.note as string,
    ...(isString(o.source) ? { source: o.source } : {}),
    ...(lists !== undefined ? { lists: lists as Record<string, string[]> } : {}),
  };
}

/** Reads a JSONL corpus (blank lines ignored); throws on the first bad line or a repeated id. */
export function loadCorpus(file: string): CorpusPost[] {
  const posts: CorpusPost[] = [];
  const seen = new Set<string>();
  fs.readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const post = parsePost(line, `${file}:${i + 1}`);
      if (seen.has(post.id)) throw new Error(`${file}:${i + 1}: duplicate id "${post.id}"`);
      seen.add(post.id);
      posts.push(post);
    });
  return posts;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

type PolicySource = { lists?: Record<string, string[]> } & Record<string, unknown>;

/**
 * The policy for each post: the base policy with the post's own lists added,
 * compiled once per distinct set of lists.
 */
function policiesFor(policyFile: string): (post: CorpusPost) => CompiledPolicy {
  const file = policyFile === builtinPolicy ? 'the built-in policy' : policyFile;
  const base = (policyFile === builtinPolicy ? { extends: 'default' } : JSON.parse(fs.readFileSync(policyFile, 'utf8'))) as PolicySource;
  const cache = new Map<string, CompiledPolicy>();
  return (post) => {
    const own = Object.entries(post.lists ?? {}).filter(([, terms]) => terms.length > 0);
    const key = JSON.stringify(own.map(([name, terms]) => [name, [...terms].sort()]).sort());
    let policy = cache.get(key);
    if (!policy) {
      const lists = { ...base.lists };
      for (const [name, terms] of own) lists[name] = [...(lists[name] ?? []), ...terms];
      policy = compilePolicy(own.length > 0 ? { ...base, lists } : base, { file: own.length > 0 ? `${file} + lists of ${post.id}` : file });
      cache.set(key, policy);
    }
    return policy;
  };
}

/**
 * Runs the engine over every post and scores it against the labels. The
 * policy is a file or `builtinPolicy`; a post's own `lists` extend it for
 * that post.
 */
export function evaluateCorpus(policyFile: string = defaultPolicyFile, corpusFile: string = defaultCorpusFile): CorpusEvaluation {
  const policyOf = policiesFor(policyFile);
  const posts = loadCorpus(corpusFile);

  const expected = new Map<RuleCategory, number>(ruleCategories.map((c) => [c, 0]));
  const caught = new Map<RuleCategory, number>(ruleCategories.map((c) => [c, 0]));
  const misses: Miss[] = [];
  const falseAlarms: FalseAlarm[] = [];
  let cleanPosts = 0;
  let checkMs = 0;

  for (const post of posts) {
    const policy = policyOf(post);
    const started = performance.now();
    const result = check(policy, post.text, { platform: post.platform, locale: post.lang });
    checkMs += performance.now() - started;
    const serious = result.findings.filter((f) => blocking.includes(f.severity));
    const fired = [...new Set(serious.map((f) => f.category))];

    if (post.expect.length === 0) {
      cleanPosts++;
      if (serious.length > 0) {
        falseAlarms.push({
          id: post.id,
          text: post.text,
          findings: serious.map(({ ruleId, category, severity, match }) => ({ ruleId, category, severity, match })),
        });
      }
      continue;
    }
    for (const category of post.expect) {
      expected.set(category, (expected.get(category) ?? 0) + 1);
      if (fired.includes(category)) caught.set(category, (caught.get(category) ?? 0) + 1);
      else misses.push({ id: post.id, category, text: post.text, fired });
    }
  }

  const categories: CategoryScore[] = ruleCategories.map((category) => {
    const e = expected.get(category) ?? 0;
    const c = caught.get(category) ?? 0;
    return { category, expected: e, caught: c, recall: ratio(c, e) };
  });
  const totalExpected = categories.reduce((n, s) => n + s.expected, 0);
  const totalCaught = categories.reduce((n, s) => n + s.caught, 0);
  const share = ratio(falseAlarms.length, cleanPosts);

  // A category with no labelled post cannot be scored; the corpus test guards against that.
  const targets: Target[] = categories
    .filter((s) => s.recall !== null)
    .map((s) => ({
      name: `recall ${s.category}`,
      actual: s.recall ?? 0,
      goal: `>= ${recallTarget * 100}%`,
      met: (s.recall ?? 0) >= recallTarget,
    }));
  if (share !== null) {
    targets.push({ name: 'clean posts flagged', actual: share, goal: `<= ${falseAlarmTarget * 100}%`, met: share <= falseAlarmTarget });
  }

  return {
    posts: posts.length,
    categories,
    overall: { expected: totalExpected, caught: totalCaught, recall: ratio(totalCaught, totalExpected) },
    clean: { posts: cleanPosts, flagged: falseAlarms.length, share },
    misses,
    falseAlarms,
    targets,
    passed: targets.every((t) => t.met),
    checkMs,
  };
}
