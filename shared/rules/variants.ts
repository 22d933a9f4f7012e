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

/** The term and its Simplified, Traditional, Taiwan and Hong Kong forms, without duplicates. */
export function scriptVariants(term: string): readonly string[] {
  if (!hanCharacter.test(term)) return [term];
  let variants = memo.get(term);
  if (!variants) {
    variants = [...new Set([term, ...loadConverters().map((convert) => convert(term))])];
    memo.set(term, variants);
  }
  return variants;
}
