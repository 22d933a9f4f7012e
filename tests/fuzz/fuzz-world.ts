import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Workstation } from '../../electron/core/workstation';
import { openNodeSettings } from '../../electron/core/settings';
import type { ApiResult } from '../../shared/errors';
import { contract } from '../../shared/contract';
import type { ChannelName } from '../../shared/channels';
import type { Profile } from '../../shared/model';
import type { FuzzWorld } from './payloads';

// The store the contract fuzz tests run against: one seeded data directory
// (profiles of every role, drafts in every status) copied afresh whenever a
// valid call changed it, so every run starts from the same state and a
// failure shrinks and replays.

/** Reproduce a run with FUZZ_SEED=<seed> (every run prints its seed); a failure also prints fast-check's seed and path. */
export const fuzzSeed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

/**
 * Runs per channel and session: a budget of calls for the whole file shared
 * by the channels, so the suite's time stays put as channels are added
 * (at least 8 each); FUZZ_RUNS=<runs per channel> overrides it for a soak.
 */
export function fuzzRuns(callBudget: number, channels: number, modes: number): number {
  if (process.env.FUZZ_RUNS) return Number(process.env.FUZZ_RUNS);
  return Math.max(8, Math.floor(callBudget / channels / modes));
}

/** Per session mode: enough for the default budget on a slow CI machine, and for a soak when FUZZ_RUNS is set. */
export const fuzzTimeout = process.env.FUZZ_RUNS ? 60 * 60_000 : 120_000;

export const people = {
  executive: 'Zhang Wei',
  otherExecutive: 'Wang Fang',
  reviewer: 'Li Na',
  admin: 'Chen Admin',
} as const;
/** Who the host's session is during a run; `none` is a window where nobody has picked a profile. */
export type SessionMode = 'executive' | 'reviewer' | 'admin' | 'none';
export const sessionModes: readonly SessionMode[] = ['executive', 'reviewer', 'admin', 'none'];
export const profileFor = (mode: SessionMode): string | null => (mode === 'none' ? null : people[mode]);

const made: string[] = [];

/** A fresh directory under the OS temp dir, removed by `removeFuzzDirs`. */
export function fuzzDir(prefix = 'countersign-fuzz-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeFuzzDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function openStore(dataDir: string): Promise<Workstation> {
  return Workstation.open({ dataDir, settings: openNodeSettings(dataDir), warn: () => undefined, command: 'countersign fuzz test' });
}

/**
 * Seeds the template: four profiles and a draft in every status, including
 * one whose phone number is an `error` finding and one published with a link.
 */
export async function seedTemplate(): Promise<{ dir: string; world: FuzzWorld }> {
  const dir = fuzzDir('countersign-fuzz-template-');
  const ws = await openStore(dir);
  try {
    const add = async (name: string, role: Profile['role']) => ws.profiles.add({ name, role }, 'terminal');
    const exec = await add(people.executive, 'executive');
    const other = await add(people.otherExecutive, 'executive');
    const reviewer = await add(people.reviewer, 'reviewer');
    await add(people.admin, 'admin');
    const submit = async (text: string, by = exec) => (await ws.drafts.act('submit', by, { platform: 'weibo', text, purpose: 'product' })).id;

    const saved = (await ws.drafts.act('save', exec, { platform: 'x', text: 'A saved draft, not yet sent.' })).id;
    const pending = await submit('下周我们会在上海发布新一代扫地机器人，欢迎大家来现场体验。');
    const withError = await submit('有事打我手机13812345678');
    const othersPending = await submit('Wang Fang 的草稿：感谢客户的反馈。', other);
    const changes = await submit('需要修改的草稿。');
    await ws.drafts.act('request_changes', reviewer, { id: changes, comment: '请补充细节。' });
    const edited = await submit('审核人会修改这段文字。');
    await ws.drafts.act('edit', reviewer, { id: edited, text: '审核人修改过的文字。', comment: '措辞更中性。' });
    await ws.drafts.act('approve', reviewer, { id: edited });
    // Approved drafts are where publishing and its link are reached; three of them make those calls common.
    const approvedIds: string[] = [];
    for (const text of ['已批准的草稿。', 'Approved, not yet out.', 'Approved as well.']) {
      const id = await submit(text);
      await ws.drafts.act('approve', reviewer, { id, comment: '可以发' });
      approvedIds.push(id);
    }
    const [approved, approvedX, approvedLinkedIn] = approvedIds as [string, string, string];
    const published = await submit('已发布的草稿。');
    await ws.drafts.act('approve', reviewer, { id: published });
    await ws.drafts.act('publish', exec, { id: published, url: 'https://weibo.com/1234567890/Abc123' });
    const rejected = await submit('被拒绝的草稿。');
    await ws.drafts.act('reject', reviewer, { id: rejected, reason: '不合适。' });
    const withdrawn = await submit('撤回的草稿。');
    await ws.drafts.act('withdraw', exec, { id: withdrawn });

    const ruleIds = [...new Set((await ws.drafts.get(withError)).revisions.flatMap((r) => r.findings.map((f) => f.ruleId)))];
    if (!ruleIds.includes('privacy.mobile-cn')) throw new Error(`the seeded error finding is missing: ${ruleIds.join(', ')}`);
    const world: FuzzWorld = {
      draftIds: [saved, pending, withError, othersPending, changes, edited, approved, approvedX, approvedLinkedIn, published, rejected, withdrawn],
      approvedIds: [approved, approvedX, approvedLinkedIn],
      profileNames: Object.values(people),
      ruleIds,
    };
    return { dir, world };
  } finally {
    await ws.close();
  }
}

