import crypto from 'node:crypto';
import fs from 'node:fs';
import { CountersignError } from '../../shared/errors';
import type { Locale } from '../../shared/i18n/translate';
import type { JournalRecord } from './store/journal-records';
import type { Draft, DraftSummary, Override, Platform, Profile, Purpose, Role } from '../../shared/model';
import { draftTextProblem, noteProblem, profileNameProblem, type NoteKind } from '../../shared/text-rules';
import { check, compilePolicy, type CompiledPolicy } from '../../shared/rules/engine';
import { policyFileSchema, type PolicyFile } from '../../shared/rules/policy-schema';
import type { Finding, RuleCategory } from '../../shared/rules/types';
import { computeDashboard } from './log/dashboard';
import { checkLogFilter, matchesLogFilter } from './log/log-format';
import type { ChainHead, DashboardStats, ExportFormat, LogFilter } from '../../shared/log/log-query';
import type { LogRecord } from '../../shared/log/log-record';
import { toLogRecord } from './log/log-facts';
import { writeLog, type ExportSummary, type TextSink } from './log/log-export';
import { decide, workflowTable, type WorkflowAction, type WorkflowSettings } from '../../shared/workflow';
import { DraftStore, type DraftFilter } from './store/draft-store';
import type { QueuePage, QueueQuery } from '../../shared/queue-query';
import { QueueIndex } from './queue-index';
import type { Settings } from './settings';
import { actedInJournal } from './store/journal-tail';
import { waitsFor } from '../../shared/notifications';
import type { Preferences, Theme } from '../../shared/preferences';

export interface WorkstationOptions {
  dataDir: string;
  settings: Settings;
  clock?: () => Date;
  newId?: () => string;
  warn?: (message: string) => void;
  /** How other processes name this one while it holds the write lock. */
  command?: string;
  snapshotEvery?: number;
}

/** How far a log export got: drafts looked at, of all drafts in the store. */
export type ExportProgress = (done: number, total: number) => void;

/** Drafts between two progress reports: about 0.1 s of a large export. */
const progressEvery = 5_000;

export interface Changes {
  drafts?: boolean;
  profiles?: boolean;
  policy?: boolean;
  /** Theme or default platform (the language is read with the session). */
  preferences?: boolean;
}

export interface NewDraft {
  platform: Platform;
  text: string;
  purpose?: Purpose | undefined;
  crisis?: boolean | undefined;
}

export interface ApproveInput {
  id: string;
  comment?: string | undefined;
  /** Covers every `error` finding that has no justification of its own in `overrides`. */
  justification?: string | undefined;
  overrides?: { ruleId: string; start: number; justification: string }[] | undefined;
}

/** What an action adds to its record besides who, when and the resulting status. */
interface RecordDetails {
  /** New text: the action makes a revision. */
  text?: string;
  findings?: Finding[];
  comment?: string;
  overrides?: Override[];
  publishedAt?: string;
  url?: string;
}

/**
 * The workstation core: profiles, the draft queue and the workflow, on files
 * in one data directory. Every host (desktop app, CLI, loopback host) drives
 * this one class; it decides, the hosts only adapt.
 */
export class Workstation {
  private readonly listeners = new Set<(changes: Changes) => void>();
  /** The policy as last read, keyed by the settings file's identity so an action does not re-read and re-parse it. */
  private compiled: { stamp: string; source: PolicyFile; policy: CompiledPolicy } | null = null;
  private readonly clock: () => Date;
  private readonly newId: () => string;

  private constructor(
    readonly settings: Settings,
    private readonly store: DraftStore,
    options: WorkstationOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.newId = options.newId ?? (() => crypto.randomBytes(6).toString('hex'));
  }

