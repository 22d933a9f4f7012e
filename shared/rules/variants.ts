import { Converter, type ConverterFunction } from 'opencc-js';

// Simplified/Traditional forms of lexicon terms, generated from the word
// lists when a policy is compiled — never by converting the user's text, so
// offsets into the text stay true.

let converters: ConverterFunction[] | null = null;

function loadConverters(): ConverterFunction[] {
  // Loading OpenCC's dictionaries costs ~0.25 s once per process, so it waits for the first CJK term.
  if (!converters) {
    const toTraditional = Converter({ from: 'cn', to: 't' });
    const toTaiwan = Converter({ from: 't', to: 'tw' });
    const toHongKong = Converter({ from: 't', to: 'hk' });
    converters = [
      toTraditional,
      (s) => toTaiwan(toTraditional(s)),
      (s) => toHongKong(toTraditional(s)),
      Converter({ from: 't', to: 'cn' }),
      Converter({ from: 'tw', to: 'cn' }),
      Converter({ from: 'hk', to: 'cn' }),
    ];
  }
  return converters;
}

const hanCharacter = /\p{Script=Han}/u;
const memo = new Map<string, readonly string[]>();

/**
 * Converts many terms at once: OpenCC is far faster on one long string than
 * on thousands of short ones. Terms are joined by line breaks, which no
 * dictionary entry spans.
 */
export function prepareVariants(terms: Iterable<string>): void {
  const pending = [...new Set([...terms].filter((t) => !memo.has(t) && hanCharacter.test(t) && !t.includes('\n')))];
  if (pending.length === 0) return;
  for (const [term, forms] of convertVariants(pending)) memo.set(term, forms);
}

/** Each term with its forms, made by OpenCC now (the memo and the shipped table left aside). */
export function convertVariants(terms: readonly string[]): Map<string, readonly string[]> {
  const joined = terms.join('\n');
  const converted = loadConverters().map((convert) => convert(joined).split('\n'));
  return new Map(
    terms.map((term, i) => {
      const forms = converted.map((lines) => lines[i]).filter((form): form is string => form !== undefined);
      return [term, [...new Set([term, ...forms])]];
    }),
  );
}

/**
 * Takes variants made ahead of time (the built-in pack ships its own, so a
 * process need not convert ~2,500 built-in terms, or load OpenCC at all, to
 * compile the built-in rules): term → its other forms.
 */
export function knownVariants(table: Readonly<Record<string, readonly string[]>>): void {
  for (const [term, others] of Object.entries(table)) if (!memo.has(term)) memo.set(term, [term, ...others]);
}

/** The term and its Simplified, Traditional, Taiwan and Hong Kong forms, without duplicates. */
export function scriptVariants(term: string): readonly string[] {
  if (!hanCharacter.test(term)) return [term];
  if (!memo.has(term)) prepareVariants([term]);
  return memo.get(term) ?? [term];
}
