import type { Platform } from '../model';
import { findUrls } from './platform-length';
import type { TextSpan } from './types';

// Hashtags, mentions and links written in a way the platform will not
// recognise: Weibo topics are #…#, X and LinkedIn tags are #word.

export const formatChecks = ['hashtag', 'mention', 'link'] as const;
export type FormatCheck = (typeof formatChecks)[number];

function all(pattern: RegExp, text: string): TextSpan[] {
  return [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

const insideAny = (at: number, spans: readonly TextSpan[]) => spans.some((s) => at >= s.start && at < s.end);

function weiboHashtags(text: string, urls: readonly TextSpan[]): TextSpan[] {
  const marks = all(/[#＃]/g, text).filter((s) => !insideAny(s.start, urls));
  const out: TextSpan[] = [];
  for (let i = 0; i < marks.length; i += 2) {
    const open = marks[i] as TextSpan;
    const close = marks[i + 1];
    if (!close) {
      out.push({ start: open.start, end: Math.min(text.length, open.end + 12) });
      break;
    }
    const topic = text.slice(open.end, close.start);
    // Weibo links topics between half-width marks only: "＃新品＃" stays plain text.
    if (text[open.start] === '＃' || text[close.start] === '＃') {
      out.push({ start: open.start, end: close.end });
      continue;
    }
    // An empty topic or one with a space or line break inside will not link as one topic.
    if (topic.trim() === '' || /\s/.test(topic)) out.push({ start: open.start, end: close.end });
  }
  return out;
}

function tagHashtags(text: string, urls: readonly TextSpan[]): TextSpan[] {
  return [
    // '#' followed by nothing usable, or a tag closed Weibo-style (#tag#).
    ...all(/[#＃](?=\s|$|[，。,.!?！？])/g, text),
    ...all(/[#＃][\p{L}\p{N}_]+[#＃]/gu, text),
    // A tag of digits only does not link on X or LinkedIn.
    ...all(/(?<![\w&])[#＃]\d+(?![\p{L}\p{N}_])/gu, text),
  ].filter((s) => !insideAny(s.start, urls));
}

function mentions(text: string, platform: Platform): TextSpan[] {
  const bare = all(/(?<![\w.])[@＠](?=\s|$|[，。,.!?！？:：])/g, text);
  // X handles are 1–15 letters, digits or underscores: @张三 or a 16-character handle will not link.
  const badX = platform === 'x' ? all(/(?<![\w.])@(?:[\w]{16,}|[^\s\w@]*\p{Script=Han}[\p{L}\p{N}_]*)/gu, text) : [];
  return [...bare, ...badX];
}

function links(text: string): TextSpan[] {
  return [
    // Scheme typos: "http//", "https:/x", "htp://", "htps://", "htttp://", "http:\\".
    ...all(/\b(?:h?t?tps?\/\/|https?:\/(?!\/)|htps?:\/\/|htttps?:\/\/|hhttps?:\/\/|https?:\\\\)\S*/gi, text),
    // A space after the scheme or inside the host: "https:// www.x.com", "www. example.com".
    ...all(/\bhttps?:\/\/\s+\S+/gi, text),
    ...all(/\bwww\s+\.\s*\w+|\bwww\.\s+\w+\.\w+/gi, text),
    // A doubled dot in the host: "www..example.com", "example..com".
    ...all(/\b(?:www\.\.|[a-z0-9-]+\.\.(?:com|cn|net|org|tw|hk|io)\b)\S*/gi, text),
  ];
}

export function checkFormat(check: FormatCheck, text: string, platform: Platform): TextSpan[] {
  const urls = findUrls(text);
  switch (check) {
    case 'hashtag':
      return platform === 'weibo' ? weiboHashtags(text, urls) : tagHashtags(text, urls);
    case 'mention':
      return mentions(text, platform);
    case 'link':
      return links(text);
  }
}
