import { findUrls } from './platform-length';
import type { TextSpan } from './types';

// Counting measures for tone and promotion: runs of exclamation marks,
// shouting in capitals, and stuffing with links, hashtags or mentions.

export const occurrenceMeasures = ['exclamation-run', 'question-run', 'exclamation-count', 'capitals', 'emphasis', 'links', 'hashtags', 'mentions'] as const;
export type OccurrenceMeasure = (typeof occurrenceMeasures)[number];

const hashtagPattern = /#[^\s#]+#|(?<![\w&/])#[\p{L}\p{N}_]+/gu;
const mentionPattern = /(?<![\w.])@[\p{L}\p{N}_-]{1,30}/gu;

function all(pattern: RegExp, text: string): TextSpan[] {
  return [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

const outside = (spans: TextSpan[], holes: readonly TextSpan[]) => spans.filter((s) => !holes.some((h) => s.start < h.end && h.start < s.end));

/** One stretch covering the first to the last counted item, when there are at least `min` of them. */
function whenAtLeast(items: readonly TextSpan[], min: number): TextSpan[] {
  const first = items[0];
  const last = items.at(-1);
  return items.length >= min && first && last ? [{ start: first.start, end: last.end }] : [];
}

/** Runs of capitalised Latin words, ignoring short acronyms (CEO, AI, ESG). */
function shouting(text: string, minLetters: number): TextSpan[] {
  const out: TextSpan[] = [];
  for (const m of text.matchAll(/\b[A-Z][A-Z'’]*(?:[\s,.!?-]+[A-Z][A-Z'’]*)*\b/g)) {
    const letters = m[0].replace(/[^A-Z]/g, '').length;
    const words = m[0].split(/[\s,.!?-]+/).filter((w) => w.length > 0);
    if (letters >= minLetters && (words.length >= 2 || letters >= 8)) out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

// Capitalised words that are names or acronyms, not emphasis.
const notEmphasis = new Set(
  'NASA HTTP HTTPS JSON GDPR HIPAA ASAP NATO FIFA UEFA LGBT SAAS IEEE ASML TSMC FAANG IKEA LEGO ZARA ASUS ESPN NIKE ADIDAS HSBC BYOD FOMO YOLO TEAM DREAM CVPR NVIDIA INTEL AMAZON APPLE GOOGLE TIKTOK UNICEF COVID NYSE NASDAQ SPAC OPEC APAC EMEA LATAM AAPL TSLA NVDA MSFT GOOG META UTC GMT'.split(' '),
);
const shortEmphasis = new Set(['NO', 'NOT', 'WHY', 'YES', 'ALL', 'NOW', 'WHAT', 'STOP', 'NEVER']);

/**
 * Words shouted one at a time (“NO, we are NOT raising prices”, “this industry
 * is BROKEN”): each all-capital word of four letters or more counts, a long one
 * (six or more) twice; acronyms of three letters and known names do not.
 */
function emphasis(text: string, min: number): TextSpan[] {
  const words: TextSpan[] = [];
  let score = 0;
  for (const m of text.matchAll(/(?<![\p{L}\d])[A-Z]{2,}(?![\p{L}\d])/gu)) {
    const word = m[0];
    if (notEmphasis.has(word) || (word.length < 4 && !shortEmphasis.has(word))) continue;
    score += word.length >= 6 ? 2 : 1;
    words.push({ start: m.index, end: m.index + word.length });
  }
  return score >= min ? whenAtLeast(words, 1) : [];
}

/** Spans to flag for one measure on the original (unfolded) text, given its threshold. */
export function measure(kind: OccurrenceMeasure, text: string, folded: string, min: number): TextSpan[] {
  switch (kind) {
    case 'exclamation-run':
      // "？！！" counts as a run too, "???" does not: at least two of the marks must be exclamations.
      return all(new RegExp(`[!！?？](?:\\s*[!！?？]){${Math.max(0, min - 1)},}`, 'g'), text).filter(
        (s) => (text.slice(s.start, s.end).match(/[!！]/g)?.length ?? 0) >= Math.min(min, 2),
      );
    case 'question-run':
      return all(new RegExp(`[?？](?:\\s*[?？]){${Math.max(0, min - 1)},}`, 'g'), text);
    case 'exclamation-count':
      return whenAtLeast(all(/[!！]/g, folded), min);
    case 'capitals':
      return shouting(text, min);
    case 'emphasis':
      return emphasis(text, min);
    case 'links':
      return whenAtLeast(findUrls(text), min);
    case 'hashtags':
      return whenAtLeast(outside(all(hashtagPattern, folded), findUrls(text)), min);
    case 'mentions':
      return whenAtLeast(all(mentionPattern, folded), min);
  }
}
