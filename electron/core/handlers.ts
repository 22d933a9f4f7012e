import { isChannelName, type ChannelName, type EventName } from '../../shared/channels';
import { contract, type ParsedRequestOf, type ResponseOf, type Session } from '../../shared/contract';
import { CountersignError, toApiError, type ApiResult } from '../../shared/errors';
import { describeIssues } from '../../shared/schema-issues';
import type { Profile } from '../../shared/model';
import type { Changes, Workstation } from './workstation';
import { exportMimeTypes, stringSink } from './log-export';

/** Who is acting in one window or one loopback-host run. */
export interface HostSession {
  profileName: string | null;
  /** The CLI: someone at the OS account's own shell, who may manage profiles directly. */
  terminal?: boolean;
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
    listDrafts: (filter) => ws.listDrafts(filter),
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
      const { records, chainHead } = ws.exportLog(format, filter, sink);
      const day = new Date().toISOString().slice(0, 10);
      return { fileName: `approved-posts-${day}.${format}`, mimeType: exportMimeTypes[format], content: sink.text(), records, chainHead };
    },
  };
}

/**
 * Validates a raw payload against the contract and runs its handler. Never
 * throws: every failure comes back as an ApiError, so no host can leak a
 * stack or skip validation.
 */
export function dispatch(handlers: Handlers, channel: string, payload: unknown, session: HostSession): ApiResult<unknown> {
  if (!isChannelName(channel)) {
    return { ok: false, error: new CountersignError('not_found', 'error.unknownChannel', { channel }).toApiError() };
  }
  const parsed = contract[channel].request.safeParse(payload);
  if (!parsed.success) {
    const details = describeIssues(parsed.error);
    return { ok: false, error: new CountersignError('invalid', 'error.invalidRequest', { details }).toApiError() };
  }
  try {
    const handler = handlers[channel] as (request: unknown, session: HostSession) => unknown;
    return { ok: true, value: handler(parsed.data, session) };
  } catch (err) {
    if (!(err instanceof CountersignError)) console.error(`countersign: ${channel} failed:`, err);
    return { ok: false, error: toApiError(err) };
  }
}

/** The events a window is sent for a change in the core. */
export function eventsFor(changes: Changes): EventName[] {
  const events: EventName[] = [];
  if (changes.drafts) events.push('draftsChanged');
  if (changes.profiles) events.push('profilesChanged');
  if (changes.policy) events.push('policyChanged');
  return events;
}