  static open(options: WorkstationOptions): Workstation {
    const store = DraftStore.open({
      dataDir: options.dataDir,
      warn: options.warn ?? ((m) => console.warn(m)),
      command: options.command ?? `countersign (process ${process.pid})`,
      ...(options.snapshotEvery ? { snapshotEvery: options.snapshotEvery } : {}),
    });
    try {
      // Reading settings once here reports a damaged settings file at start.
      void options.settings.profiles;
    } catch (err) {
      store.close();
      throw err;
    }
    return new Workstation(options.settings, store, options);
  }

  get dataDir(): string {
    return this.store.dataDir;
  }

  /** Applies what other processes appended; true when anything changed. */
  refresh(): boolean {
    const changed = this.store.refresh() > 0;
    if (changed) this.notify({ drafts: true });
    return changed;
  }

  listProfiles(): Profile[] {
    return this.settings.profiles;
  }

  requireProfile(name: string): Profile {
    const profile = this.settings.profiles.find((p) => p.name === name.trim());
    if (!profile) throw new CountersignError('not_found', 'error.profileNotFound', { name });
    return profile;
  }

  /** `by` is the acting profile, or `terminal` for someone at the OS account's shell (the CLI). */
  addProfile(input: { name: string; role: Role }, by: Profile | null | 'terminal'): Profile {
    const problem = profileNameProblem(input.name);
    if (problem) throw problem;
    const profiles = this.settings.profiles;
    if (by !== 'terminal' && profiles.length > 0 && by?.role !== 'admin') {
      throw new CountersignError('refused', 'error.profilesLocked');
    }
    const name = input.name.trim().normalize('NFC');
    if (profiles.some((p) => p.name.toLowerCase() === name.toLowerCase())) {
      throw new CountersignError('invalid', 'error.profileExists', { name });
    }
    const profile: Profile = { name, role: input.role, createdAt: this.clock().toISOString() };
    this.settings.profiles = [...profiles, profile];
    this.notify({ profiles: true });
    return profile;
  }

  listDrafts(filter: DraftFilter = {}): DraftSummary[] {
    this.refresh();
    return this.store.list(filter);
  }

  getDraft(id: string): Draft {
    this.refresh();
    const draft = this.store.draft(id);
    if (!draft) throw new CountersignError('not_found', 'error.draftNotFound', { id });
    return draft;
  }

  // The reviewer's queue. Indexing and sorting 100,000 summaries costs
  // 0.1–0.3 s, so the index is kept until the journal's chain head moves (an
  // action here, or records another process appended).
  private queue: { head: string; index: QueueIndex } | null = null;

  /** One window of the filtered, ordered queue with its total and the counts per status. */
  queryQueue(query: QueueQuery): QueuePage {
    this.refresh();
    const head = this.store.head.hash;
    if (this.queue?.head !== head) this.queue = { head, index: QueueIndex.build(this.store.list()) };
    return this.queue.index.query(query);
  }

  saveDraft(actor: Profile, input: NewDraft): DraftSummary {
    return this.create(actor, 'save', [input])[0]!;
  }

  /** A new draft into the queue, or one the author saved earlier (optionally with new text). */
  submitDraft(actor: Profile, input: NewDraft | { id: string; text?: string | undefined }): DraftSummary {
    if (!('id' in input)) return this.create(actor, 'submit', [input])[0]!;
    return this.act(actor, 'submit', input.id, (draft) => this.revised(draft, input.text));
  }

  /** Many new drafts in one group commit (one write, one fsync). */
  importDrafts(actor: Profile, inputs: readonly NewDraft[]): DraftSummary[] {
    return this.create(actor, 'submit', inputs);
  }

  /** Holds the write lock across several calls, so a bulk import is not interleaved; returns the release. */
  holdWriteLock(): () => void {
    return this.store.hold();
  }

  withdrawDraft(actor: Profile, input: { id: string; comment?: string | undefined }): DraftSummary {
    return this.act(actor, 'withdraw', input.id, () => note(input.comment, 'comment', false));
  }

