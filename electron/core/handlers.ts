import { isChannelName, type ChannelName, type EventName } from '../../shared/channels';
import { contract, type ParsedRequestOf, type ResponseOf, type Session } from '../../shared/contract';
import type { z } from 'zod';
import { CountersignError, toApiError, type ApiError, type ApiResult } from '../../shared/errors';
import { describeIssues } from '../../shared/schema-issues';
import type { Profile } from '../../shared/model';
import type { Changes, ExportProgress, Workstation } from './workstation';
import { exportFileName, exportMimeTypes, stringSink } from './log/log-export';
import { pickLocale } from '../../shared/i18n/translate';

/** Who is acting in one window or one loopback-host run. */
export interface HostSession {
  profileName: string | null;
  /** The CLI: someone at the OS account's own shell, who may manage profiles directly. */
  terminal?: boolean;
  /** The operating system's preferred languages, where the host can read them (the desktop app). */
  systemLanguages?: readonly string[];
  /** Tells the window that asked how far a log export got (an `exportProgress` event). */
  progress?: ExportProgress;
}

type Handler<K extends ChannelName> = (request: ParsedRequestOf<K>, session: HostSession) => ResponseOf<K>;
export type Handlers = { [K in ChannelName]: Handler<K> };

/** One handler per channel; every host routes through these. */
export function createHandlers(ws: Workstation): Handlers {
  const actor = (session: HostSession): Profile => {
    if (!session.profileName) throw new CountersignError('refused', 'error.noActiveProfile');
    return ws.requireProfile(session.profileName);
  };
  const sessionView = (session: HostSession): Session => ({
    profile: session.profileName ? (ws.listProfiles().find((p) => p.name === session.profileName) ?? null) : null,
    locale: ws.locale,
  });

  return {
    getSession: (_req, session) => sessionView(session),
    switchProfile: ({ name }, session) => {
      session.profileName = ws.requireProfile(name).name;
      ws.settings.lastProfile = session.profileName;
      return sessionView(session);
    },
    setLocale: ({ locale }, session) => {
      ws.locale = locale;
      return sessionView(session);
    },
    listProfiles: () => ws.listProfiles(),
    addProfile: (req, session) => {
      const by = session.terminal ? 'terminal' : session.profileName ? ws.requireProfile(session.profileName) : null;
      return ws.addProfile(req, by);
    },
    renameProfile: (req, session) => {
      const renamed = ws.renameProfile(req, session.terminal ? 'terminal' : actor(session));
      // The session follows its own profile to the new name.
      if (session.profileName === req.name.trim()) session.profileName = renamed.name;
      return renamed;
    },
    setProfileRole: (req, session) => ws.setProfileRole(req, session.terminal ? 'terminal' : actor(session)),
    getPreferences: (_req, session) => ({ ...ws.preferences(), systemLocale: systemLocaleOf(session) }),
    setPreferences: (req, session) => ({ ...ws.setPreferences(req), systemLocale: systemLocaleOf(session) }),
    getWaitingCount: (_req, session) => ({ count: session.profileName ? ws.waitingFor(actor(session)) : 0 }),
    listDrafts: (filter) => ws.listDrafts(filter),
    queryQueue: (query) => ws.queryQueue(query),
    getDraft: ({ id }) => ws.getDraft(id),
    saveDraft: (req, session) => ws.saveDraft(actor(session), req),
    submitDraft: (req, session) => ws.submitDraft(actor(session), req),
    withdrawDraft: (req, session) => ws.withdrawDraft(actor(session), req),
    editDraft: (req, session) => ws.editDraft(actor(session), req),
    requestChanges: (req, session) => ws.requestChanges(actor(session), req),
    rejectDraft: (req, session) => ws.rejectDraft(actor(session), req),
    approveDraft: (req, session) => ws.approveDraft(actor(session), req),
    signOff: (req, session) => ws.signOff(actor(session), req),
    resubmitDraft: (req, session) => ws.resubmitDraft(actor(session), req),
    publishDraft: (req, session) => ws.publishDraft(actor(session), req),
    commentOnDraft: (req, session) => ws.commentOnDraft(actor(session), req),
    getPolicy: () => ws.settings.policy,
    setPolicy: ({ source }, session) => ws.setPolicy(actor(session), source),
    getChainHead: () => ws.chainHead(),
    getDashboard: (filter, session) => {
      ws.requireLogAccess(session.terminal ? 'terminal' : actor(session));
      return ws.dashboard(filter);
    },
    exportLog: ({ format, ...filter }, session) => {
      ws.requireLogAccess(session.terminal ? 'terminal' : actor(session));
      const sink = stringSink();
      const { records, chainHead } = ws.exportLog(format, filter, sink, session.progress);
      return { fileName: exportFileName(format, new Date()), mimeType: exportMimeTypes[format], content: sink.text(), records, chainHead };
    },
  };
}

/**
 * Validates a raw payload against the contract and runs its handler. Never
 * throws: every failure comes back as an ApiError, so no host can leak a
 * stack or skip validation. A host that builds its session on first use
 * (from settings, which can be damaged) passes a function: it runs inside
 * the same `try`.
 */
export function dispatch(handlers: Handlers, channel: string, payload: unknown, session: HostSession | (() => HostSession)): ApiResult<unknown> {
  if (!isChannelName(channel)) {
    return { ok: false, error: new CountersignError('not_found', 'error.unknownChannel', { channel }).toApiError() };
  }
  const parsed = contract[channel].request.safeParse(payload);
  if (!parsed.success) return invalidRequest(parsed.error);
  try {
    const handler = handlers[channel] as (request: unknown, session: HostSession) => unknown;
    return { ok: true, value: handler(parsed.data, typeof session === 'function' ? session() : session) };
  } catch (err) {
    return failure(channel, err);
  }
}

/** The answer to a payload its schema refused, naming the fields. */
export function invalidRequest(error: z.ZodError): { ok: false; error: ApiError } {
  return { ok: false, error: new CountersignError('invalid', 'error.invalidRequest', { details: describeIssues(error) }).toApiError() };
}

/** The answer to a handler that threw; anything but a CountersignError is a bug, logged here. */
export function failure(channel: string, err: unknown): { ok: false; error: ApiError } {
  if (!(err instanceof CountersignError)) console.error(`countersign: ${channel} failed:`, err);
  return { ok: false, error: toApiError(err) };
}

/** The events a window is sent for a change in the core. */
export function eventsFor(changes: Changes): EventName[] {
  const events: EventName[] = [];
  if (changes.drafts) events.push('draftsChanged');
  if (changes.profiles) events.push('profilesChanged');
  if (changes.policy) events.push('policyChanged');
  if (changes.preferences) events.push('preferencesChanged');
  return events;
}

function systemLocaleOf(session: HostSession) {
  return session.systemLanguages && session.systemLanguages.length > 0 ? pickLocale(session.systemLanguages) : null;
}
