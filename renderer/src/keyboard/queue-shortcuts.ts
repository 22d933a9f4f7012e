import type { MessageKey } from '../../../shared/i18n/translate';
import type { WorkflowAction } from '../../../shared/workflow';

/** The workflow actions a single key starts in the review queue, and their keys (as `KeyboardEvent.key`). */
export const actionKeys: Partial<Record<WorkflowAction, string>> = {
  approve: 'a',
  edit: 'e',
  request_changes: 'r',
  reject: 'x',
};

/** An action's key as `aria-keyshortcuts` writes it. */
export const ariaKey = (key: string): string => (/^[a-z]$/.test(key) ? key.toUpperCase() : key);

/** What the shortcuts dialog lists: the keys (any one of them) and what they do. */
export const queueShortcuts: readonly { keys: readonly string[]; does: MessageKey }[] = [
  { keys: ['j', '↓'], does: 'shortcuts.next' },
  { keys: ['k', '↑'], does: 'shortcuts.previous' },
  { keys: ['Home', 'End'], does: 'shortcuts.firstLast' },
  { keys: ['a'], does: 'shortcuts.approve' },
  { keys: ['e'], does: 'shortcuts.edit' },
  { keys: ['r'], does: 'shortcuts.requestChanges' },
  { keys: ['x'], does: 'shortcuts.reject' },
  { keys: ['/'], does: 'shortcuts.search' },
  { keys: ['?'], does: 'shortcuts.help' },
];
