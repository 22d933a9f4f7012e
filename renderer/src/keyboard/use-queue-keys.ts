import { useEffect, useRef, type RefObject } from 'react';
import type { WorkflowAction } from '../../../shared/workflow';
import { actionKeys } from './queue-shortcuts';
import { dialogOpen, isTypingTarget } from './typing-target';

/** What each key does, supplied by the queue screen, which alone knows its list and its draft pane. */
export interface QueueKeyHandlers {
  /** One draft down (1) or up (-1), or to the first or last. */
  move: (to: 1 | -1 | 'first' | 'last') => void;
  /** Starts an action on the open draft, as its button does. */
  act: (action: WorkflowAction) => void;
  focusSearch: () => void;
  showHelp: () => void;
  /** The queue's list: the arrow keys move the selection while it, or nothing, has the focus. */
  list: RefObject<HTMLElement | null>;
}

const keyActions = new Map(Object.entries(actionKeys).map(([action, key]) => [key, action as WorkflowAction]));

/**
 * The review queue's single-key shortcuts, on the whole document while the
 * queue is shown. They stand aside while someone types in a field or an
 * editor, while a dialog is open, and for keys with Ctrl, Alt or Meta.
 */
export function useQueueKeys(handlers: QueueKeyHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
      // The first node of the path: a key typed in an editor inside a shadow root seems, from here, to come from its host.
      const origin = event.composedPath()[0] ?? event.target;
      if (isTypingTarget(origin) || dialogOpen()) return;
      const h = latest.current;
      const target = event.target instanceof Node ? event.target : null;
      const inList = target !== null && (h.list.current?.contains(target) ?? false);
      // Arrows scroll or move within other controls (tabs, buttons); they move the queue only from the list or from nowhere.
      const free = inList || target === document.body || target === document.documentElement;
      const run = (fn: () => void) => {
        event.preventDefault();
        fn();
      };
      const action = keyActions.get(event.key);
      if (event.key === 'j' || (event.key === 'ArrowDown' && free)) run(() => h.move(1));
      else if (event.key === 'k' || (event.key === 'ArrowUp' && free)) run(() => h.move(-1));
      else if (event.key === 'Home' && inList) run(() => h.move('first'));
      else if (event.key === 'End' && inList) run(() => h.move('last'));
      else if (event.key === '/') run(h.focusSearch);
      else if (event.key === '?') run(h.showHelp);
      else if (action) run(() => h.act(action));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