  editDraft(actor: Profile, input: { id: string; text: string; comment?: string | undefined }): DraftSummary {
    return this.act(actor, 'edit', input.id, (draft) => {
      if (input.text === draft.text) throw new CountersignError('invalid', 'error.editUnchanged');
      return { ...this.revised(draft, input.text), ...note(input.comment, 'comment', false) };
    });
  }

  requestChanges(actor: Profile, input: { id: string; comment: string }): DraftSummary {
    return this.act(actor, 'request_changes', input.id, () => note(input.comment, 'comment', true));
  }

  rejectDraft(actor: Profile, input: { id: string; reason: string }): DraftSummary {
    return this.act(actor, 'reject', input.id, () => note(input.reason, 'reason', true));
  }

  /** Refused while an `error` finding stands without a written justification; each one given is recorded. */
  approveDraft(actor: Profile, input: ApproveInput): DraftSummary {
    return this.act(actor, 'approve', input.id, (draft) => {
      // Re-checked under today's policy: what the approver approved against is on the record.
      const findings = this.findings(draft.text, draft.platform);
      const errors = findings.filter((f) => f.severity === 'error');
      const overrides: Override[] = [];
      const unjustified: string[] = [];
      for (const f of errors) {
        const own = input.overrides?.find((o) => o.ruleId === f.ruleId && o.start === f.start)?.justification;
        const justification = (own ?? input.justification)?.trim();
        if (!justification) unjustified.push(f.ruleId);
        else overrides.push({ ruleId: f.ruleId, start: f.start, end: f.end, match: f.match, justification });
      }
      if (unjustified.length > 0) {
        throw new CountersignError('refused', 'error.unjustifiedErrors', { count: unjustified.length, rules: [...new Set(unjustified)].join(', ') });
      }
      for (const o of overrides) throwIf(noteProblem(o.justification, 'justification', true));
      return { findings, ...note(input.comment, 'comment', false), ...(overrides.length > 0 ? { overrides } : {}) };
    });
  }

  signOff(actor: Profile, input: { id: string; comment?: string | undefined }): DraftSummary {
    return this.act(actor, 'sign_off', input.id, () => note(input.comment, 'comment', false));
  }

  resubmitDraft(actor: Profile, input: { id: string; text?: string | undefined; comment?: string | undefined }): DraftSummary {
    return this.act(actor, 'resubmit', input.id, (draft) => ({ ...this.revised(draft, input.text), ...note(input.comment, 'comment', false) }));
  }

  publishDraft(actor: Profile, input: { id: string; publishedAt?: string | undefined; url?: string | undefined }): DraftSummary {
    return this.act(actor, 'publish', input.id, (draft) => {
      const url = input.url?.trim();
      if (url && !isWebUrl(url)) throw new CountersignError('invalid', 'error.urlInvalid', { url });
      const now = this.clock();
      // In the journal's own spelling: the contract's datetime allows any number of fraction digits, the journal 1 to 9.
      const publishedAt = input.publishedAt === undefined ? now.toISOString() : new Date(input.publishedAt).toISOString();
      // A post goes out after its approval and before now (with a little leeway for clocks).
      if (publishedAt < draft.updatedAt || Date.parse(publishedAt) > now.getTime() + 5 * 60_000) {
        throw new CountersignError('invalid', 'error.publishTimeInvalid', { at: publishedAt, approvedAt: draft.updatedAt });
      }
      return { publishedAt, ...(url ? { url } : {}) };
    });
  }

  commentOnDraft(actor: Profile, input: { id: string; text: string }): DraftSummary {
    return this.act(actor, 'comment', input.id, () => note(input.text, 'comment', true));
  }

  /** Only reviewers and admins (or someone at the terminal) may export the approved-post log or see its dashboard. */
  requireLogAccess(by: Profile | 'terminal'): void {
    if (by === 'terminal' || by.role === 'reviewer' || by.role === 'admin') return;
    throw new CountersignError('refused', 'error.logReviewersOnly', { actor: by.name, role: by.role });
  }

