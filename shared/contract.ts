import { z } from 'zod';
import type { ChannelName, EventName } from './channels';
import { locales, type Locale } from './i18n/translate';
import { draftStatuses, platforms, purposes, roles, type Draft, type DraftSummary, type Profile } from './model';
import type { PolicyFile } from './rules/policy-schema';
import { logStatuses } from './log/log-record';
import { exportFormats, type ChainHead, type DashboardStats, type ExportedLog } from './log/log-query';
import { maxDraftLength, maxNoteLength, maxProfileNameLength } from './text-rules';
import type { NotificationBatch } from './notifications';
import { themes, type Preferences } from './preferences';
import { maxQueueOffset, maxQueueSearchLength, maxQueueWindow, type QueuePage } from './queue-query';

/** Pairs a request schema with the response type it promises (a type only). */
function channel<Response>() {
  return <Request extends z.ZodType>(request: Request) => ({ request, response: undefined as unknown as Response });
}

const none = z.strictObject({});
const profileName = z.string().min(1).max(maxProfileNameLength);
const draftId = z.string().min(1).max(64);
// The schema bounds size; content rules (control characters, emptiness) live
// in text-rules so the CLI and the UI give the same translated reasons.
const draftText = z.string().max(maxDraftLength, { message: `at most ${maxDraftLength} characters` });
const note = z.string().max(maxNoteLength, { message: `at most ${maxNoteLength} characters` });
const newDraft = {
  platform: z.enum(platforms),
  text: draftText,
  purpose: z.enum(purposes).optional(),
  crisis: z.boolean().optional(),
};
const onDraft = <Shape extends z.ZodRawShape>(shape: Shape) => z.strictObject({ id: draftId, ...shape });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'a date as YYYY-MM-DD' });
/** Which posts of the approved-post log: approval dates (inclusive, UTC), platform, author, status. */
export const logFilter = {
  from: day.optional(),
  to: day.optional(),
  platform: z.enum(platforms).optional(),
  author: profileName.optional(),
  status: z.enum(logStatuses).optional(),
};
/** A justification for one `error` finding, named by its rule and where it starts. */
const override = z.strictObject({ ruleId: z.string().min(1).max(200), start: z.number().int().nonnegative(), justification: note });

export interface Session {
  profile: Profile | null;
  locale: Locale | null;
}

/**
 * The one contract between renderer and main process (and the loopback
 * host): channel name → request schema (checked at runtime) and response type.
 */
