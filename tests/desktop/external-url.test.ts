import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { externalUrl } from '../../electron/common/external-url';
import { writeLog, stringSink } from '../../electron/core/log/log-export';
import type { LogRecord } from '../../shared/log/log-record';

describe('externalUrl: the allow-list for links opened outside the app', () => {
  it('accepts absolute http and https URLs, returned as the parser writes them', () => {
    expect(externalUrl('https://weibo.com/1234567890/Abc123')).toBe('https://weibo.com/1234567890/Abc123');
    expect(externalUrl('http://example.com')).toBe('http://example.com/');
    expect(externalUrl('HTTPS://Example.COM/a b')).toBe('https://example.com/a%20b');
    expect(externalUrl('https://例子.测试/路径?q=1#x')).toBe('https://xn--fsqu00a.xn--0zwm56d/%E8%B7%AF%E5%BE%84?q=1#x');
    expect(externalUrl('https://example.com:8443/x')).toBe('https://example.com:8443/x');
    // Quotes and angle brackets are percent-encoded: what is opened cannot break out of an attribute.
    expect(externalUrl('https://example.com/"><img src=x onerror=alert(1)>')).toBe('https://example.com/%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E');
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: in capitals', 'JAVASCRIPT:alert(1)'],
    ['javascript: after spaces and controls', ' \u0001javascript:alert(1)'],
    ['javascript: split by a tab', 'java\tscript:alert(1)'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['file:', 'file:///etc/passwd'],
    ['file: on Windows', 'file://C:/Windows/System32/calc.exe'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['blob:', 'blob:https://example.com/0b3c1d2e'],
    ['about:', 'about:blank'],
    ['the app’s own scheme', 'app://countersign/index.html'],
    ['a custom scheme', 'countersign://open?id=1'],
    ['ms-settings:', 'ms-settings:display'],
    ['smb:', 'smb://server/share'],
    ['ftp:', 'ftp://example.com/file'],
    ['mailto:', 'mailto:someone@example.com'],
    ['tel:', 'tel:+8613812345678'],
    ['ws:', 'ws://example.com/'],
    ['chrome:', 'chrome://settings'],
    ['scheme-relative', '//evil.example/x'],
    ['a path', '/etc/passwd'],
    ['a relative path', 'weibo.com/123'],
    ['a missing colon', 'http//example.com'],
    ['no host', 'https://'],
    ['a user name', 'https://bank.example@evil.example/'],
    ['a password', 'https://user:secret@example.com/'],
    ['a malformed host', 'https://exa mple.com/'],
    ['a bad port', 'https://example.com:99999/'],
    ['empty', ''],
    ['spaces', '   '],
    ['too long', `https://example.com/${'a'.repeat(10_000)}`],
  ])('rejects %s', (_what, raw) => {
    expect(externalUrl(raw)).toBeNull();
  });

  it('rejects what is not a string', () => {
    for (const value of [undefined, null, 1, {}, [], new URL('https://example.com/'), { href: 'https://example.com/' }]) {
      expect(externalUrl(value)).toBeNull();
    }
  });

  it('only ever returns an http(s) URL with a host and no credentials, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.tuple(fc.constantFrom('javascript:', 'JaVaScRiPt:', 'data:', 'file:', 'vbscript:', 'http:', 'https:', 'app:', 'x-y:', ''), fc.string({ maxLength: 30 })).map(([a, b]) => a + b),
        ),
        (raw) => {
          const url = externalUrl(raw);
          if (url === null) return;
          const parsed = new URL(url);
          expect(['http:', 'https:']).toContain(parsed.protocol);
          expect(parsed.hostname).not.toBe('');
          expect(parsed.username + parsed.password).toBe('');
          // Stable: the returned address passes the check unchanged.
          expect(externalUrl(url)).toBe(url);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the HTML export links published posts through the allow-list', () => {
  const record = (url: string | null): LogRecord => ({
    id: 'abc123def456',
    status: 'published',
    platform: 'weibo',
    purpose: null,
    text: '<img src=x onerror="window.__pwned=1">',
    author: 'Zhang Wei',
    approvers: ['Li Na'],
    submittedAt: '2026-11-01T09:00:00.000Z',
    approvedAt: '2026-11-01T10:00:00.000Z',
    publishedAt: '2026-11-01T11:00:00.000Z',
    url,
    revisions: 1,
    reviewerEdited: false,
    findingsAtApproval: { error: 0, warning: 0, info: 0 },
    overrides: [],
    secondsInQueue: 3600,
  });

  const html = async (url: string | null) => {
    const sink = stringSink();
    // One batch of one record, as the log domain streams them.
    await writeLog([[record(url)]], 'html', sink, { filter: {}, generatedAt: '2026-11-02T00:00:00.000Z' });
    return sink.text();
  };

  it('writes an http(s) link with rel="noopener noreferrer", escaped', async () => {
    const out = await html('https://example.com/?q="><script>window.__pwned=1</script>');
    expect(out).toContain('<a href="https://example.com/?q=%22%3E%3Cscript%3Ewindow.__pwned=1%3C/script%3E" rel="noopener noreferrer">');
    expect(out).not.toContain('<script>window.__pwned');
    expect(out).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
  });

  it('writes any other address as text, never as a link', async () => {
    const out = await html('javascript:window.__pwned=1');
    expect(out).toContain('javascript:window.__pwned=1');
    expect(out).not.toMatch(/<a\b/i);
  });
});
