import { CountersignError } from '../errors';
import type { Locale } from '../i18n/translate';
import type { Platform } from '../model';
import { Automaton } from './automaton';
import { defaultPack } from './default-pack';
import { checkFormat } from './format-checks';
import { foldText, foldWidth, isWordUnit } from './fold';
import { measure } from './occurrence';
import { findPii } from './pii';
import { regex } from './regex';
import { measureLength, platformLimits, type LengthMeasure } from './platform-length';
import { policyFileSchema, type ListEntry, type PolicyFile, type RuleDefinition, type RulePack } from './policy-schema';
import { policyIssues } from './policy-issues';
import { severities, type CheckOptions, type CheckResult, type Finding, type Severity, type TextSpan } from './types';
import { prepareVariants, scriptVariants } from './variants';

// The rule engine: a policy is compiled once into one automaton for every
// lexicon term plus per-rule matchers; `check` then runs in one pass.

interface Scan {
  text: string;
  folded: string;
  /** Full-width folded but with its capitals, for case-sensitive patterns; made on first use. */
  cased: () => string;
  platform: Platform;
  /** Spans found by the automaton, by payload id. */
  hits: Map<number, TextSpan[]>;
  /** The text counted the platform's way, once per check. */
  length: () => LengthMeasure;
}

interface CompiledRule {
  definition: RuleDefinition;
  severity: Severity;
  find: (scan: Scan) => TextSpan[];
}

/** How a named list's hits are checked once the automaton has found them. */
interface ListCheck {
  /** Folded form → the forms it must have in the text (case-sensitive terms); absent: any case. */
  cased: Map<string, string[]>;
  /** Forms without their hyphens and spaces (“tmobile” for T-Mobile), which count only in a handle or hashtag. */
  squashed: Set<string>;
}

export interface CompiledPolicy {
  readonly rules: readonly CompiledRule[];
  /** Rules left out because their own examples failed, and why. */
  readonly warnings: readonly string[];
  readonly automaton: Automaton;
  readonly prefixTerms: ReadonlySet<string>;
  /** List payloads whose hits are checked for case and cancelling contexts. */
  readonly listChecks: ReadonlyMap<number, ListCheck>;
  /** Folded list term → the payload of its cancelling contexts. */
  readonly contexts: ReadonlyMap<string, number>;
}

type Lists = Record<string, readonly ListEntry[]>;
type Homonyms = Record<string, readonly string[]>;

const latinLetter = /[A-Za-z]/;
const capital = /[A-Z\uFF21-\uFF3A]/;
export const entryTerm = (entry: ListEntry): string => (typeof entry === 'string' ? entry : entry.term);
/**
 * Latin proper nouns in lists (terms written with a capital: “Apple”, “Oracle”)
 * match case-sensitively unless the entry says otherwise; a term written all
 * in lower case matches any case.
 */
const isCaseSensitive = (entry: ListEntry): boolean => capital.test(entryTerm(entry)) && (typeof entry === 'string' || entry.caseSensitive !== false);

/**
 * Cancelling contexts count within this many code units of a Chinese term, in
 * the same sentence; an English post says the same in more letters, and its
 * context may sit in the sentence before (“Clear skies tonight. Found Polaris”).
 */
const contextWindow = 20;
const latinContextWindow = 60;
const sentenceEnd = /[。！？!?；;\n]|\.\s/;

class Builder {
  readonly automaton = new Automaton();
  readonly prefixTerms = new Set<string>();
  readonly listChecks = new Map<number, ListCheck>();
  readonly contexts = new Map<string, number>();
  private payloads = 0;
  // A named list is registered once however many rules use it (10,000 competitors, twice, would cost twice).
  private readonly listPayloads = new Map<string, number>();
  /** Folded variant of a homonym → its table key; each key's contexts are registered once. */
  private readonly homonymKeys = new Map<string, string>();
  private readonly contextPayloads = new Map<string, number>();

