/** Schemes the app hands to the system browser or writes as a link: the web, nothing else. */
const webProtocols = new Set(['http:', 'https:']);

/**
 * The address to open outside the app (`shell.openExternal`) or to link to
 * in an exported report, or null when it must not be: anything but an
 * absolute http(s) URL with a host — `javascript:`, `file:`, `data:`, custom
 * schemes (which start other applications), scheme-relative or malformed
 * input. Parsed with `new URL`, never matched as a string, and returned in
 * the parser's own serialisation so what is checked is what is opened. URLs
 * carrying a user name or password (`https://bank.example@evil.example/`)
 * are refused too: they exist to mislead whoever reads them.
 */
export function externalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > maxUrlLength) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!webProtocols.has(url.protocol) || url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return url.href;
}

/** Longer than any link a post needs; the contract bounds a published link at 2,000 characters. */
const maxUrlLength = 8_192;