/** A copy of the template with `lastProfile` set as the session mode wants (the loopback host starts from it). */
export function modeTemplate(template: string, mode: SessionMode): string {
  const dir = copyDir(template);
  openNodeSettings(dir).lastProfile = profileFor(mode);
  return dir;
}

/** A fresh copy of a seeded directory. */
export function copyDir(from: string): string {
  const dir = fuzzDir();
  fs.cpSync(from, dir, { recursive: true });
  return dir;
}

/** Removes one directory made by `fuzzDir` now (a store replaced by a fresh copy). */
export function removeFuzzDir(dir: string): void {
  const at = made.indexOf(dir);
  if (at !== -1) made.splice(at, 1);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Every file of the data directory, byte for byte. */
export function readFiles(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (at: string, prefix: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full, `${prefix}${entry.name}/`);
      else files.set(`${prefix}${entry.name}`, fs.readFileSync(full));
    }
  };
  walk(dir, '');
  return files;
}

/** How two readings of the data directory differ, or null when they are the same bytes. */
export function filesDiffer(before: Map<string, Buffer>, after: Map<string, Buffer>): string | null {
  const names = new Set([...before.keys(), ...after.keys()]);
  for (const name of [...names].sort()) {
    const a = before.get(name);
    const b = after.get(name);
    if (!a) return `${name} appeared`;
    if (!b) return `${name} disappeared`;
    if (!a.equals(b)) return `${name} changed (${a.length} → ${b.length} bytes)`;
  }
  return null;
}

/** The data files the issue names; the tests require them to exist, so an empty comparison cannot pass. */
export const storeFiles = ['drafts.journal.jsonl', 'settings.json'];

/**
 * Object.prototype (and Array's and Function's) as property descriptors,
 * compared by identity, so pollution shows even when it replaces a member.
 */
export function prototypeSnapshot(): () => string | null {
  const protos = { 'Object.prototype': Object.prototype, 'Array.prototype': Array.prototype, 'Function.prototype': Function.prototype };
  const take = () =>
    Object.entries(protos).map(([name, proto]) => ({
      name,
      proto,
      keys: new Map(Reflect.ownKeys(proto).map((key) => [key, Object.getOwnPropertyDescriptor(proto, key)!])),
    }));
  const before = take();
  return () => {
    for (const { name, proto, keys } of before) {
      if (Object.getPrototypeOf(proto) !== (proto === Object.prototype ? null : Object.prototype)) return `${name} has a new prototype`;
      const now = Reflect.ownKeys(proto);
      if (now.length !== keys.size) return `${name} has ${now.length - keys.size} new keys: ${now.filter((k) => !keys.has(k)).map(String).join(', ')}`;
      for (const key of now) {
        const was = keys.get(key);
        const is = Object.getOwnPropertyDescriptor(proto, key)!;
        if (!was || !Object.is(was.value, is.value) || was.get !== is.get || was.set !== is.set) return `${name}.${String(key)} changed`;
      }
    }
    return null;
  };
}