  constructor(
    private readonly lists: Lists,
    private readonly homonyms: Homonyms = {},
  ) {
    for (const key of Object.keys(homonyms)) for (const variant of scriptVariants(key)) this.homonymKeys.set(foldText(variant), key);
  }

  /** Payload ids under which the inline terms and each named list are found. */
  terms(inline: readonly string[] | undefined, listNames: readonly string[] | undefined): number[] {
    const ids: number[] = [];
    if (inline && inline.length > 0) ids.push(this.register(inline));
    for (const name of listNames ?? []) {
      let id = this.listPayloads.get(name);
      if (id === undefined) this.listPayloads.set(name, (id = this.registerList(this.lists[name] ?? [])));
      ids.push(id);
    }
    return ids;
  }

  private register(terms: readonly string[]): number {
    const payload = this.payloads++;
    this.add(payload, terms);
    return payload;
  }

  private add(payload: number, terms: readonly string[]): void {
    for (const raw of terms) this.addTerm(payload, raw);
  }

  /** One term's script variants under the payload; `each` sees every folded variant added. */
  private addTerm(payload: number, raw: string, each?: (folded: string, variant: string) => void): void {
    const prefix = raw.endsWith('*');
    for (const variant of scriptVariants((prefix ? raw.slice(0, -1) : raw).trim())) {
      const folded = foldText(variant);
      if (folded.length === 0) continue;
      if (prefix) this.prefixTerms.add(folded);
      this.automaton.add(folded, payload);
      each?.(folded, variant);
    }
  }

  private registerList(entries: readonly ListEntry[]): number {
    const cased = new Map<string, string[]>();
    const anyCase = new Set<string>();
    const squashed = new Set<string>();
    const payload = this.payloads++;
    let sensitive = false;
    // One callback for the whole list: a closure per entry costs at 10,000 entries.
    const each = (folded: string, variant: string) => {
      if (!sensitive) anyCase.add(folded);
      else {
        const form = foldWidth(variant);
        const forms = cased.get(folded);
        if (forms) forms.push(form);
        else cased.set(folded, [form]);
      }
      if (this.homonymKeys.has(folded)) this.contextsFor(folded);
      if (folded.includes('-') || folded.includes(' ')) {
        const joined = folded.replace(/[-\s]/g, '');
        if (latinLetter.test(joined)) {
          squashed.add(joined);
          this.automaton.add(joined, payload);
        }
      }
    };
    for (const entry of entries) {
      sensitive = isCaseSensitive(entry);
      this.addTerm(payload, entryTerm(entry), each);
    }
    for (const folded of anyCase) cased.delete(folded);
    for (const form of cased.keys()) squashed.delete(form);
    this.listChecks.set(payload, { cased, squashed });
    return payload;
  }

  private contextsFor(folded: string): void {
    const key = this.homonymKeys.get(folded);
    if (key === undefined || this.contexts.has(folded)) return;
    let id = this.contextPayloads.get(key);
    if (id === undefined) this.contextPayloads.set(key, (id = this.register(this.homonyms[key] ?? [])));
    this.contexts.set(folded, id);
  }
}

const hitsOf = (scan: Scan, payloads: readonly number[]): TextSpan[] =>
  payloads.length === 1 ? (scan.hits.get(payloads[0] as number) ?? []) : payloads.flatMap((p) => scan.hits.get(p) ?? []);
const covers = (outer: TextSpan, inner: TextSpan) => outer.start <= inner.start && inner.end <= outer.end;

/** Leftmost-longest, non-overlapping: "最低价" wins over "最低" at the same place. */
function longestFirst(spans: TextSpan[]): TextSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TextSpan[] = [];
  let reach = -1;
  for (const span of sorted) {
    if (span.start >= reach) {
      out.push(span);
      reach = span.end;
    }
  }
  return out;
}