  /** The journal's chain head as of now, to be written down elsewhere. */
  chainHead(): ChainHead {
    this.refresh();
    return this.store.head;
  }

  /**
   * The approved-post log in journal order: each approved or published draft
   * that passes `filter`, made one at a time from the in-memory index (memory
   * does not grow with the export). Throws `invalid` for a bad date.
   */
  *logRecords(filter: LogFilter = {}, progress?: ExportProgress): Generator<{ record: LogRecord; categories: readonly RuleCategory[] }> {
    checkLogFilter(filter);
    this.refresh();
    const total = this.store.size;
    let done = 0;
    for (const { summary, log } of this.store.logEntries()) {
      if (progress && ++done % progressEvery === 0) progress(done, total);
      if (filter.platform !== undefined && summary.platform !== filter.platform) continue;
      if (filter.author !== undefined && summary.author !== filter.author) continue;
      const record = toLogRecord(summary, log);
      if (record && matchesLogFilter(record, filter)) yield { record, categories: log.approval!.categories };
    }
    progress?.(total, total);
  }

  /** Writes the approved-post log in `format` to `sink`; the caller checks who may (see requireLogAccess). */
  exportLog(format: ExportFormat, filter: LogFilter, sink: TextSink, progress?: ExportProgress): ExportSummary {
    checkLogFilter(filter);
    const records = (function* (items: Iterable<{ record: LogRecord }>) {
      for (const item of items) yield item.record;
    })(this.logRecords(filter, progress));
    return writeLog(records, format, sink, { filter, generatedAt: this.clock().toISOString() });
  }

  /** The dashboard's figures over the approved-post log. */
  dashboard(filter: LogFilter = {}): DashboardStats {
    checkLogFilter(filter);
    return computeDashboard(this.logRecords(filter));
  }

  /** The team's policy, compiled once per change of the settings file (by this or another process). */
  policy(): CompiledPolicy {
    return this.policyState().policy;
  }

  workflowSettings(): WorkflowSettings {
    return { authorSignOffOnEdits: this.policyState().source.workflow?.authorSignOffOnEdits ?? true };
  }

  private policyState(): { source: PolicyFile; policy: CompiledPolicy } {
    const stamp = fileStamp(this.settings.path);
    if (this.compiled?.stamp !== stamp) {
      const source = this.settings.policy;
      const previous = this.compiled;
      // A change elsewhere in the settings (a profile) keeps the compiled policy when the policy itself is the same.
      const policy = previous && JSON.stringify(previous.source) === JSON.stringify(source) ? previous.policy : compilePolicy(source, { file: this.settings.path });
      this.compiled = { stamp, source, policy };
    }
    return this.compiled;
  }

  /** Replaces the policy; only an admin may, and an invalid one is refused with the path of the problem. */
  setPolicy(actor: Profile, source: unknown): PolicyFile {
    if (actor.role !== 'admin') throw new CountersignError('refused', 'error.adminOnly', { actor: actor.name, role: actor.role });
    compilePolicy(source, { file: this.settings.path });
    // The parsed copy, not the request: over IPC a Date or a Map passes as an (empty) object but is not stored as one.
    const policy = policyFileSchema.parse(source);
    this.settings.policy = policy;
    this.notify({ policy: true });
    return policy;
  }

  get locale(): Locale | null {
    return this.settings.locale;
  }

  set locale(value: Locale | null) {
    this.settings.locale = value;
  }

  // --- Profiles, preferences and what waits for whom (Settings, notifications). ---

