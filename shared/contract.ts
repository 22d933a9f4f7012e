import { z } from 'zod';
import type { ChannelName, EventName } from './channels';
import { locales, type Locale } from './i18n/translate';
import { draftStatuses, platforms, roles, type DraftSummary, type Profile } from './model';
import type { PolicyFile } from './rules/policy-schema';
import { maxDraftLength, maxProfileNameLength } from './text-rules';

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
  listDrafts: channel<DraftSummary[]>()(z.strictObject({ status: z.enum(draftStatuses).optional() })),
  submitDraft: channel<DraftSummary>()(z.strictObject({ platform: z.enum(platforms), text: draftText })),
  approveDraft: channel<DraftSummary>()(z.strictObject({ id: draftId, comment: z.string().max(4_000).optional() })),
  /** The team's policy file; the renderer compiles it with the built-in pack for live checks. */
  getPolicy: channel<PolicyFile>()(none),
  // The policy's own schema runs in the core, so its errors name the path inside the policy.
  setPolicy: channel<PolicyFile>()(z.strictObject({ source: z.unknown() })),
} satisfies { [K in ChannelName]: { request: z.ZodType; response: unknown } };

export type RequestOf<K extends ChannelName> = z.input<(typeof contract)[K]['request']>;
export type ParsedRequestOf<K extends ChannelName> = z.output<(typeof contract)[K]['request']>;
export type ResponseOf<K extends ChannelName> = (typeof contract)[K]['response'];

/** Events pushed from main to the renderer, with their payloads. */
export interface EventPayloads {
  draftsChanged: Record<string, never>;
  profilesChanged: Record<string, never>;
  policyChanged: Record<string, never>;
}
export type EventPayload<E extends EventName> = EventPayloads[E];
