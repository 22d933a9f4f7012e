// Prints how the rule engine scores on the labelled corpus.
//   npx tsx scripts/eval-rules.ts [--corpus FILE] [--policy FILE|default] [--verbose]
//   npx tsx scripts/eval-rules.ts --all     (one line per category for every labelled set)
// Without --policy a known set is scored under its own policy (see corpusSets);
// `--policy default` is the built-in policy alone. A post's own `lists` are
// always added for that post. Exit code 0 when every target is met, 1
// otherwise (including unreadable input).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { builtinPolicy, corpusSets, defaultCorpusFile, evaluateCorpus, policyFor, type CorpusEvaluation } from './rule-eval';

const usage = 'usage: npx tsx scripts/eval-rules.ts [--corpus FILE] [--policy FILE|default] [--verbose] | --all';

const percent = (value: number | null): string => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);

function printReport(result: CorpusEvaluation, verbose: boolean): void {
  const rows = [
    ['category', 'expected', 'caught', 'recall'],
    ...result.categories.map((s) => [s.category, String(s.expected), String(s.caught), percent(s.recall)]),
    ['overall', String(result.overall.expected), String(result.overall.caught), percent(result.overall.recall)],
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');

  console.log(`${result.posts} posts, checked in ${result.checkMs.toFixed(0)} ms\n`);
  rows.forEach((r, i) => {
    if (i === rows.length - 1) console.log('-'.repeat(line(r).length));
    console.log(line(r));
  });
  console.log(`\nclean posts: ${result.clean.posts}, flagged (warning or error): ${result.clean.flagged} = ${percent(result.clean.share)}\n`);

  for (const t of result.targets) console.log(`${t.met ? 'PASS' : 'FAIL'}  ${t.name}: ${percent(t.actual)} (target ${t.goal})`);

  if (verbose) {
    console.log(`\nmissed (${result.misses.length}):`);
    for (const m of result.misses) {
      console.log(`  ${m.id}  expected ${m.category}; fired: ${m.fired.join(', ') || 'nothing'}\n    ${m.text.replace(/\s+/g, ' ').slice(0, 300)}`);
    }
    console.log(`\nfalse alarms (${result.falseAlarms.length}):`);
    for (const a of result.falseAlarms) {
      const found = a.findings.map((f) => `${f.ruleId}/${f.category}/${f.severity} "${f.match}"`).join('; ');
      console.log(`  ${a.id}  ${found}\n    ${a.text.replace(/\s+/g, ' ').slice(0, 300)}`);
    }
  }
  console.log(`\n${result.passed ? 'PASS' : 'FAIL'}: ${result.targets.filter((t) => t.met).length}/${result.targets.length} targets met`);
}

/** Every set side by side: caught/expected per category, then the clean posts flagged. */
function printAll(): boolean {
  const results = corpusSets.map((set) => ({ set, result: evaluateCorpus(set.policy, set.file) }));
  const header = ['category', ...results.map((r) => r.set.name.replace(/\.jsonl$/, ''))];
  const cell = (caught: number, expected: number) => (expected === 0 ? '-' : `${caught}/${expected}`);
  const rows = [
    header,
    ...results[0]!.result.categories.map((s, i) => [s.category, ...results.map((r) => cell(r.result.categories[i]!.caught, r.result.categories[i]!.expected))]),
    ['overall', ...results.map((r) => `${cell(r.result.overall.caught, r.result.overall.expected)} ${percent(r.result.overall.recall)}`)],
    ['clean flagged', ...results.map((r) => `${r.result.clean.flagged}/${r.result.clean.posts} ${percent(r.result.clean.share)}`)],
    ['targets', ...results.map((r) => (r.result.passed ? 'PASS' : 'FAIL'))],
  ];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
  return results.every((r) => r.result.passed);
}

function main(): number {
  let args;
  try {
    args = parseArgs({
      options: {
        corpus: { type: 'string', default: defaultCorpusFile },
        policy: { type: 'string' },
        verbose: { type: 'boolean', short: 'v', default: false },
        all: { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    return 1;
  }
  if (args.values.all) {
    try {
      return printAll() ? 0 : 1;
    } catch (err) {
      console.error(`eval-rules: ${(err as Error).message}`);
      return 1;
    }
  }
  // Explicit paths are taken relative to where the user stands, as any CLI would.
  const corpus = path.resolve(args.values.corpus);
  const given = args.values.policy;
  const policy = given === undefined ? policyFor(corpus) : given === builtinPolicy ? builtinPolicy : path.resolve(given);
  let result: CorpusEvaluation;
  try {
    result = evaluateCorpus(policy, corpus);
  } catch (err) {
    console.error(`eval-rules: ${(err as Error).message}`);
    return 1;
  }
  const policyName = policy === builtinPolicy ? 'built-in (default)' : path.relative(process.cwd(), policy);
  console.log(`policy: ${policyName}, plus each post's own lists\ncorpus: ${path.relative(process.cwd(), corpus)}\n`);
  printReport(result, args.values.verbose);
  return result.passed ? 0 : 1;
}

process.exitCode = main();
