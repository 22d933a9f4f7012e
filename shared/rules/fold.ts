// Folding for matching that keeps offsets true: every UTF-16 code unit maps
// to exactly one code unit, so an index into the folded text is an index
// into the original.

// Characters that can change: ASCII capitals, cased Latin/Greek/Cyrillic,
// full-width ASCII and the ideographic space. Everything else (CJK) is left
// alone without being looked at twice.
const foldable = /[A-Z\u00C0-\u024F\u0370-\u052F\u1E00-\u1FFF\u3000\uFF01-\uFF5E]/g;

function foldUnit(char: string): string {
  const code = char.charCodeAt(0);
  if (code === 0x3000) return ' ';
  const half = code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : char;
  const lower = half.toLowerCase();
  return lower.length === 1 ? lower : half;
}

/** Full-width ASCII to half-width, ideographic space to space, case folded — one code unit for one. */
export function foldText(text: string): string {
  return text.replace(foldable, foldUnit);
}

const wide = /[\u3000\uFF01-\uFF5E]/g;

/** Full-width ASCII to half-width and the ideographic space to a space, capitals kept — one code unit for one. */
export function foldWidth(text: string): string {
  return text.replace(wide, (char) => (char === '\u3000' ? ' ' : String.fromCharCode(char.charCodeAt(0) - 0xfee0)));
}

/** Letters and digits of alphabetic scripts: where an English term needs a word boundary. */
export function isWordUnit(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    code === 0x5f ||
    (code >= 0xc0 && code <= 0x24f)
  );
}
