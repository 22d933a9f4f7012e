// Character counting the way each platform's composer counts, so a draft
// that passes here is not cut off or refused when it is posted.

import type { Platform } from '../model';
import type { LengthCount, TextSpan } from './types';

/** Each platform's published limit, in that platform's own counting units. */
export const platformLimits: Record<Platform, number> = { x: 280, weibo: 2000, linkedin: 3000 };

/** The count plus where to start marking the excess, so the UI can show what will not fit. */
export interface PlatformCount extends LengthCount {
  /** UTF-16 index where the text first exceeds the limit, or null */
  overflowStart: number | null;
}

/** One counting unit: where it starts in the original text and what it weighs. */
interface Piece {
  start: number;
  weight: number;
}

/** A text measured once for a platform: its count, and where the count crosses any limit. */
export interface LengthMeasure {
  used: number;
  /** UTF-16 index of the first counting unit past `limit` (in the platform's units), or null. */
  overflowStart(limit: number): number | null;
}

/**
 * One entry point so callers need not know that each platform counts
 * differently. `limit` (in the platform's units) lets a rule warn before the
 * real limit is reached.
 */
export function countLength(text: string, platform: Platform, limit: number = platformLimits[platform]): PlatformCount {
  const measure = measureLength(text, platform);
  return { used: measure.used, limit, overflowStart: measure.overflowStart(limit) };
}

/** Measures once, for callers that need the overflow at several limits (the limit and Weibo's fold). */
export function measureLength(text: string, platform: Platform): LengthMeasure {
  const run = new RunningTotal(text.length);
  switch (platform) {
    case 'x':
      for (const piece of xPieces(text)) run.add(piece.start, piece.weight);
      return run.measure(X_SCALE);
    case 'weibo':
      // Counted in half characters so that the sum stays an integer.
      eachUnit(text, 0, text.length, (start, emoji, cp) => run.add(start, emoji || isWide(cp) ? 2 : 1));
      return run.measure(2, Math.ceil);
    case 'linkedin':
      for (let i = 0; i < text.length; i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1) run.add(i, 1);
      return run.measure(1);
  }
}

/** Where each counting unit starts and the total after it, in flat arrays: live checks run on every keystroke. */
class RunningTotal {
  private readonly starts: Int32Array;
  private readonly totals: Float64Array;
  private count = 0;
  private total = 0;

  constructor(capacity: number) {
    this.starts = new Int32Array(capacity);
    this.totals = new Float64Array(capacity);
  }

  add(start: number, weight: number): void {
    this.total += weight;
    this.starts[this.count] = start;
    this.totals[this.count] = this.total;
    this.count += 1;
  }

  measure(scale: number, round: (n: number) => number = (n) => n): LengthMeasure {
    const { starts, totals, count, total } = this;
    return {
      used: round(total / scale),
      overflowStart: (limit) => {
        const threshold = limit * scale;
        if (total <= threshold) return null;
        // The first unit whose running total passes the threshold.
        let lo = 0;
        let hi = count - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if ((totals[mid] as number) > threshold) hi = mid;
          else lo = mid + 1;
        }
        return starts[lo] as number;
      },
    };
  }
}

// An emoji as people see it, counted once however many code points it has: a
// flag, a keycap, or an emoji-style pictograph with its variation selector,
// skin tone or tag characters, joined by ZWJ to further pictographs. A
// text-style pictograph alone (☺, ©) is left to per-code-point weights. A
// regex rather than Intl.Segmenter, which is superlinear on long texts in V8.
const emojiMods = '(?:\\uFE0F|\\p{Emoji_Modifier}|[\\u{E0020}-\\u{E007F}])*';
const emojiFirst = '(?:\\p{Emoji_Presentation}|\\p{Extended_Pictographic}(?=\\uFE0F|\\u200D|\\p{Emoji_Modifier}))';
const emojiNext = '(?:\\p{Emoji_Presentation}|\\p{Extended_Pictographic})';
const emojiAt = new RegExp(
  `\\p{Regional_Indicator}{2}|[#*0-9]\\uFE0F?\\u20E3|${emojiFirst}${emojiMods}(?:\\u200D${emojiNext}${emojiMods})*`,
  'uy',
);

// Most code units cannot start an emoji: ASCII but keycap digits, CJK,
// Hangul and full-width forms are counted without trying the pattern.
function mayStartEmoji(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xa9) {
    if (c !== 0x23 && c !== 0x2a && (c < 0x30 || c > 0x39)) return false;
    const next = text.charCodeAt(i + 1);
    return next === 0xfe0f || next === 0x20e3;
  }
  return !((c >= 0x3000 && c <= 0x302f) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xff01 && c <= 0xffef));
}

