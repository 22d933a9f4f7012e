import { CountersignError } from './errors';

/** Longest draft accepted: far above every platform's limit, far below what could hurt the UI or the journal. */
export const maxDraftLength = 20_000;
export const maxProfileNameLength = 64;
/** Longest comment, reason or justification. */
export const maxNoteLength = 4_000;

// C0 and C1 controls except tab, line feed and carriage return, plus DEL.
// eslint-disable-next-line no-control-regex
const controlChar = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** The reason a draft text is refused, or null when it is acceptable. */
export function draftTextProblem(text: string): CountersignError | null {
  if (text.trim().length === 0) return new CountersignError('invalid', 'error.textEmpty');
  if (text.length > maxDraftLength) {
    return new CountersignError('invalid', 'error.textTooLong', { length: text.length, max: maxDraftLength });
  }
  const found = controlChar.exec(text);
  if (found) {
    const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return new CountersignError('invalid', 'error.textControl', { code, index: found.index });
  }
  return null;
}

export function profileNameProblem(name: string): CountersignError | null {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > maxProfileNameLength || controlChar.test(trimmed) || /[\r\n\t]/.test(trimmed)) {
    return new CountersignError('invalid', 'error.nameInvalid', { max: maxProfileNameLength });
  }
  return null;
}

/**
 * The reason a comment, reason or justification is refused, or null. `what`
 * names the field in the message; an empty note is refused only when `required`.
 */
export function noteProblem(note: string | undefined, what: NoteKind, required: boolean): CountersignError | null {
  const text = note?.trim() ?? '';
  if (text.length === 0) return required ? new CountersignError('invalid', 'error.noteRequired', { note: what }) : null;
  if (text.length > maxNoteLength) return new CountersignError('invalid', 'error.noteTooLong', { note: what, max: maxNoteLength });
  const found = controlChar.exec(text);
  if (found) {
    const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return new CountersignError('invalid', 'error.textControl', { code, index: found.index });
  }
  return null;
}

export type NoteKind = 'comment' | 'reason' | 'justification';
