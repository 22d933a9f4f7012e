import type { Locale } from '../i18n/translate';
import type { Platform } from '../model';

export const severities = ['info', 'warning', 'error'] as const;
export type Severity = (typeof severities)[number];

/** The built-in policy's categories; the names are an interface (CLI JSON, exports). */
export const ruleCategories = [
  'attack',
  'competitor',
  'bragging',
  'privacy',
  'disclosure',
  'absolute',
  'tone',
  'problem-solving',
  'promotion',
  'length',
  'format',
] as const;
export type RuleCategory = (typeof ruleCategories)[number];

/**
 * One rule-check result. `start`/`end` are JavaScript string indices (UTF-16
 * code units, end exclusive) into the checked text and `match` is the text
 * between them; `message` is in the caller's UI language.
 */
export interface Finding {
  ruleId: string;
  category: RuleCategory;
  severity: Severity;
  start: number;
  end: number;
  match: string;
  message: string;
  suggestion?: string;
}

/** Characters used against the platform's limit, counted the platform's way. */
export interface LengthCount {
  used: number;
  limit: number;
}

export interface CheckOptions {
  platform: Platform;
  locale: Locale;
}

export interface CheckResult {
  platform: Platform;
  length: LengthCount;
  findings: Finding[];
}

/** A stretch of the checked text: UTF-16 indices, end exclusive. */
export interface TextSpan {
  start: number;
  end: number;
}