/** Walks text[from, to) as emoji sequences and single code points. */
function eachUnit(text: string, from: number, to: number, visit: (start: number, emoji: boolean, codePoint: number) => void): void {
  for (let i = from; i < to; ) {
    let emojiLength = 0;
    if (mayStartEmoji(text, i)) {
      emojiAt.lastIndex = i;
      emojiLength = emojiAt.exec(text)?.[0].length ?? 0;
    }
    const codePoint = text.codePointAt(i) ?? 0;
    visit(i, emojiLength > 0, codePoint);
    i += emojiLength > 0 ? emojiLength : codePoint > 0xffff ? 2 : 1;
  }
}

// ---------------------------------------------------------------- X

// From twitter-text's config v3 (the numbers only; the file is not a dependency).
const X_SCALE = 100;
const X_DEFAULT_WEIGHT = 200;
const X_URL_WEIGHT = 23 * X_SCALE;
const xLightRanges: readonly (readonly [number, number])[] = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];
const X_LIGHT_WEIGHT = 100;

function xWeight(cp: number): number {
  if (cp <= 4351) return X_LIGHT_WEIGHT;
  return xLightRanges.some(([lo, hi]) => cp >= lo && cp <= hi) ? X_LIGHT_WEIGHT : X_DEFAULT_WEIGHT;
}

function xPieces(text: string): Piece[] {
  const { normalized, original } = normalizeNfc(text);
  const pieces: Piece[] = [];
  let pos = 0;
  for (const url of [...findUrls(normalized), { start: normalized.length, end: normalized.length }]) {
    eachUnit(normalized, pos, url.start, (start, emoji, codePoint) => {
      pieces.push({ start: original(start), weight: emoji ? X_DEFAULT_WEIGHT : xWeight(codePoint) });
    });
    if (url.end > url.start) pieces.push({ start: original(url.start), weight: X_URL_WEIGHT });
    pos = url.end;
  }
  return pieces;
}

// A code point with the marks and Hangul vowel/final jamo after it: NFC
// composes and reorders only within such a run.
const composingRun = /.[\p{M}\u1160-\u11FF\uD7B0-\uD7FF]*/gsu;

/**
 * NFC-normalises like twitter-text and maps each normalised index back to the
 * original text. Runs are normalised one by one; an index inside a run that
 * changed maps to the run's start.
 */
function normalizeNfc(text: string): { normalized: string; original: (index: number) => number } {
  if (text.normalize('NFC') === text) return { normalized: text, original: (i) => i };
  let normalized = '';
  const starts: number[] = [];
  for (const { 0: run, index } of text.matchAll(composingRun)) {
    const nfc = run.normalize('NFC');
    for (let k = 0; k < nfc.length; k++) starts.push(nfc === run ? index + k : index);
    normalized += nfc;
  }
  return { normalized, original: (i) => starts[i] ?? text.length };
}

// ---------------------------------------------------------------- Weibo

// East Asian Wide and Fullwidth blocks (Hangul jamo, CJK punctuation and
// ideographs, kana, Hangul syllables, fullwidth forms), plus the
// ambiguous-width punctuation that Chinese text uses as full-width (middle
// dot, dashes, curly quotes, ellipsis).
const wideRanges: readonly (readonly [number, number])[] = [
  [0x00b7, 0x00b7],
  [0x1100, 0x115f],
  [0x2014, 0x2026],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x20000, 0x3fffd],
];

// URLs count as their characters: Weibo turns links into t.cn short links,
// but how it counts them is undocumented and has changed, and a link as typed
// is nearly always longer, so this errs on the side of fitting.
function isWide(codePoint: number): boolean {
  if (codePoint < 0xb7) return false;
  if (codePoint >= 0x4e00 && codePoint <= 0x9fff) return true;
  return wideRanges.some(([lo, hi]) => codePoint >= lo && codePoint <= hi);
}

// ---------------------------------------------------------------- URLs

// Top-level domains recognised after a host: common generic ones, ccTLDs of
// the markets we post to, and a few Chinese IDN ones. A short list keeps
// "Node.js" or "e.g." from looking like links; xn-- covers other IDNs.
const tlds = [
  ...['com', 'net', 'org', 'edu', 'gov', 'mil', 'int', 'info', 'biz', 'name', 'pro', 'mobi', 'asia'],
  ...['app', 'dev', 'xyz', 'online', 'site', 'tech', 'store', 'shop', 'blog', 'news', 'cloud', 'top', 'vip', 'club', 'live', 'wiki'],
  ...['cn', 'hk', 'tw', 'mo', 'jp', 'kr', 'sg', 'my', 'th', 'vn', 'ph', 'id', 'in', 'au', 'nz', 'uk', 'de', 'fr', 'it', 'es', 'nl'],
  ...['be', 'ch', 'at', 'se', 'no', 'dk', 'fi', 'pl', 'ru', 'ua', 'br', 'mx', 'ar', 'cl', 'ca', 'us', 'eu', 'ie', 'pt', 'gr', 'cz'],
  ...['tr', 'il', 'ae', 'sa', 'za', 'ng', 'ke', 'eg', 'pk', 'io', 'ai', 'co', 'me', 'tv', 'ly', 'gg', 'fm', 'to'],
  ...['中国', '中國', '香港', '台湾', '台灣', '公司', '网络', '在线'],
].sort((a, b) => b.length - a.length);

