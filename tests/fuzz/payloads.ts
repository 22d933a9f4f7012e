import fc from 'fast-check';
import type { z } from 'zod';
import { contract } from '../../shared/contract';
import type { ChannelName } from '../../shared/channels';

// Payload generators for the contract fuzz tests. Each channel's payloads are
// derived from its own request schema (walked through zod's definitions), so
// a channel added to the contract is fuzzed without a line here: the walk
// makes near-valid requests, and mutations turn them into wrong types, huge
// strings, control characters, lone surrogates, prototype keys, unknown
// fields, deep nesting and arrays where objects belong. Field-name hints
// (`id`, `text`, `url`…) only make the near-valid requests reach further.

/** What the fuzzed store holds, so near-valid requests name real drafts and profiles. */
export interface FuzzWorld {
  draftIds: readonly string[];
  /** Approved drafts by the executive: where publishing is reached. */
  approvedIds: readonly string[];
  profileNames: readonly string[];
  ruleIds: readonly string[];
}

/** `ipc` payloads may hold what structured clone carries (NaN, Map, BigInt…); `http` ones are JSON. */
export type Transport = 'ipc' | 'http';

// The subset of zod 4's internal definitions the walk reads.
interface Check {
  _zod: { def: { check: string; minimum?: number; maximum?: number; value?: number | bigint; format?: string; pattern?: RegExp } };
}
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  element?: z.ZodType;
  valueType?: z.ZodType;
  keyType?: z.ZodType;
  entries?: Record<string, string>;
  values?: unknown[];
  checks?: Check[];
  format?: string;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Dangerous keys; objects holding them are built with JSON.parse so the keys are own properties, as a parsed request's would be. */
export const prototypeKeys = ['__proto__', 'constructor', 'prototype'] as const;

const controlChars = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f', '\u0085', '\u009f'];
const otherOddChars = ['\r', '\n', '\t', '\u2028', '\u2029', '\ufeff', '\u200b', '\u202e', '\ufffd', '\ufffe'];
const loneSurrogates = ['\ud800', '\udbff', '\udc00', '\udfff'];
const tricky = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  'javascript:alert(1)',
  '${process.exit(1)}',
  '{{constructor.constructor("return 1")()}}',
  '%s%n%x',
  '../../../etc/passwd',
  '\\',
  '"',
  "'",
  '=cmd|"/c calc"!A1',
  '13812345678',
  '😀',
  '👨‍👩‍👧',
  '字',
  'Ａ',
  'e\u0301',
  '(?:.*)+$',
  '[',
];

/** Strings that are mostly harmless text with control characters, lone surrogates and other oddities mixed in. */
export const oddString: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
      { weight: 2, arbitrary: fc.constantFrom(...controlChars, ...otherOddChars, ...loneSurrogates) },
      { weight: 2, arbitrary: fc.constantFrom(...tricky) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

/** Huge strings, up to ~1 MB, one repeated unit (the generator stays cheap; the size is what matters). */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(4_001, 20_000, 20_001, 65_537, 300_000, 1_048_576),
    fc.constantFrom('a', '字', ' ', '😀', '\u0000', '\ud800', '<b>', '\n'),
  )
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

