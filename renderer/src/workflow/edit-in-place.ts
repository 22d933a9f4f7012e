import { createContext } from 'react';

/**
 * Where a draft pane lets new text be written in place of its read-only
 * text: the edit goes into `editor`, its live findings into `findings`, and
 * the pane is told while an edit is open so it hides its own text and
 * findings meanwhile. Without a pane, the edit opens as a modal dialog.
 */
export interface EditInPlace {
  editor: HTMLElement;
  findings: HTMLElement;
  setEditing: (editing: boolean) => void;
}

/** Set by the draft pane, read by the edit action: null means no pane, so the edit opens as a dialog. */
export const EditInPlaceContext = createContext<EditInPlace | null>(null);