const tld = `(?:${tlds.join('|')}|xn--[a-z0-9-]+)(?![a-z0-9@+-])`;
// After a scheme a label may be any run of non-punctuation characters (IDNs);
// without one, twitter-text only links ASCII domains.
const uChar = '[^\\s\\p{P}\\p{C}\\x00-\\x2F\\x3A-\\x40\\x5B-\\x60\\x7B-\\x7F]';
const uLabel = `${uChar}(?:(?:${uChar}|[-_])*${uChar})?`;
const aLabel = '[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?';
const pathChar = "[a-z0-9!*';:=+,.$/%#\\[\\]_~|&@?()\\p{Script=Latin}\\p{Script=Cyrillic}-]";
const urlPattern = new RegExp(
  `(?:(?<![a-z0-9@＠$#＃])https?:\\/\\/((?:${uLabel}\\.)+${tld})|(?<![a-z0-9@＠$#＃_./-])((?:${aLabel}\\.)+${tld}))` +
    `(?::[0-9]+)?([/?#]${pathChar}*)?`,
  'giu',
);

/** URL spans as X finds them, because X counts each one as a fixed-length t.co link. */
export function findUrls(text: string): readonly TextSpan[] {
  // Several rules ask about the same text in one check: answer from the last call.
  if (lastUrls?.text === text) return lastUrls.spans;
  const spans = scanUrls(text);
  lastUrls = { text, spans };
  return spans;
}

let lastUrls: { text: string; spans: readonly TextSpan[] } | null = null;

function scanUrls(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  if (!text.includes('.')) return spans;
  for (const m of text.matchAll(urlPattern)) {
    const host = m[1] ?? m[2] ?? '';
    const labels = host.split('.');
    if (!labels.every(validLabel)) continue;
    const tail = trimUrlEnd(m[3] ?? '');
    // Without a scheme, "name.cc" alone is too likely a typo or an abbreviation
    // (twitter-text's rule), except for the link-shortener ccTLDs.
    const lastLabel = labels.at(-1) ?? '';
    if (m[2] !== undefined && tail === '' && labels.length === 2 && /^[a-z]{2}$/i.test(lastLabel) && !/^(?:co|tv)$/i.test(lastLabel)) continue;
    const start = m.index;
    spans.push({ start, end: start + m[0].length - ((m[3] ?? '').length - tail.length) });
  }
  return spans;
}

/** Drops sentence punctuation after a URL, and a closing parenthesis the URL did not open. */
function trimUrlEnd(tail: string): string {
  for (;;) {
    const trimmed = tail.replace(/[^\p{L}\p{N}=_#/+&)-]+$/u, '');
    const unbalanced = trimmed.endsWith(')') && trimmed.split(')').length > trimmed.split('(').length;
    if (!unbalanced) return trimmed;
    tail = trimmed.slice(0, -1);
  }
}

/** DNS allows 63 characters per label, counted after IDNA encoding (xn--…). */
function validLabel(label: string): boolean {
  if (/^\p{ASCII}*$/u.test(label)) return label.length <= 63;
  // Each code point encodes to at least one character, so long labels fail early.
  if ([...label].length > 59) return false;
  return `xn--${punycode(label.toLowerCase())}`.length <= 63;
}

/** RFC 3492 Punycode, needed only to measure an IDN label the way the DNS sees it. */
function punycode(label: string): string {
  const base = 36;
  const codePoints = Array.from(label, (c) => c.codePointAt(0) ?? 0);
  const basic = codePoints.filter((c) => c < 0x80);
  let output = String.fromCodePoint(...basic) + (basic.length > 0 ? '-' : '');
  const digit = (d: number) => String.fromCharCode(d < 26 ? 97 + d : 22 + d);
  let n = 0x80;
  let delta = 0;
  let bias = 72;
  let handled = basic.length;
  while (handled < codePoints.length) {
    const next = Math.min(...codePoints.filter((c) => c >= n));
    delta += (next - n) * (handled + 1);
    n = next;
    for (const c of codePoints) {
      if (c < n) delta++;
      if (c !== n) continue;
      let q = delta;
      for (let k = base; ; k += base) {
        const t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
        if (q < t) break;
        output += digit(t + ((q - t) % (base - t)));
        q = Math.floor((q - t) / (base - t));
      }
      output += digit(q);
      bias = adaptBias(delta, handled + 1, handled === basic.length);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return output;
}

function adaptBias(delta: number, points: number, first: boolean): number {
  let d = Math.floor(delta / (first ? 700 : 2));
  d += Math.floor(d / points);
  let k = 0;
  while (d > 455) {
    d = Math.floor(d / 35);
    k += 36;
  }
  return k + Math.floor((36 * d) / (d + 38));
}