export const contract = {
  getSession: channel<Session>()(none),
  switchProfile: channel<Session>()(z.strictObject({ name: profileName })),
  setLocale: channel<Session>()(z.strictObject({ locale: z.enum(locales) })),
  listProfiles: channel<Profile[]>()(none),
  addProfile: channel<Profile>()(z.strictObject({ name: profileName, role: z.enum(roles) })),
  /** An admin renames anyone, a profile itself; refused once the name is on record in the journal (see README). */
  renameProfile: channel<Profile>()(z.strictObject({ name: profileName, newName: profileName })),
  /** Admins only; the last admin stays an admin. */
  setProfileRole: channel<Profile>()(z.strictObject({ name: profileName, role: z.enum(roles) })),
  getPreferences: channel<Preferences>()(none),
  /** Theme and default platform; the language goes through setLocale. */
  setPreferences: channel<Preferences>()(z.strictObject({ theme: z.enum(themes).optional(), defaultPlatform: z.enum(platforms).optional() })),
  /** How many drafts wait for the current profile: the queue for reviewers, sign-offs and changes asked for an executive. */
  getWaitingCount: channel<{ count: number }>()(none),
  listDrafts: channel<DraftSummary[]>()(z.strictObject({ status: z.enum(draftStatuses).optional(), author: profileName.optional() })),
  /** The reviewer's queue: filtered, in working order, one window of rows with the total and the counts per status. */
  queryQueue: channel<QueuePage>()(
    z.strictObject({
      status: z.enum(draftStatuses).optional(),
      platform: z.enum(platforms).optional(),
      author: profileName.optional(),
      purpose: z.enum(purposes).optional(),
      crisis: z.boolean().optional(),
      search: z.string().max(maxQueueSearchLength, { message: `at most ${maxQueueSearchLength} characters` }).optional(),
      offset: z.number().int().nonnegative().max(maxQueueOffset),
      limit: z.number().int().min(1).max(maxQueueWindow),
      selectedId: draftId.optional(),
    }),
  ),
  getDraft: channel<Draft>()(onDraft({})),
  /** Keeps a new draft without sending it for review. */
  saveDraft: channel<DraftSummary>()(z.strictObject(newDraft)),
  /** A new draft, or one saved earlier (optionally with new text), into the review queue. */
  submitDraft: channel<DraftSummary>()(z.union([z.strictObject(newDraft), onDraft({ text: draftText.optional() })])),
  withdrawDraft: channel<DraftSummary>()(onDraft({ comment: note.optional() })),
  /** A reviewer's edit: a new revision. */
  editDraft: channel<DraftSummary>()(onDraft({ text: draftText, comment: note.optional() })),
  requestChanges: channel<DraftSummary>()(onDraft({ comment: note })),
  rejectDraft: channel<DraftSummary>()(onDraft({ reason: note })),
  /**
   * `justification` covers every `error` finding without one of its own in
   * `overrides`; approval is refused while an error finding has neither.
   */
  approveDraft: channel<DraftSummary>()(
    onDraft({ comment: note.optional(), justification: note.optional(), overrides: z.array(override).max(1_000).optional() }),
  ),
  /** The author accepts a reviewer's edited revision. */
  signOff: channel<DraftSummary>()(onDraft({ comment: note.optional() })),
  /** The author sends the draft back to review, optionally with new text. */
  resubmitDraft: channel<DraftSummary>()(onDraft({ text: draftText.optional(), comment: note.optional() })),
  publishDraft: channel<DraftSummary>()(onDraft({ publishedAt: z.iso.datetime().optional(), url: z.string().max(2_000).optional() })),
  commentOnDraft: channel<DraftSummary>()(onDraft({ text: note })),
  /** The team's policy file; the renderer compiles it with the built-in pack for live checks. */
  getPolicy: channel<PolicyFile>()(none),
  // The policy's own schema runs in the core, so its errors name the path inside the policy.
  // `unknown` alone lets the key be left out, and an absent policy cannot be stored.
  setPolicy: channel<PolicyFile>()(z.strictObject({ source: z.unknown().refine((v) => v !== undefined, { message: 'Invalid input: expected a policy file' }) })),
  /** The draft journal's chain head, to be written down elsewhere. */
  getChainHead: channel<ChainHead>()(none),
  getDashboard: channel<DashboardStats>()(z.strictObject(logFilter)),
  /** The approved-post log as a file's content; the renderer saves it (a download; Electron asks where). */
  exportLog: channel<ExportedLog>()(z.strictObject({ format: z.enum(exportFormats), ...logFilter })),
} satisfies { [K in ChannelName]: { request: z.ZodType; response: unknown } };

export type RequestOf<K extends ChannelName> = z.input<(typeof contract)[K]['request']>;
export type ParsedRequestOf<K extends ChannelName> = z.output<(typeof contract)[K]['request']>;
export type ResponseOf<K extends ChannelName> = (typeof contract)[K]['response'];

/** Events pushed from main to the renderer, with their payloads. */
export interface EventPayloads {
  draftsChanged: Record<string, never>;
  profilesChanged: Record<string, never>;
  policyChanged: Record<string, never>;
  /** Only what concerns the profile working in the window that receives it. */
  notification: NotificationBatch;
  preferencesChanged: Record<string, never>;
  /** How far the log export this window asked for got: drafts looked at, of all drafts. */
  exportProgress: { done: number; total: number };
  /** The host's word on the core process: it stopped and is being restarted, runs again, or stopped for good. */
  coreStatus: { state: CoreState };
}

export const coreStates = ['restarting', 'restarted', 'failed'] as const;
export type CoreState = (typeof coreStates)[number];
export type EventPayload<E extends EventName> = EventPayloads[E];
