// Prints how the rule engine scores on the labelled corpus.
//   npx tsx scripts/eval-rules.ts [--corpus FILE] [--policy FILE] [--verbose]
// Exit code 0 when every target is met, 1 otherwise (including unreadable input).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCorpusFile, defaultPolicyFile, evaluateCorpus, type CorpusEvaluation } from './rule-eval';

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

function main(): number {
  let args;
  try {
    args = parseArgs({
      options: {
        corpus: { type: 'string', default: defaultCorpusFile },
        policy: { type: 'string', default: defaultPolicyFile },
        verbose: { type: 'boolean', short: 'v', default: false },
      },
      strict: true,
    });
  } catch (err) {
    console.error(`${(err as Error).message}\nusage: npx tsx scripts/eval-rules.ts [--corpus FILE] [--policy FILE] [--verbose]`);
    return 1;
  }
  // Explicit paths are taken relative to where the user stands, as any CLI would.
  const corpus = path.resolve(args.values.corpus);
  const policy = path.resolve(args.values.policy);
  let result: CorpusEvaluation;
  try {
    result = evaluateCorpus(policy, corpus);
  } catch (err) {
    console.error(`eval-rules: ${(err as Error).message}`);
    return 1;
  }
  console.log(`policy: ${path.relative(process.cwd(), policy)}\ncorpus: ${path.relative(process.cwd(), corpus)}\n`);
  printReport(result, args.values.verbose);
  return result.passed ? 0 : 1;
}

process.exitCode = main();
