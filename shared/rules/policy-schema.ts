import { z } from 'zod';
import { locales } from '../i18n/translate';
import { platforms } from '../model';
import { formatChecks } from './format-checks';
import { occurrenceMeasures } from './occurrence';
import { piiKinds } from './pii';
import { ruleCategories, severities } from './types';

// The shapes of rule packs (the built-in policy) and of policy files. Rules
// are data; these schemas are what makes a malformed one fail loudly.

const localized = z.strictObject(Object.fromEntries(locales.map((l) => [l, z.string().min(1)])) as Record<(typeof locales)[number], z.ZodString>);

const termList = z.array(z.string().min(1).max(200));

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
      new RegExp(source, 'u');
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

const proximitySide = z
  .strictObject({ ...termSource, pattern: regexSource.optional() })
  .refine((s) => s.terms || s.lists || s.pattern, { message: 'needs terms, lists or a pattern' });

export const ruleSchema = z.discriminatedUnion('type', [
  z
    .strictObject({ type: z.literal('lexicon'), ...base, ...termSource })
    .refine((r) => r.terms || r.lists, { message: 'a lexicon rule needs terms or lists' }),
  z.strictObject({
    type: z.literal('pattern'),
    ...base,
    pattern: regexSource,
    allow: termList.optional(),
    /** Terms one of which every match contains; the pattern is skipped when none occurs. */
    requires: termList.optional(),
  }),
  z.strictObject({ type: z.literal('pii'), ...base, kind: z.enum(piiKinds) }),
  z.strictObject({ type: z.literal('occurrence'), ...base, measure: z.enum(occurrenceMeasures), min: z.number().int().positive() }),
  z.strictObject({ type: z.literal('proximity'), ...base, a: proximitySide, b: proximitySide, window: z.number().int().min(0).max(200) }),
  z.strictObject({ type: z.literal('length'), ...base, at: z.number().int().positive().optional() }),
  z.strictObject({ type: z.literal('format'), ...base, check: z.enum(formatChecks) }),
]);
export type RuleDefinition = z.infer<typeof ruleSchema>;

export const rulePackSchema = z.strictObject({
  lists: z.record(z.string(), termList),
  /** Stand-ins for lists the customer fills (competitors…), used only to run examples. */
  exampleLists: z.record(z.string(), termList),
  rules: z.array(ruleSchema),
});
export type RulePack = z.infer<typeof rulePackSchema>;

export const severitySettings = ['off', ...severities] as const;

/** A policy file: `{"extends": "default", "lists": {...}, "rules": {"<id>": {"severity": ...}}}`. */
export const policyFileSchema = z.strictObject({
  extends: z.literal('default').optional(),
  lists: z.record(z.string(), termList).optional(),
  rules: z.record(z.string(), z.strictObject({ severity: z.enum(severitySettings) })).optional(),
  /** Workflow settings; absent means the defaults (`authorSignOffOnEdits: true`). */
  workflow: z.strictObject({ authorSignOffOnEdits: z.boolean().optional() }).optional(),
});
export type PolicyFile = z.infer<typeof policyFileSchema>;
