// Regular expressions of rule packs, compiled as V8 compiles them fastest.

// Patterns with \p{…} classes take a millisecond or more to compile, and each
// is compiled for its rule's examples and for every policy after: once is enough.
// Sharing is safe: matchAll works on a copy of the expression.
const compiledPatterns = new Map<string, RegExp>();
/** The rule's expression, compiled once per process (global, Unicode). */
export function regex(source: string): RegExp {
  let pattern = compiledPatterns.get(source);
  if (!pattern) compiledPatterns.set(source, (pattern = new RegExp(withHanRanges(source), 'gu')));
  return pattern;
}

// The Han script's code points in the Basic Multilingual Plane, as ranges. V8
// takes ~0.4 ms to compile each \p{Script=Han} it meets, and a class with the
// astral extensions (U+20000…) under a counted quantifier took ~90 ms for one
// built-in pattern; characters outside the BMP are rare in posts, and lexicon
// terms are matched by the automaton whatever their plane.
const hanRanges = '\\u2E80-\\u2FDF\\u3005\\u3007\\u3021-\\u3029\\u3038-\\u303B\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF';
const hanProperty = '\\p{Script=Han}';

/** The same expression with \p{Script=Han} spelt out as ranges, inside a class or as one. */
export function withHanRanges(source: string): string {
  if (!source.includes(hanProperty)) return source;
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i] as string;
    if (source.startsWith(hanProperty, i)) {
      out += inClass ? hanRanges : `[${hanRanges}]`;
      i += hanProperty.length - 1;
    } else if (char === '\\') {
      out += source.slice(i, i + 2);
      i++;
    } else {
      if (char === '[') inClass = true;
      else if (char === ']') inClass = false;
      out += char;
    }
  }
  return out;
}

