import { createContext, useContext } from 'react';
import type { WorkflowAction } from '../../../shared/workflow';
import { actionKeys, ariaKey } from './queue-shortcuts';

// Only a screen that listens for the action keys (the review queue) provides
// this, so buttons elsewhere never announce a shortcut that does nothing.
const ActionKeysLive = createContext(false);

/** Wraps the screens whose keys are live (the queue), so only their buttons announce shortcuts. */
export const ActionKeysProvider = ActionKeysLive.Provider;

/** The `aria-keyshortcuts` value of an action's button, or undefined where no key starts it. */
export function useActionKey(): (action: WorkflowAction) => string | undefined {
  const live = useContext(ActionKeysLive);
  return (action) => {
    const key = live ? actionKeys[action] : undefined;
    return key === undefined ? undefined : ariaKey(key);
  };
}
