import crypto from 'node:crypto';
import fs from 'node:fs';
import { CountersignError } from '../../shared/errors';
import type { Locale } from '../../shared/i18n/translate';
import { applyRecord, type JournalRecord } from '../../shared/journal-records';
import { latestRevision, summarize, type Draft, type DraftStatus, type DraftSummary, type Platform, type Profile, type Role } from '../../shared/model';
import { draftTextProblem, profileNameProblem } from '../../shared/text-rules';
import { check, compilePolicy, type CompiledPolicy } from '../../shared/rules/engine';
import type { PolicyFile } from '../../shared/rules/policy-schema';
import { decide } from '../../shared/workflow';
import { DraftJournal } from './draft-journal';
import type { Settings } from './settings';

export interface WorkstationOptions {
  dataDir: string;
  settings: Settings;
  clock?: () => Date;
  newId?: () => string;
  warn?: (message: string) => void;
}

export interface Changes {
  drafts?: boolean;
  profiles?: boolean;
  policy?: boolean;
}

/**
 * The workstation core: profiles, the draft queue and the workflow, on files
 * in one data directory. Every host (desktop app, CLI, loopback host) drives
 * this one class; it decides, the hosts only adapt.
 */
export class Workstation {
  private readonly drafts = new Map<string, Draft>();
  private readonly listeners = new Set<(changes: Changes) => void>();
  private compiled: { key: string; policy: CompiledPolicy } | null = null;
  private readonly clock: () => Date;
  private readonly newId: () => string;

  private constructor(
    readonly dataDir: string,
    readonly settings: Settings,
    private readonly journal: DraftJournal,
    options: WorkstationOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.newId = options.newId ?? (() => crypto.randomBytes(6).toString('hex'));
  }

  static open(options: WorkstationOptions): Workstation {
    const journal = DraftJournal.open(options.dataDir, options.warn ?? ((m) => console.warn(m)));
    const ws = new Workstation(options.dataDir, options.settings, journal, options);
    try {
      ws.refresh();
      // Reading settings once here reports a damaged settings file at start.
      void ws.settings.profiles;
    } catch (err) {
      journal.close();
      throw err;
    }
    return ws;
  }

  /** Applies what other processes appended; true when anything changed. */
  refresh(): boolean {
    const lines = this.journal.readNew();
    for (const { record, offset, line } of lines) {
      try {
        applyRecord(this.drafts, record);
      } catch (err) {
        throw this.journal.damaged(offset, line, err instanceof Error ? err.message : String(err));
      }
    }
    if (lines.length > 0) this.notify({ drafts: true });
    return lines.length > 0;
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

  /** Oldest first: the queue is worked in the order drafts arrived. */
  listDrafts(filter: { status?: DraftStatus | undefined } = {}): DraftSummary[] {
    this.refresh();
    const out: DraftSummary[] = [];
    for (const draft of this.drafts.values()) {
      if (filter.status === undefined || draft.status === filter.status) out.push(summarize(draft));
    }
    return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  getDraft(id: string): Draft {
    this.refresh();
    const draft = this.drafts.get(id);
    if (!draft) throw new CountersignError('not_found', 'error.draftNotFound', { id });
    return structuredClone(draft);
  }

  submitDraft(actor: Profile, input: { platform: Platform; text: string }): DraftSummary {
    const problem = draftTextProblem(input.text);
    if (problem) throw problem;
    this.refresh();
    decide('submit', null, actor);
    let id = this.newId();
    while (this.drafts.has(id)) id = this.newId();
    // The main process's own check is what is recorded, whatever the window showed.
    const { findings } = check(this.policy(), input.text, { platform: input.platform, locale: 'en' });
    return this.commit({ type: 'submitted', draftId: id, ...this.stamp(actor), platform: input.platform, text: input.text, findings });
  }

  /** The team's policy, compiled once per change of its source. */
  policy(): CompiledPolicy {
    const source = this.settings.policy;
    const key = JSON.stringify(source);
    if (this.compiled?.key !== key) this.compiled = { key, policy: compilePolicy(source, { file: this.settings.path }) };
    return this.compiled.policy;
  }

  /** Replaces the policy; only an admin may, and an invalid one is refused with the path of the problem. */
  setPolicy(actor: Profile, source: unknown): PolicyFile {
    if (actor.role !== 'admin') throw new CountersignError('refused', 'error.adminOnly', { actor: actor.name, role: actor.role });
    compilePolicy(source, { file: this.settings.path });
    const policy = source as PolicyFile;
    this.settings.policy = policy;
    this.notify({ policy: true });
    return policy;
  }

  approveDraft(actor: Profile, input: { id: string; comment?: string | undefined }): DraftSummary {
    const draft = this.getDraft(input.id);
    decide('approve', draft, actor);
    const latest = latestRevision(draft);
    const comment = input.comment?.trim();
    // Re-checked under today's policy: what the approver approved against is on the record.
    const { findings } = check(this.policy(), latest.text, { platform: draft.platform, locale: 'en' });
    return this.commit({ type: 'approved', draftId: draft.id, ...this.stamp(actor), revision: latest.number, findings, ...(comment ? { comment } : {}) });
  }

  get locale(): Locale | null {
    return this.settings.locale;
  }

  set locale(value: Locale | null) {
    this.settings.locale = value;
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
    this.journal.close();
  }

  private notify(changes: Changes): void {
    for (const listener of this.listeners) listener(changes);
  }

  private stamp(actor: Profile): { at: string; actor: string; role: Role } {
    return { at: this.clock().toISOString(), actor: actor.name, role: actor.role };
  }

  /** Writes a record durably, then reads it back through the same path replay uses. */
  private commit(record: JournalRecord): DraftSummary {
    this.journal.append(record);
    this.refresh();
    const draft = this.drafts.get(record.draftId);
    if (!draft) throw new Error(`draft ${record.draftId} missing after commit`);
    return summarize(draft);
  }
}

function fileStamp(file: string): string {
  try {
    const st = fs.statSync(file);
    return `${st.mtimeMs}:${st.size}`;
  } catch {
    return 'missing';
  }
}
