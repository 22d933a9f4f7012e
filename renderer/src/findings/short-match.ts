/** A finding's quoted text, kept short for a label: a length finding covers everything past the limit. */
export function shortMatch(match: string, max = 24): string {
  const chars = [...match];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : match;
}
