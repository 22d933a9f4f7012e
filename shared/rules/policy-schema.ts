import { z } from 'zod';
import { locales } from '../i18n/translate';
import { platforms } from '../model';
import { formatChecks } from './format-checks';
import { occurrenceMeasures } from './occurrence';
import { piiKinds } from './pii';
import { regex } from './regex';
import { ruleCategories, severities } from './types';

// The shapes of rule packs (the built-in policy) and of policy files. Rules
// are data; these schemas are what makes a malformed one fail loudly.

const localized = z.strictObject(Object.fromEntries(locales.map((l) => [l, z.string().min(1)])) as Record<(typeof locales)[number], z.ZodString>);

const termList = z.array(z.string().min(1).max(200));

/**
 * An entry of a named list: a plain term, or `{term, caseSensitive}`. Latin
 * terms written with a capital are proper nouns and match case-sensitively by
 * default (“Apple”, not “apple”; all capitals and @/# handles still count);
 * `caseSensitive: false` matches any case, and so does a term written all in
 * lower case.
 */
export const listEntry = z.union([
  z.string().min(1).max(200),
  z.strictObject({ term: z.string().min(1).max(200), caseSensitive: z.boolean().optional() }),
]);
export type ListEntry = z.infer<typeof listEntry>;
const entryList = z.array(listEntry);

/**
 * Contexts that cancel a list term's match, by term: a brand that is also an
 * everyday word (苹果 next to 摘 or 果园, 小米粥, “Amazon rainforest”). A
 * context that contains the term cancels the match it covers; any other
 * cancels a match in the same sentence within a few characters.
 */
const homonymTable = z.record(z.string().min(1).max(200), z.array(z.string().min(1).max(200)));

/** Terms inline, or names of lists (the pack's, extended by the policy file's). */
const termSource = {
  terms: termList.optional(),
  lists: z.array(z.string().min(1)).optional(),
  /** Phrases that suppress a match they contain (第一次 for 第一). */
  allow: termList.optional(),
};

const regexSource = z.string().refine(
  (source) => {
    try {
      // Compiled once here and kept: the engine takes the same expression from the cache.
      regex(source);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

const base = {
  id: z.string().regex(/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/, 'rule ids look like category.name'),
  category: z.enum(ruleCategories),
  severity: z.enum(severities),
  message: localized,
  suggestion: localized.optional(),
  platforms: z.array(z.enum(platforms)).min(1).optional(),
  examples: z.strictObject({
    platform: z.enum(platforms).optional(),
    fire: z.array(z.string().min(1)).min(1),
    pass: z.array(z.string()).min(1),
  }),
};

/** Patterns run over the folded text (lower case); `caseSensitive` runs them over the text with its capitals, for proper nouns. */
const caseSensitive = z.boolean().optional();

const proximitySide = z
  .strictObject({ ...termSource, pattern: regexSource.optional(), caseSensitive })
  .refine((s) => s.terms || s.lists || s.pattern, { message: 'needs terms, lists or a pattern' });

export const ruleSchema = z.discriminatedUnion('type', [
  z
    .strictObject({ type: z.literal('lexicon'), ...base, ...termSource })
    .refine((r) => r.terms || r.lists, { message: 'a lexicon rule needs terms or lists' }),
  z.strictObject({
    type: z.literal('pattern'),
    ...base,
    pattern: regexSource,
    caseSensitive,
    allow: termList.optional(),
    /** Terms one of which every match contains; the pattern is skipped when none occurs. */
    requires: termList.optional(),
  }),
  z.strictObject({ type: z.literal('pii'), ...base, kind: z.enum(piiKinds) }),
  z.strictObject({ type: z.literal('occurrence'), ...base, measure: z.enum(occurrenceMeasures), min: z.number().int().positive() }),
  z.strictObject({
    type: z.literal('proximity'),
    ...base,
    a: proximitySide,
    b: proximitySide,
    /** A third side that must also be within the window of `a`. */
    c: proximitySide.optional(),
    /** Cancels a match when found within the window of `a` (the recommended way of saying it…). */
    unless: proximitySide.optional(),
    window: z.number().int().min(0).max(200),
  }),
  z.strictObject({ type: z.literal('length'), ...base, at: z.number().int().positive().optional() }),
  z.strictObject({ type: z.literal('format'), ...base, check: z.enum(formatChecks) }),
]);
export type RuleDefinition = z.infer<typeof ruleSchema>;

export const rulePackSchema = z.strictObject({
  lists: z.record(z.string(), entryList),
  /** Stand-ins for lists the customer fills (competitors…), used only to run examples. */
  exampleLists: z.record(z.string(), entryList),
  /** Built-in cancelling contexts for common brand homonyms, for whichever list names the brand. */
  homonyms: homonymTable,
  rules: z.array(ruleSchema),
});
export type RulePack = z.infer<typeof rulePackSchema>;

export const severitySettings = ['off', ...severities] as const;

/**
 * A policy file: `{"extends": "default", "lists": {...}, "exclude": {...},
 * "homonyms": {...}, "rules": {"<id>": {"severity": ...}}}`.
 */
export const policyFileSchema = z.strictObject({
  extends: z.literal('default').optional(),
  lists: z.record(z.string(), entryList).optional(),
  /** Built-in list terms the team does not want (a well-known company that is its own name…). */
  exclude: z.record(z.string(), termList).optional(),
  /** Cancelling contexts added to the built-in ones, by term. */
  homonyms: homonymTable.optional(),
  rules: z.record(z.string(), z.strictObject({ severity: z.enum(severitySettings) })).optional(),
  /** Workflow settings; absent means the defaults (`authorSignOffOnEdits: true`). */
  workflow: z.strictObject({ authorSignOffOnEdits: z.boolean().optional() }).optional(),
});
export type PolicyFile = z.infer<typeof policyFileSchema>;
