// npm run bench:rules — the rule engine on a 5,000-character draft against the
// full built-in policy plus a 10,000-term competitor list, compared in the
// same run with one RegExp alternation of the same terms and with the
// modern-ahocorasick package. Prints figures; exits 1 if a target is missed.
import { performance } from 'node:perf_hooks';
import AhoCorasick from 'modern-ahocorasick';
import { check, compilePolicy } from '../shared/rules/engine';
import { foldText } from '../shared/rules/fold';
import { scriptVariants } from '../shared/rules/variants';

const runs = 500;
const warmup = 200;

/** A seeded generator, so every run measures the same input. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const rand = random(20261127);
const hanPool = '华科技网络信息数据智能云端创新未来星海蓝天明远博达嘉禾鼎盛恒通汇丰金辰瑞祥腾飞远航';
const pick = (pool: string, n: number) => Array.from({ length: n }, () => pool[Math.floor(rand() * pool.length)]).join('');
const latin = () => Array.from({ length: 5 + Math.floor(rand() * 5) }, () => String.fromCharCode(97 + Math.floor(rand() * 26))).join('');

const competitorList = () => Array.from({ length: 10_000 }, (_, i) => (i % 2 === 0 ? pick(hanPool, 3 + (i % 3)) : `${latin()}${i % 7 === 0 ? ' labs' : ''}`));
const competitors = competitorList();
// Lists of the same shape: compiling each converts 10,000 new terms with OpenCC already loaded.
const otherLists = Array.from({ length: 7 }, competitorList);

const paragraph =
  '今天和客服团队一起复盘了上周的用户反馈，第一季度我们把平均响应时间缩短了一半。' +
  'Thanks to everyone who joined the launch event in Shanghai; the new app ships next week. ' +
  '最近很多朋友问起新品的价格，官网已经公布。感谢合作伙伴的信任，我们会继续努力！';
const draft = (paragraph.repeat(Math.ceil(5_000 / paragraph.length)) + competitors[1] + ' ' + competitors[2]).slice(0, 5_000);

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function time(fn: () => unknown): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

const ms = (n: number) => `${n.toFixed(3)} ms`;
const source = { extends: 'default' as const, lists: { competitors } };

let start = performance.now();
const first = compilePolicy(source);
const firstCompile = performance.now() - start;
// Single compiles are at the mercy of garbage collection: take the median of several.
const freshCompile = median(
  otherLists.map((list) => {
    const t0 = performance.now();
    compilePolicy({ extends: 'default', lists: { competitors: list } });
    return performance.now() - t0;
  }),
);
const repeatCompile = median(
  Array.from({ length: 7 }, () => {
    const t0 = performance.now();
    compilePolicy(source);
    return performance.now() - t0;
  }),
);
const policy = compilePolicy(source);

const engineMedian = median(time(() => check(policy, draft, { platform: 'weibo', locale: 'zh-Hans' })));

// Baselines get the same terms, variants included, and the same folded text.
const terms = [...new Set(competitors.flatMap((t) => scriptVariants(t)).map(foldText))];
const folded = foldText(draft);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
start = performance.now();
const alternation = new RegExp(terms.map(escape).join('|'), 'g');
const regexBuild = performance.now() - start;
const regexMedian = median(time(() => [...folded.matchAll(alternation)].length));
start = performance.now();
const ac = new AhoCorasick(terms);
const acBuild = performance.now() - start;
const acMedian = median(time(() => ac.search(folded).length));

const findings = check(first, draft, { platform: 'weibo', locale: 'en' }).findings;
const rows: Array<[string, string, string]> = [
  ['Countersign check (whole policy, every rule)', ms(engineMedian), `${findings.length} findings`],
  ['RegExp alternation (competitor terms only)', ms(regexMedian), `build ${ms(regexBuild)}`],
  ['modern-ahocorasick (competitor terms only)', ms(acMedian), `build ${ms(acBuild)}`],
];
console.log(`draft: ${draft.length} characters; competitor list: ${competitors.length} terms (${terms.length} with variants); ${policy.rules.length} rules; median of ${runs} runs`);
console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
for (const [name, value, extra] of rows) console.log(`${name.padEnd(48)} ${value.padStart(12)}   ${extra}`);
console.log(`${'compile, first in the process (+ OpenCC load)'.padEnd(48)} ${ms(firstCompile).padStart(12)}`);
console.log(`${'compile, new 10,000-term list (median of 7)'.padEnd(48)} ${ms(freshCompile).padStart(12)}`);
console.log(`${'compile, same list again (median of 7)'.padEnd(48)} ${ms(repeatCompile).padStart(12)}`);

const targets: Array<[string, boolean]> = [
  [`check median < 1 ms (${ms(engineMedian)})`, engineMedian < 1],
  [`compile with variants < 200 ms (${ms(freshCompile)})`, freshCompile < 200],
  [`first compile in the process < 600 ms (${ms(firstCompile)})`, firstCompile < 600],
];
for (const [name, met] of targets) console.log(`${met ? 'PASS' : 'FAIL'}  ${name}`);
process.exitCode = targets.every(([, met]) => met) ? 0 : 1;
