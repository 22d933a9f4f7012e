// Channel and event names alone, without schemas, so the sandboxed preload
// can build its bridge without bundling the validation library.

export const channelNames = [
  'getSession',
  'switchProfile',
  'setLocale',
  'listProfiles',
  'addProfile',
  'renameProfile',
  'setProfileRole',
  'getPreferences',
  'setPreferences',
  'getWaitingCount',
  'listDrafts',
  'queryQueue',
  'getDraft',
  'saveDraft',
  'submitDraft',
  'withdrawDraft',
  'editDraft',
  'requestChanges',
  'rejectDraft',
  'approveDraft',
  'signOff',
  'resubmitDraft',
  'publishDraft',
  'commentOnDraft',
  'getPolicy',
  'setPolicy',
  'getChainHead',
  'getDashboard',
  'exportLog',
] as const;
export type ChannelName = (typeof channelNames)[number];

export const eventNames = ['draftsChanged', 'profilesChanged', 'policyChanged', 'notification', 'preferencesChanged', 'exportProgress', 'coreStatus'] as const;
export type EventName = (typeof eventNames)[number];

export function isChannelName(name: string): name is ChannelName {
  return (channelNames as readonly string[]).includes(name);
}

/** IPC channel that carries an event; prefixed so it never collides with a request channel. */
export const eventChannel = (name: EventName): string => `event:${name}`;

/** The desktop app's own call (see desktop-contract.ts), prefixed so it never collides with a contract channel. */
export const saveLogChannel = 'desktop:saveLog';