/** A value nested `depth` levels deep, made from JSON text so it is plain data. */
export const deepValue: fc.Arbitrary<unknown> = fc
  .tuple(fc.constantFrom(20, 200, 1_000), fc.constantFrom('array', 'object', 'proto'))
  .map(([depth, kind]) => {
    if (kind === 'array') return JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`);
    const key = kind === 'proto' ? '__proto__' : 'a';
    return JSON.parse(`${`{"${key}":`.repeat(depth)}{"polluted":true}${'}'.repeat(depth)}`);
  });

/** An object with one of the prototype keys as an own property, from JSON text. */
export const prototypeObject: fc.Arbitrary<unknown> = fc
  .tuple(fc.constantFrom(...prototypeKeys), fc.constantFrom('{"polluted":"yes"}', '{"prototype":{"polluted":"yes"}}', '{"role":"admin"}', '[1]', 'null', '"x"'))
  .map(([key, inner]) => JSON.parse(`{"${key}":${inner}}`));

/** Values of every JSON type and some that only structured clone carries. */
function wrongValue(transport: Transport): fc.Arbitrary<unknown> {
  const json = fc.oneof(
    fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308, '', ' ', '0', 'true', 'null', [], {}, [{}], [null]),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    oddString,
    fc.jsonValue({ maxDepth: 3 }),
    prototypeObject,
  );
  if (transport === 'http') return json;
  return fc.oneof(
    json,
    fc.constantFrom<unknown>(undefined, NaN, Infinity, -Infinity, -0, 10n, new Date(0), new Date(NaN), new Map([['a', 1]]), new Set([1]), new Uint8Array([1, 2]), /x/g),
    fc.anything({ maxDepth: 2, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true }),
  );
}

/** Near-now times in many spellings: the accepted ones, and ones with other precisions. */
function timeString(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.integer({ min: -20 * 60_000, max: 20 * 60_000 }), fc.constantFrom('as-is', 'as-is', 'no-fraction', 'long-fraction', 'long-fraction', 'offset', 'date-only', 'lowercase'), fc.integer({ min: 1, max: 14 }))
    .map(([offset, spelling, digits]) => {
      const iso = new Date(Date.now() + offset).toISOString();
      switch (spelling) {
        case 'no-fraction':
          return iso.replace(/\.\d{3}Z$/, 'Z');
        case 'long-fraction':
          return iso.replace(/\.\d{3}Z$/, `.${'123456789012345'.slice(0, digits)}Z`);
        case 'offset':
          return iso.replace('Z', '+08:00');
        case 'date-only':
          return iso.slice(0, 10);
        case 'lowercase':
          return iso.toLowerCase();
        default:
          return iso;
      }
    });
}

const dayString = fc.oneof(
  fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2026-02-30', '2026-13-01', '0000-00-00', '9999-99-99', '2026-1-1', '20260101', '2026-01-01T00:00:00Z'),
);

const urlString = fc.oneof(
  fc.webUrl(),
  // Odd characters after a slash land in the path, which the URL parser accepts (after the host they would not parse).
  fc.tuple(fc.webUrl(), oddString).map(([url, tail]) => `${url}/${tail}`),
  fc.constantFrom(
    'https://weibo.com/1234567890/Abc123',
    'http://example.com/',
    'javascript:window.__pwned=1',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'vbscript:msgbox(1)',
    'countersign://x',
    'app://countersign/index.html',
    'http//example.com',
    'https://exa mple.com',
    'https://example.com/\u0000',
    'https://example.com/\u001b]0;title\u0007',
    'https://exa\u0009mple.com/',
    'https://example.com/\ud800',
    'https://example.com/<script>',
    'https://"onmouseover="alert(1)',
    'https://example.com/\n',
    '//evil.example',
    '',
    ' ',
  ),
);

/** A policy file, more or less: known and unknown lists and rules, prototype keys inside. */
function policyLike(world: FuzzWorld): fc.Arbitrary<unknown> {
  const listName = fc.constantFrom('competitors', 'confidential', 'nonsense', ...prototypeKeys, 'toString', 'hasOwnProperty');
  const ruleId = fc.constantFrom(...world.ruleIds, 'no.such-rule', ...prototypeKeys, 'toString');
  const severity = fc.constantFrom('off', 'info', 'warning', 'error', 'fatal', 1);
  return fc
    .record(
      {
        extends: fc.constantFrom<unknown>('default', 'other', null, undefined),
        lists: fc.array(fc.tuple(listName, fc.array(oddString, { maxLength: 3 })), { maxLength: 3 }),
        rules: fc.array(fc.tuple(ruleId, severity), { maxLength: 3 }),
        workflow: fc.constantFrom<unknown>(undefined, { authorSignOffOnEdits: false }, { authorSignOffOnEdits: true }, { authorSignOffOnEdits: 'no' }, { unknown: 1 }),
        extra: fc.constantFrom<unknown>(undefined, 1, 'x'),
      },
      { requiredKeys: [] },
    )
    .map((p) => {
      // JSON text, so list and rule names such as __proto__ become own properties.
      const parts: string[] = [];
      if (p.extends !== undefined) parts.push(`"extends":${JSON.stringify(p.extends)}`);
      if (p.lists) parts.push(`"lists":{${p.lists.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`);
      if (p.rules) parts.push(`"rules":{${p.rules.map(([k, s]) => `${JSON.stringify(k)}:{"severity":${JSON.stringify(s)}}`).join(',')}}`);
      if (p.workflow !== undefined) parts.push(`"workflow":${JSON.stringify(p.workflow)}`);
      if (p.extra !== undefined) parts.push(`"extra":${JSON.stringify(p.extra)}`);
      return JSON.parse(`{${parts.join(',')}}`);
    });
}

const draftTexts = fc.oneof(
  fc.constantFrom(
    '下周我们会在上海发布新一代扫地机器人，欢迎大家来现场体验。',
    '請聯繫我 13812345678',
    'We will hire 25,000 people next year!!!',
    'Our product is the best in the world, guaranteed.',
    '<img src=x onerror="window.__pwned=1"> hello',
  ),
  oddString,
);

/** Values that make sense for a field of this name; mixed with the schema's own values. */
function hintFor(key: string, world: FuzzWorld): fc.Arbitrary<unknown> | null {
  switch (key) {
    case 'id':
    case 'selectedId':
      return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...world.draftIds) }, { weight: 1, arbitrary: fc.constantFrom('ffffffffffff', '0', '../x', '__proto__', 'constructor') });
    case 'name':
    case 'newName':
    case 'author':
      return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...world.profileNames) }, { weight: 1, arbitrary: fc.constantFrom(' Li Na ', 'li na', 'Nobody', '__proto__', 'constructor') });
    case 'text':
      return draftTexts;
    case 'comment':
    case 'reason':
    case 'justification':
      return fc.oneof(fc.constantFrom('Looks fine.', '公开号码已确认。', '  ', ''), oddString);
    case 'url':
      return urlString;
    case 'publishedAt':
      return timeString();
    case 'from':
    case 'to':
      return dayString;
    case 'ruleId':
      return fc.constantFrom(...world.ruleIds, 'no.such-rule', '__proto__');
    case 'start':
      return fc.constantFrom(0, 1, 3, 5, 1e9);
    case 'source':
      return policyLike(world);
    case 'search':
      return fc.oneof(fc.constantFrom('上海', 'hire', '(', '\\', '[a-', '*', '😀', '\ud800'), oddString);
    default:
      return null;
  }
}

function numberFor(def: Def): fc.Arbitrary<number> {
  let min = -(2 ** 31);
  let max = 2 ** 31;
  let integer = false;
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'greater_than' && typeof c.value === 'number') min = c.value;
    if (c.check === 'less_than' && typeof c.value === 'number') max = c.value;
    if (c.check === 'number_format' && /int/.test(c.format ?? '')) integer = true;
  }
  const inRange = integer ? fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) }) : fc.double({ min, max, noNaN: true });
  return fc.oneof({ weight: 3, arbitrary: inRange }, { weight: 1, arbitrary: fc.constantFrom(min, max, min - 1, max + 1, 0.5, -0) });
}

function stringFor(def: Def): fc.Arbitrary<string> {
  if (def.format === 'datetime') return timeString();
  let min = 0;
  let max = 100;
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'min_length' && c.minimum !== undefined) min = c.minimum;
    if (c.check === 'max_length' && c.maximum !== undefined) max = c.maximum;
    if (c.check === 'string_format' && c.format === 'regex' && c.pattern?.source.includes('\\d{4}-\\d{2}-\\d{2}')) return dayString;
  }
  const boundary = fc.constantFrom(max, max + 1, Math.max(min - 1, 0)).map((n) => 'x'.repeat(Math.min(n, 2_000_000)));
  return fc.oneof({ weight: 4, arbitrary: oddString }, { weight: 1, arbitrary: boundary });
}

/**
 * Near-valid values for a schema: mostly what it accepts (so calls reach the
 * handlers), often not quite. `undefined` stands for "leave the key out".
 */
export function fromSchema(schema: z.ZodType, world: FuzzWorld, key?: string): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const hint = key === undefined ? null : hintFor(key, world);
  const own = ownArbitrary(def, world);
  return hint ? fc.oneof({ weight: 3, arbitrary: hint }, { weight: 1, arbitrary: own }) : own;
}

function ownArbitrary(def: Def, world: FuzzWorld): fc.Arbitrary<unknown> {
  switch (def.type) {
    case 'string':
      return stringFor(def);
    case 'number':
      return numberFor(def);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...Object.values(def.entries ?? {})) }, { weight: 1, arbitrary: fc.constantFrom('ADMIN', 'nonsense', '') });
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'optional':
    case 'nullable':
    case 'default':
      return def.innerType ? fc.option(fromSchema(def.innerType, world), { nil: undefined, freq: 3 }) : fc.constant(undefined);
    case 'union':
      return fc.oneof(...(def.options ?? []).map((o) => fromSchema(o, world)));
    case 'array':
      return def.element ? fc.array(fromSchema(def.element, world), { maxLength: 4 }) : fc.constant([]);
    case 'object':
      return objectFor(def, world);
    case 'record':
      return fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...prototypeKeys)), def.valueType ? fromSchema(def.valueType, world) : fc.jsonValue(), { maxKeys: 3 });
    default:
      return fc.jsonValue({ maxDepth: 3 });
  }
}

function objectFor(def: Def, world: FuzzWorld): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(def.shape ?? {});
  return fc.tuple(...entries.map(([key, value]) => fromSchema(value, world, key))).map((values) => {
    const out: Record<string, unknown> = {};
    entries.forEach(([key], i) => {
      if (values[i] !== undefined) out[key] = values[i];
    });
    return out;
  });
}

/** Adds `key: value` as an own property, whatever the key (`__proto__` included). */
function withOwn(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...base };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** The request of one call on a contract channel: near-valid, mutated, or something else entirely. */
export function payloadFor(channel: ChannelName, world: FuzzWorld, transport: Transport): fc.Arbitrary<unknown> {
  return payloadForSchema((contract as Partial<Record<ChannelName, { request: z.ZodType }>>)[channel]?.request, world, transport);
}

/** The same for any request schema (the desktop app's own calls); without one, only malformed requests. */
export function payloadForSchema(schema: z.ZodType | undefined, world: FuzzWorld, transport: Transport): fc.Arbitrary<unknown> {
  const base = schema ? fromSchema(schema, world) : fc.constant<unknown>({});
  const asObject = base.map((b) => (typeof b === 'object' && b !== null && !Array.isArray(b) ? (b as Record<string, unknown>) : {}));
  const wrong = wrongValue(transport);
  const anyKey = fc.oneof(fc.constantFrom('admin', 'role', 'isAdmin', 'session', 'profileName', 'terminal', 'id', 'text'), fc.string({ maxLength: 10 }));
  const fieldOf = (b: Record<string, unknown>) => (Object.keys(b).length > 0 ? fc.constantFrom(...Object.keys(b)) : anyKey);
  const replaceField = (value: fc.Arbitrary<unknown>) =>
    asObject.chain((b) => fc.tuple(fc.constant(b), fieldOf(b), value)).map(([b, key, v]) => withOwn(b, key, v));

  return fc.oneof(
    { weight: 14, arbitrary: base },
    { weight: 2, arbitrary: replaceField(wrong) },
    { weight: 1, arbitrary: replaceField(hugeString) },
    { weight: 1, arbitrary: replaceField(deepValue) },
    { weight: 1, arbitrary: replaceField(asObject.map((b) => [b])) },
    { weight: 1, arbitrary: fc.tuple(asObject, anyKey, wrong).map(([b, key, v]) => withOwn(b, key, v)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(asObject, fc.constantFrom(...prototypeKeys), fc.constantFrom('{"polluted":"yes"}', '{"role":"admin","name":"x"}', '{"prototype":{"polluted":"yes"}}', '1'))
        .map(([b, key, inner]) => ({ ...JSON.parse(`{"${key}":${inner}}`), ...b }) as unknown),
    },
    { weight: 1, arbitrary: asObject.map((b) => [b]) },
    { weight: 1, arbitrary: wrong },
    { weight: 1, arbitrary: hugeString },
    { weight: 1, arbitrary: deepValue },
  );
}

/**
 * Request bodies the loopback host gets that no JSON.stringify makes: broken
 * JSON, a byte-order mark, bytes that are not UTF-8, nesting deeper than a
 * structured value could be, duplicate and prototype keys in the text.
 */
export const rawBody: fc.Arbitrary<Buffer> = fc.oneof(
  oddString.map((s) => Buffer.from(s, 'utf8')),
  fc.constantFrom(
    '{',
    '{"id":',
    '{"id":"x"',
    '\ufeff{}',
    '\ufeff',
    '   ',
    'null',
    'true',
    '12',
    '"text"',
    '[]',
    '{"a":1,"a":2}',
    '{"__proto__":{"polluted":"yes"},"__proto__":{"polluted":"again"}}',
    '{"constructor":{"prototype":{"polluted":"yes"}}}',
    '{"text":"\\ud800"}',
    "{'single':'quotes'}",
    '{"x":1}garbage',
    '{"x":NaN}',
    '{"x":Infinity}',
    '{"x":1e999}',
  ).map((s) => Buffer.from(s, 'utf8')),
  fc.constantFrom(Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), Buffer.from([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d]), Buffer.from([0xc0, 0xaf])),
  // Deeper than this only measures V8's parser: 1,000,000 levels take it 1.5 s.
  fc.constantFrom(5_000, 50_000).map((depth) => Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
  fc.constantFrom(5_000, 20_000).map((depth) => Buffer.from(`${'{"__proto__":'.repeat(depth)}1${'}'.repeat(depth)}`)),
);

/**
 * Requests that once found a bug, run first on every run of their channel
 * (fast-check's `examples`), so each fix stays covered whatever the seed.
 */
export function regressionRequests(channel: ChannelName, world: FuzzWorld, transport: Transport): unknown[] {
  const approved = world.approvedIds[0] ?? world.draftIds[0];
  switch (channel) {
    case 'setPolicy':
      return [
        // `source` left out: the contract let it through and storing "no policy" threw inside the store.
        {},
        // Prototype members taken for the built-in lists: `list.push is not a function`.
        JSON.parse('{"source":{"lists":{"constructor":["x"]}}}'),
        JSON.parse('{"source":{"lists":{"toString":["x"]}}}'),
        JSON.parse('{"source":{"lists":{"__proto__":["x"]},"rules":{"__proto__":{"severity":"off"}}}}'),
        // Over IPC a Date or a Map passes as an (empty) object and was stored as a string, breaking the settings file.
        ...(transport === 'ipc' ? [{ source: new Date(0) }, { source: new Map([['lists', {}]]) }, { source: /x/ }] : []),
      ];
    case 'publishDraft':
      return [
        // More fraction digits than the journal's time format: the journal no longer opened.
        { id: approved, publishedAt: new Date(Date.now() + 1_000).toISOString().replace(/\.\d{3}Z$/, '.1234567890123Z') },
        // An escape sequence in the link, stored as typed and printed by the CLI.
        { id: approved, url: 'https://example.com/\u001b]0;pwned\u0007' },
        { id: approved, url: 'https://exa\tmple.com/a\nb' },
      ];
    default:
      return [];
  }
}
