export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** Words (Latin letters and digits), runs of spaces, and single other characters (each CJK character, each emoji). */
function tokens(text: string): string[] {
  // A run that holds Chinese is compared character by character: Chinese has no word boundaries.
  return text.match(/[\p{L}\p{N}_'’-]+|\s+|./gsu)?.flatMap((t) => (/\p{Script=Han}/u.test(t) ? [...t] : [t])) ?? [];
}

/** Beyond this many cells the comparison is just "the middle changed". */
const maxCells = 2_000_000;

function push(parts: DiffPart[], kind: DiffPart['kind'], text: string): void {
  if (text === '') return;
  const last = parts.at(-1);
  if (last?.kind === kind) last.text += text;
  else parts.push({ kind, text });
}

/**
 * What changed from `before` to `after`, word by word (character by
 * character in Chinese): a longest-common-subsequence diff of the changed
 * middle, or the whole middle as one change when the texts are too long.
 */
export function diffText(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const parts: DiffPart[] = [];
  push(parts, 'same', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const cols = midB.length + 1;
  if ((midA.length + 1) * cols > maxCells) {
    push(parts, 'removed', midA.join(''));
    push(parts, 'added', midB.join(''));
  } else {
    // lcs[i][j]: the longest common subsequence of midA[i…] and midB[j…].
    const lcs = new Uint32Array((midA.length + 1) * cols);
    for (let i = midA.length - 1; i >= 0; i -= 1) {
      for (let j = midB.length - 1; j >= 0; j -= 1) {
        lcs[i * cols + j] = midA[i] === midB[j] ? lcs[(i + 1) * cols + j + 1]! + 1 : Math.max(lcs[(i + 1) * cols + j]!, lcs[i * cols + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < midA.length || j < midB.length) {
      if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
        push(parts, 'same', midA[i]!);
        i += 1;
        j += 1;
      } else if (i < midA.length && (j === midB.length || lcs[(i + 1) * cols + j]! >= lcs[i * cols + j + 1]!)) {
        push(parts, 'removed', midA[i]!);
        i += 1;
      } else {
        push(parts, 'added', midB[j]!);
        j += 1;
      }
    }
  }
  push(parts, 'same', a.slice(endA).join(''));
  return parts;
}
