import { isChannelName, type ChannelName, type EventName } from '../../shared/channels';
import { contract, type ParsedRequestOf, type ResponseOf, type Session } from '../../shared/contract';
import type { z } from 'zod';
import { CountersignError, toApiError, type ApiError, type ApiResult } from '../../shared/errors';
import { describeIssues } from '../../shared/schema-issues';
import type { Profile } from '../../shared/model';
import type { Changes, ExportProgress, Workstation } from './workstation';
import { workflowActions, workflowTable, type WorkflowAction, type WorkflowChannel } from '../../shared/workflow';
import { exportFileName } from '../../shared/log/log-query';
import { exportMimeTypes, stringSink } from './log/log-export';
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

type Handler<K extends ChannelName> = (request: ParsedRequestOf<K>, session: HostSession) => Promise<ResponseOf<K>> | ResponseOf<K>;
export type Handlers = { [K in ChannelName]: Handler<K> };
type WorkflowHandlers = { [A in WorkflowAction as WorkflowChannel<A>]: Handler<WorkflowChannel<A>> };

/** One handler per channel; every host routes through these. */
export function createHandlers(ws: Workstation): Handlers {
  const { profiles, drafts, queue, policy, log } = ws;
  const actor = (session: HostSession): Profile => {
    if (!session.profileName) throw new CountersignError('refused', 'error.noActiveProfile');
    return profiles.require(session.profileName);
  };
  const asker = (session: HostSession): Profile | 'terminal' => (session.terminal ? 'terminal' : actor(session));
  const sessionView = (session: HostSession): Session => ({
    profile: session.profileName ? (profiles.list().find((p) => p.name === session.profileName) ?? null) : null,
    locale: profiles.locale,
  });
  // The eleven workflow channels, one per action of the workflow table.
  const workflow = Object.fromEntries(
    workflowActions.map((action) => [workflowTable[action].channel, (request: never, session: HostSession) => drafts.act(action, actor(session), request)]),
  ) as unknown as WorkflowHandlers;

  return {
    ...workflow,
    getSession: (_req, session) => sessionView(session),
    switchProfile: ({ name }, session) => {
      session.profileName = profiles.require(name).name;
      ws.settings.lastProfile = session.profileName;
      return sessionView(session);
    },
    setLocale: ({ locale }, session) => {
      profiles.locale = locale;
      return sessionView(session);
    },
    listProfiles: () => profiles.list(),
    addProfile: (req, session) => profiles.add(req, session.terminal ? 'terminal' : session.profileName ? profiles.require(session.profileName) : null),
    renameProfile: async (req, session) => {
      const renamed = await profiles.rename(req, asker(session));
      // The session follows its own profile to the new name.
      if (session.profileName === req.name.trim()) session.profileName = renamed.name;
      return renamed;
    },
    setProfileRole: (req, session) => profiles.setRole(req, asker(session)),
    getPreferences: (_req, session) => ({ ...profiles.preferences(), systemLocale: systemLocaleOf(session) }),
    setPreferences: (req, session) => ({ ...profiles.setPreferences(req), systemLocale: systemLocaleOf(session) }),
    getWaitingCount: async (_req, session) => ({ count: session.profileName ? await queue.waitingFor(actor(session)) : 0 }),
    listDrafts: (filter) => drafts.list(filter),
    queryQueue: (query) => queue.query(query),
    getDraft: ({ id }) => drafts.get(id),
    getPolicy: () => policy.source(),
    setPolicy: ({ source }, session) => policy.set(actor(session), source),
    getChainHead: () => log.chainHead(),
    getDashboard: (filter, session) => {
      log.requireAccess(asker(session));
      return log.dashboard(filter);
    },
    exportLog: async ({ format, ...filter }, session) => {
      log.requireAccess(asker(session));
      const sink = stringSink();
      const { records, chainHead } = await log.export(format, filter, sink, session.progress);
      return { fileName: exportFileName(format, new Date()), mimeType: exportMimeTypes[format], content: sink.text(), records, chainHead };
    },
  };
}

/**
 * Validates a raw payload against the contract and runs its handler. Never
 * rejects: every failure comes back as an ApiError, so no host can leak a
 * stack or skip validation. `session` is made inside, so a failure to make
 * it is an answer too.
 */
export async function dispatch(handlers: Handlers, channel: string, payload: unknown, session: HostSession | (() => HostSession)): Promise<ApiResult<unknown>> {
  if (!isChannelName(channel)) {
    return { ok: false, error: new CountersignError('not_found', 'error.unknownChannel', { channel }).toApiError() };
  }
  const parsed = contract[channel].request.safeParse(payload);
  if (!parsed.success) return invalidRequest(parsed.error);
  try {
    const handler = handlers[channel] as (request: unknown, session: HostSession) => unknown;
    return { ok: true, value: await handler(parsed.data, typeof session === 'function' ? session() : session) };
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
