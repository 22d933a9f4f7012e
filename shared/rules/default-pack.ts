import absolute from './policy/absolute.json';
import attack from './policy/attack.json';
import bragging from './policy/bragging.json';
import competitor from './policy/competitor.json';
import disclosure from './policy/disclosure.json';
import format from './policy/format.json';
import length from './policy/length.json';
import lists from './policy/lists.json';
import privacy from './policy/privacy.json';
import problemSolving from './policy/problem-solving.json';
import promotion from './policy/promotion.json';
import tone from './policy/tone.json';
import variants from './policy/variants.json';
import { rulePackSchema, type RulePack } from './policy-schema';
import { policyIssues } from './policy-issues';
import { knownVariants } from './variants';

let pack: RulePack | null = null;

/** The built-in `default` policy: one JSON file of rules per category, validated once, with its terms' script variants. */
export function defaultPack(): RulePack {
  if (!pack) {
    const files: { rules: unknown[] }[] = [attack, competitor, bragging, privacy, disclosure, absolute, tone, problemSolving, promotion, length, format];
    const parsed = rulePackSchema.safeParse({ ...lists, rules: files.flatMap((f) => f.rules) });
    if (!parsed.success) throw new Error(`The built-in policy is malformed: ${policyIssues(parsed.error)}`);
    pack = parsed.data;
    // Script variants of the built-in terms, made by tests/rules/variants-table.test.ts.
    knownVariants(variants);
  }
  return pack;
}