  /**
   * Renames a profile: an admin may rename anyone, a profile itself (or
   * someone at the terminal). The journal names who acted by name and is
   * never rewritten, so a name that is on record stays with its history:
   * renaming is refused once the profile has acted on any draft.
   */
  renameProfile(input: { name: string; newName: string }, by: Profile | 'terminal'): Profile {
    throwIf(profileNameProblem(input.newName));
    const target = this.requireProfile(input.name);
    if (by !== 'terminal' && by.role !== 'admin' && by.name !== target.name) {
      throw new CountersignError('refused', 'error.renameNotAllowed', { actor: by.name, role: by.role, name: target.name });
    }
    const newName = input.newName.trim().normalize('NFC');
    if (newName === target.name) return target;
    // Under the write lock: no draft can be written under the old name between the check and the rename.
    return this.store.transact(() => {
      const profiles = this.settings.profiles;
      if (profiles.some((p) => p.name !== target.name && p.name.toLowerCase() === newName.toLowerCase())) {
        throw new CountersignError('invalid', 'error.profileExists', { name: newName });
      }
      if (actedInJournal(this.store.file, target.name)) throw new CountersignError('refused', 'error.nameOnRecord', { name: target.name });
      const renamed: Profile = { ...target, name: newName };
      this.settings.profiles = profiles.map((p) => (p.name === target.name ? renamed : p));
      if (this.settings.lastProfile === target.name) this.settings.lastProfile = newName;
      this.notify({ profiles: true });
      return renamed;
    });
  }

  /**
   * Changes a profile's role: admins only (or the terminal), and the last
   * admin stays an admin. Past events keep the role they were recorded with.
   */
  setProfileRole(input: { name: string; role: Role }, by: Profile | 'terminal'): Profile {
    const target = this.requireProfile(input.name);
    if (by !== 'terminal' && by.role !== 'admin') {
      throw new CountersignError('refused', 'error.rolesAdminOnly', { actor: by.name, role: by.role });
    }
    if (target.role === input.role) return target;
    const profiles = this.settings.profiles;
    if (target.role === 'admin' && !profiles.some((p) => p.role === 'admin' && p.name !== target.name)) {
      throw new CountersignError('refused', 'error.lastAdmin', { name: target.name });
    }
    const changed: Profile = { ...target, role: input.role };
    this.settings.profiles = profiles.map((p) => (p.name === target.name ? changed : p));
    this.notify({ profiles: true });
    return changed;
  }

  /** Theme and default platform as saved; the host adds the locale it knows of. */
  preferences(): Omit<Preferences, 'systemLocale'> {
    return { locale: this.settings.locale, theme: this.settings.theme, defaultPlatform: this.settings.defaultPlatform };
  }

  setPreferences(input: { theme?: Theme | undefined; defaultPlatform?: Platform | undefined }): Omit<Preferences, 'systemLocale'> {
    if (input.theme !== undefined) this.settings.theme = input.theme;
    if (input.defaultPlatform !== undefined) this.settings.defaultPlatform = input.defaultPlatform;
    this.notify({ preferences: true });
    return this.preferences();
  }

  /** How many drafts wait for `profile`: pending ones for a reviewer or admin; an executive's drafts awaiting sign-off or sent back. */
  waitingFor(profile: Profile): number {
    this.refresh();
    const candidates = profile.role === 'executive' ? this.store.list({ author: profile.name }) : this.store.list({ status: 'pending' });
    let count = 0;
    for (const draft of candidates) if (waitsFor(draft, profile)) count += 1;
    return count;
  }

  /** A draft's summary as the store holds it now, without reading what others appended (for the notification feed, which runs inside a change). */
  draftFacts(id: string): DraftSummary | undefined {
    return this.store.summary(id);
  }

  get journalFile(): string {
    return this.store.file;
  }