/** Whether a request fails the channel's contract schema (the answer must then be a validation error). */
export function failsSchema(channel: ChannelName, payload: unknown): boolean {
  const entry = (contract as Partial<Record<ChannelName, { request: { safeParse(v: unknown): { success: boolean } } }>>)[channel];
  if (!entry) throw new Error(`channel ${channel} has no request schema in shared/contract.ts`);
  return !entry.request.safeParse(payload).success;
}

/** The error kinds a call may answer with for a request that passes the schema. */
export const expectedRefusals = new Set(['invalid', 'refused', 'not_found']);

/** Checks the answer is an ApiResult; returns why not, or null. */
export function apiResultProblem(result: unknown): string | null {
  if (typeof result !== 'object' || result === null) return `not an object: ${String(result)}`;
  const r = result as ApiResult<unknown>;
  if (r.ok === true) return 'value' in r ? null : 'ok without value';
  if (r.ok !== false) return `ok is ${String((r as { ok: unknown }).ok)}`;
  const e = r.error as unknown as Record<string, unknown> | undefined;
  if (!e || typeof e.kind !== 'string' || typeof e.code !== 'string' || typeof e.message !== 'string' || typeof e.params !== 'object' || e.params === null) {
    return `error is not an ApiError: ${JSON.stringify(e)}`;
  }
  return null;
}

/** Reopens the data directory in a second workstation: what a valid call wrote must read back. */
export async function reopenProblem(dir: string, ids: readonly string[]): Promise<string | null> {
  try {
    const ws = await openStore(dir);
    try {
      await ws.drafts.list();
      ws.profiles.list();
      ws.policy.current();
      for (const id of ids) await ws.drafts.get(id);
    } finally {
      await ws.close();
    }
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

// C0 controls but tab, line feed and carriage return; DEL; C1 controls: what the text rules refuse everywhere.
// eslint-disable-next-line no-control-regex
const storedControl = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * A control character in any string the store holds (journal records and
 * settings), or null: what a valid call stores is printed by the CLI and
 * shown in the UI, and an escape sequence must not ride along.
 */
export function storedControlProblem(dir: string): string | null {
  const found: string[] = [];
  const walk = (value: unknown, at: string) => {
    if (typeof value === 'string') {
      const m = storedControl.exec(value);
      if (m) found.push(`${at} holds U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${at}[${i}]`));
    else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walk(v, `${at}.${k}`);
  };
  const journal = fs.readFileSync(path.join(dir, 'drafts.journal.jsonl'), 'utf8').split('\n');
  journal.forEach((line, i) => {
    if (i > 0 && line !== '') walk(JSON.parse(line.slice(line.indexOf(' ') + 1)), `journal line ${i + 1}`);
  });
  walk(JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')), 'settings');
  return found.length > 0 ? found.join('; ') : null;
}

/** Collects unhandled rejections and uncaught exceptions while a test runs. */
export function watchUnhandled(): { errors: unknown[]; stop(): void } {
  const errors: unknown[] = [];
  const onError = (err: unknown) => errors.push(err);
  process.on('unhandledRejection', onError);
  process.on('uncaughtException', onError);
  return {
    errors,
    stop: () => {
      process.off('unhandledRejection', onError);
      process.off('uncaughtException', onError);
    },
  };
}

/** A short description of a payload for failure messages (huge strings abbreviated). */
export function brief(value: unknown): string {
  if (Buffer.isBuffer(value)) return `body of ${value.length} bytes: ${brief(value.subarray(0, 200).toString('utf8'))}`;
  let text: string;
  try {
    text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'string' && v.length > 80 ? `${v.slice(0, 40)}…(${v.length} chars)` : v)) ?? String(value);
  } catch {
    // Too deep for JSON.stringify (and for String on nested arrays).
    text = Array.isArray(value) ? '[deeply nested array]' : typeof value === 'object' && value !== null ? '{deeply nested object}' : String(value);
  }
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}