function patternSpans(pattern: RegExp, folded: string): TextSpan[] {
  const out: TextSpan[] = [];
  for (const m of folded.matchAll(pattern)) if (m[0].length > 0) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

function compileRule(definition: RuleDefinition, severity: Severity, b: Builder): CompiledRule {
  const withAllow = (allowPayloads: readonly number[], find: (scan: Scan) => TextSpan[]) => (scan: Scan) => {
    const allowed = hitsOf(scan, allowPayloads);
    return longestFirst(find(scan).filter((span) => !allowed.some((a) => covers(a, span))));
  };
  const rule = (find: (scan: Scan) => TextSpan[]): CompiledRule => ({ definition, severity, find });

  switch (definition.type) {
    case 'lexicon': {
      const terms = b.terms(definition.terms, definition.lists);
      return rule(withAllow(b.terms(definition.allow, undefined), (scan) => hitsOf(scan, terms)));
    }
    case 'pattern': {
      const pattern = regex(definition.pattern);
      const over = definition.caseSensitive ? (scan: Scan) => scan.cased() : (scan: Scan) => scan.folded;
      // A pattern only runs when one of its required terms occurs: the automaton has already looked.
      const required = b.terms(definition.requires, undefined);
      return rule(
        withAllow(b.terms(definition.allow, undefined), (scan) =>
          required.length > 0 && hitsOf(scan, required).length === 0 ? [] : patternSpans(pattern, over(scan)),
        ),
      );
    }
    case 'pii':
      return rule((scan) => findPii(definition.kind, scan.folded));
    case 'occurrence':
      return rule((scan) => measure(definition.measure, scan.text, scan.folded, definition.min));
    case 'proximity': {
      const side = (spec: typeof definition.a) => {
        const terms = b.terms(spec.terms, spec.lists);
        const pattern = spec.pattern ? regex(spec.pattern) : null;
        return withAllow(b.terms(spec.allow, undefined), (scan) => [
          ...hitsOf(scan, terms),
          ...(pattern ? patternSpans(pattern, spec.caseSensitive ? scan.cased() : scan.folded) : []),
        ]);
      };
      const findA = side(definition.a);
      const findB = side(definition.b);
      const findC = definition.c ? side(definition.c) : null;
      const findUnless = definition.unless ? side(definition.unless) : null;
      const { window } = definition;
      const nearTo = (a: TextSpan) => (s: TextSpan) => Math.max(s.start - a.end, a.start - s.end, 0) <= window;
      // The side without a pattern is nearly free (automaton hits): look there first.
      const bFirst = definition.a.pattern !== undefined && definition.b.pattern === undefined;
      return rule((scan) => {
        const first = bFirst ? findB(scan) : findA(scan);
        if (first.length === 0) return [];
        const [as, bs] = bFirst ? [findA(scan), first] : [first, findB(scan)];
        if (as.length === 0 || bs.length === 0) return [];
        const cs = findC ? findC(scan) : null;
        if (cs && cs.length === 0) return [];
        const unless = findUnless ? findUnless(scan) : [];
        const out: TextSpan[] = [];
        for (const a of as) {
          const near = bs.find(nearTo(a));
          if (!near) continue;
          const third = cs ? cs.find(nearTo(a)) : undefined;
          if (cs && !third) continue;
          if (unless.some(nearTo(a))) continue;
          const parts = third ? [a, near, third] : [a, near];
          out.push({ start: Math.min(...parts.map((p) => p.start)), end: Math.max(...parts.map((p) => p.end)) });
        }
        return longestFirst(out);
      });
    }
    case 'length':
      return rule((scan) => {
        const cut = scan.length().overflowStart(definition.at ?? platformLimits[scan.platform]);
        return cut === null ? [] : [{ start: cut, end: scan.text.length }];
      });
    case 'format':
      return rule((scan) => checkFormat(definition.check, scan.text, scan.platform));
  }
}

/** A term without its `*` (takes word endings) and surrounding spaces, as variants are made of it. */
const bare = (term: string) => (term.endsWith('*') ? term.slice(0, -1) : term).trim();

/**
 * Every term the rules may register, so their script variants are made in one
 * batch; a named list is counted once however many rules use it.
 */
export function termsOf(definitions: readonly RuleDefinition[], lists: Lists, homonyms: Homonyms): string[] {
  const out: string[] = [];
  const listNames = new Set<string>();
  for (const definition of definitions) {
    const sources = definition.type === 'proximity' ? [definition.a, definition.b, definition.c, definition.unless] : [definition];
    for (const source of sources) {
      if (!source) continue;
      if ('terms' in source) out.push(...(source.terms ?? []));
      if ('allow' in source) out.push(...(source.allow ?? []));
      if ('requires' in source) out.push(...(source.requires ?? []));
      if ('lists' in source) for (const name of source.lists ?? []) listNames.add(name);
    }
  }
  for (const name of listNames) for (const entry of lists[name] ?? []) out.push(entryTerm(entry));
  for (const [term, contexts] of Object.entries(homonyms)) out.push(term, ...contexts);
  return out.map(bare);
}

function build(rules: readonly { definition: RuleDefinition; severity: Severity }[], lists: Lists, homonyms: Homonyms = {}) {
  prepareVariants(termsOf(rules.map((r) => r.definition), lists, homonyms));
  const builder = new Builder(lists, homonyms);
  const compiled = rules.map((r) => compileRule(r.definition, r.severity, builder));
  builder.automaton.build();
  return { rules: compiled, automaton: builder.automaton, prefixTerms: builder.prefixTerms, listChecks: builder.listChecks, contexts: builder.contexts };
}

/** A list hit stands when its case fits (capitals and @/# handles always do) and no cancelling context is near it. */
function listHitStands(policy: Pick<CompiledPolicy, 'contexts'>, check: ListCheck, s: Pick<Scan, 'text' | 'folded' | 'hits'>, span: TextSpan): boolean {
  const key = s.folded.slice(span.start, span.end);
  const handle = span.start > 0 && (s.text[span.start - 1] === '@' || s.text[span.start - 1] === '#');
  if (check.squashed.has(key) && !handle) return false;
  const forms = check.cased.get(key);
  if (forms && !handle) {
    const written = foldWidth(s.text.slice(span.start, span.end));
    if (!forms.some((form) => written === form || written === form.toUpperCase())) return false;
  }
  const contextPayload = policy.contexts.get(key);
  if (contextPayload === undefined) return true;
  const latin = isWordUnit(key.charCodeAt(0));
  return !(s.hits.get(contextPayload) ?? []).some((c) => {
    const gap = Math.max(c.start - span.end, span.start - c.end, 0);
    if (latin) return gap <= latinContextWindow;
    if (gap > contextWindow) return false;
    return gap === 0 || !sentenceEnd.test(s.folded.slice(Math.min(c.end, span.end), Math.max(c.start, span.start)));
  });
}

function scan(policy: Pick<CompiledPolicy, 'automaton' | 'prefixTerms' | 'listChecks' | 'contexts'>, text: string, platform: Platform): Scan {
  const folded = foldText(text);
  const hits = new Map<number, TextSpan[]>();
  policy.automaton.scan(folded, ({ start, end: termEnd, payloads }) => {
    // Alphabetic terms only match whole words; a "*" term takes the rest of its word (idiot* → idiots).
    if (isWordUnit(folded.charCodeAt(start)) && start > 0 && isWordUnit(folded.charCodeAt(start - 1))) return;
    let end = termEnd;
    // A hashtag may run a name into other words: #SprintLikeHell names Sprint.
    const tagged = start > 0 && folded.charCodeAt(start - 1) === 0x23;
    if (!tagged && isWordUnit(folded.charCodeAt(end - 1)) && end < folded.length && isWordUnit(folded.charCodeAt(end))) {
      if (!policy.prefixTerms.has(folded.slice(start, end))) return;
      while (end < folded.length && isWordUnit(folded.charCodeAt(end))) end++;
    }
    for (const payload of payloads) {
      let list = hits.get(payload);
      if (!list) hits.set(payload, (list = []));
      list.push({ start, end });
    }
  });
  for (const [payload, check] of policy.listChecks) {
    const spans = hits.get(payload);
    if (spans) hits.set(payload, spans.filter((span) => listHitStands(policy, check, { text, folded, hits }, span)));
  }
  let measured: LengthMeasure | null = null;
  const length = () => (measured ??= measureLength(text, platform));
  let cased: string | null = null;
  return { text, folded, cased: () => (cased ??= foldWidth(text)), platform, hits, length };
}

const appliesTo = (definition: RuleDefinition, platform: Platform) => !definition.platforms || definition.platforms.includes(platform);

/** `{{字*141}}` in an example stands for the character repeated, for length rules. */
const expandExample = (example: string) => example.replace(/\{\{(.+?)\*(\d+)\}\}/g, (_m, unit: string, times: string) => unit.repeat(Number(times)));

const verified = new WeakMap<RuleDefinition, string | null>();

/**
 * Runs each rule's own examples and remembers why a rule fails, or null when
 * it behaves. The rules not yet verified are compiled together, once: every
 * rule reads only its own payloads, so one automaton serves them all (one
 * build per rule cost ~0.2 s, most of it garbage collection).
 */
function verifyAll(pack: RulePack): void {
  const pending = pack.rules.filter((definition) => !verified.has(definition));
  if (pending.length === 0) return;
  const lists = { ...pack.lists, ...pack.exampleLists };
  prepareVariants(termsOf(pending, lists, pack.homonyms));
  const together = build(
    pending.map((definition) => ({ definition, severity: definition.severity })),
    lists,
    pack.homonyms,
  );
  const scans = new Map<string, Scan>();
  pending.forEach((definition, i) => {
    const rule = together.rules[i] as CompiledRule;
    const platform = definition.examples.platform ?? definition.platforms?.[0] ?? 'weibo';
    const fires = (example: string) => {
      const text = expandExample(example);
      const key = `${platform}\n${text}`;
      let s = scans.get(key);
      if (!s) scans.set(key, (s = scan(together, text, platform)));
      return rule.find(s).length > 0;
    };
    const missed = definition.examples.fire.find((e) => !fires(e));
    const wrong = missed === undefined ? definition.examples.pass.find((e) => fires(e)) : undefined;
    verified.set(
      definition,
      missed !== undefined
        ? `rule ${definition.id}: example should fire but does not: “${missed}”`
        : wrong !== undefined
          ? `rule ${definition.id}: example should pass but fires: “${wrong}”`
          : null,
    );
  });
}

/**
 * Compiles a policy file's parsed JSON on top of the built-in pack. Throws a
 * CountersignError (`invalid`) naming the file, the path inside it and the
 * problem; rules whose own examples fail are left out with a warning.
 */
export function compilePolicy(source: unknown = {}, options: { file?: string; pack?: RulePack } = {}): CompiledPolicy {
  const pack = options.pack ?? defaultPack();
  const file = options.file ?? 'policy';
  const parsed = policyFileSchema.safeParse(source);
  if (!parsed.success) throw invalidPolicy(file, policyIssues(parsed.error));
  const policy: PolicyFile = parsed.data;

  const problems: string[] = [];
  const lists: Record<string, ListEntry[]> = Object.fromEntries(Object.entries(pack.lists).map(([k, v]) => [k, [...v]]));
  // Own lists only: `constructor` or `toString` would find Object.prototype's members.
  const known = (field: string, name: string) => {
    const list = Object.hasOwn(lists, name) ? lists[name] : undefined;
    if (!list) problems.push(`${field}.${name}: unknown list; known lists: ${Object.keys(lists).join(', ')}`);
    return list;
  };
  for (const [name, terms] of Object.entries(policy.exclude ?? {})) {
    const list = known('exclude', name);
    const dropped = new Set(terms);
    if (list) lists[name] = list.filter((entry) => !dropped.has(entryTerm(entry)));
  }
  for (const [name, terms] of Object.entries(policy.lists ?? {})) known('lists', name)?.push(...terms);
  const homonyms: Record<string, string[]> = Object.fromEntries(Object.entries(pack.homonyms).map(([k, v]) => [k, [...v]]));
  for (const [term, contexts] of Object.entries(policy.homonyms ?? {})) homonyms[term] = [...new Set([...(Object.hasOwn(homonyms, term) ? (homonyms[term] ?? []) : []), ...contexts])];
  const ruleIds = new Set(pack.rules.map((r) => r.id));
  for (const id of Object.keys(policy.rules ?? {})) {
    if (!ruleIds.has(id)) problems.push(`rules["${id}"]: no such rule`);
  }
  if (problems.length > 0) throw invalidPolicy(file, problems.join('; '));

  const warnings: string[] = [];
  const active: { definition: RuleDefinition; severity: Severity }[] = [];
  verifyAll(pack);
  for (const definition of pack.rules) {
    const setting = policy.rules?.[definition.id]?.severity ?? definition.severity;
    if (setting === 'off') continue;
    const failure = verified.get(definition) ?? null;
    if (failure) warnings.push(failure);
    else active.push({ definition, severity: setting });
  }
  return { ...build(active, lists, homonyms), warnings };
}

function invalidPolicy(file: string, details: string): CountersignError {
  return new CountersignError('invalid', 'error.policyInvalid', { file, details });
}

function interpolate(template: string, match: string): string {
  return template.replaceAll('{match}', match);
}

/** Runs every rule of the policy over the text; findings come in text order. */
export function check(policy: CompiledPolicy, text: string, options: CheckOptions): CheckResult {
  const s = scan(policy, text, options.platform);
  const findings: Finding[] = [];
  for (const rule of policy.rules) {
    if (!appliesTo(rule.definition, options.platform)) continue;
    for (const span of rule.find(s)) findings.push(toFinding(rule, span, text, options.locale));
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  const limit = platformLimits[options.platform];
  const used = s.length().used;
  return { platform: options.platform, length: { used, limit }, findings: withoutRestatements(findings) };
}

/**
 * Drops a finding that only restates, over a wider span, one of the same
 * category and at least its severity: "手机13812345678" by label and the
 * mobile number inside it are one problem, to be justified once. The narrower
 * finding stays, as it says more precisely what is wrong. `sorted` is in text
 * order, so only findings that start inside one's span need looking at.
 */
function withoutRestatements(sorted: Finding[]): Finding[] {
  return sorted.filter((wide, i) => {
    for (let j = i + 1; j < sorted.length && sorted[j]!.start < wide.end; j++) if (restates(wide, sorted[j]!)) return false;
    for (let j = i - 1; j >= 0 && sorted[j]!.start === wide.start; j--) if (restates(wide, sorted[j]!)) return false;
    return true;
  });
}

function restates(wide: Finding, narrow: Finding): boolean {
  return (
    narrow.category === wide.category &&
    severities.indexOf(narrow.severity) >= severities.indexOf(wide.severity) &&
    narrow.start >= wide.start &&
    narrow.end <= wide.end &&
    narrow.end - narrow.start < wide.end - wide.start
  );
}

function toFinding(rule: CompiledRule, span: TextSpan, text: string, locale: Locale): Finding {
  const { definition } = rule;
  const match = text.slice(span.start, span.end);
  return {
    ruleId: definition.id,
    category: definition.category,
    severity: rule.severity,
    start: span.start,
    end: span.end,
    match,
    message: interpolate(definition.message[locale], match),
    ...(definition.suggestion ? { suggestion: interpolate(definition.suggestion[locale], match) } : {}),
  };
}