  /** Listens for changes made here or, once `watch` runs, by other processes. */
  onChange(listener: (changes: Changes) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Polls the journal and the settings file so a window sees what the CLI or
   * another host wrote. Returns a function that stops polling.
   */
  watch(intervalMs = 750): () => void {
    let settingsStamp = fileStamp(this.settings.path);
    const timer = setInterval(() => {
      try {
        this.refresh();
      } catch {
        // The next action reports the damage with its full message.
      }
      const stamp = fileStamp(this.settings.path);
      if (stamp !== settingsStamp) this.notify({ profiles: true, policy: true });
      settingsStamp = stamp;
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  close(): void {
    this.store.close();
  }

  private notify(changes: Changes): void {
    for (const listener of this.listeners) listener(changes);
  }

  private stamp(actor: Profile): { at: string; actor: string; role: Role } {
    return { at: this.clock().toISOString(), actor: actor.name, role: actor.role };
  }

  /** The main process's own check, whatever the window showed. */
  private findings(text: string, platform: Platform, policy = this.policy()): Finding[] {
    return check(policy, text, { platform, locale: 'en' }).findings;
  }

  /** A new revision when `text` is given and differs from the text in force. */
  private revised(draft: DraftSummary, text: string | undefined): RecordDetails {
    if (text === undefined || text === draft.text) return {};
    throwIf(draftTextProblem(text));
    return { text };
  }

  private create(actor: Profile, action: 'save' | 'submit', inputs: readonly NewDraft[]): DraftSummary[] {
    for (const input of inputs) throwIf(draftTextProblem(input.text));
    return this.store.transact(() => {
      const status = decide(action, null, actor, this.workflowSettings());
      const policy = this.policy();
      const records: JournalRecord[] = inputs.map((input) => {
        let id = this.newId();
        while (this.store.has(id)) id = this.newId();
        const draft = { platform: input.platform, ...(input.purpose ? { purpose: input.purpose } : {}), crisis: input.crisis ?? false };
        const findings = this.findings(input.text, input.platform, policy);
        return { type: workflowTable[action].event, draftId: id, ...this.stamp(actor), status, revision: 1, text: input.text, draft, findings };
      });
      return this.commit(records);
    });
  }

  private act(actor: Profile, action: WorkflowAction, id: string, details: (draft: DraftSummary) => RecordDetails): DraftSummary {
    return this.store.transact(() => {
      const draft = this.store.summary(id);
      if (!draft) throw new CountersignError('not_found', 'error.draftNotFound', { id });
      const status = decide(action, draft, actor, this.workflowSettings());
      const { findings, ...rest } = details(draft);
      const revision = rest.text === undefined ? draft.revision : draft.revision + 1;
      const record: JournalRecord = {
        type: workflowTable[action].event,
        draftId: id,
        ...this.stamp(actor),
        status,
        revision,
        findings: findings ?? this.findings(rest.text ?? draft.text, draft.platform),
        ...rest,
      };
      return this.commit([record])[0]!;
    });
  }

  /** Writes records durably; the summaries come back through the same path replay uses. */
  private commit(records: JournalRecord[]): DraftSummary[] {
    this.store.append(records);
    this.notify({ drafts: true });
    return records.map((r) => this.store.summary(r.draftId)!);
  }
}

function throwIf(problem: CountersignError | null): void {
  if (problem) throw problem;
}

/** The trimmed note as a record's `comment`, or nothing; throws when it is required and missing, or unacceptable. */
function note(text: string | undefined, kind: NoteKind, required: boolean): { comment?: string } {
  throwIf(noteProblem(text, kind, required));
  const trimmed = text?.trim();
  return trimmed ? { comment: trimmed } : {};
}

function isWebUrl(text: string): boolean {
  // The link is stored as typed and printed by the CLI: no control characters (the URL parser would
  // quietly drop tabs and line breaks, and an escape sequence would reach the terminal).
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Changes whenever the file is rewritten: conf replaces it by renaming a new file over it (a new inode). */
function fileStamp(file: string): string {
  try {
    const st = fs.statSync(file);
    return `${st.ino}:${st.mtimeMs}:${st.size}`;
  } catch {
    return 'missing';
  }
}
