// Single-key shortcuts must never eat a letter someone meant to type.

const nonTextInputs = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** True when a key pressed on `target` goes into a field: a text input, a textarea, a select's type-ahead, or an editor. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLInputElement) return !nonTextInputs.has(target.type);
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  // CodeMirror's content is contenteditable, read-only or not; a reader moves through it with the keys.
  return target.closest('.cm-editor, [role="textbox"], [role="combobox"], [role="searchbox"]') !== null;
}

/** True while a modal dialog is open: its keys belong to it. */
export function dialogOpen(doc: Document = document): boolean {
  return doc.querySelector('dialog[open]') !== null;
}
