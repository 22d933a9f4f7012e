import { EditorView } from '@codemirror/view';

// The editor lives in a shadow root (see draft-editor.tsx), so styles.css
// cannot reach it: its look is here, through CodeMirror's constructable
// stylesheet. CSS variables still inherit, so light and dark follow the app.
export const editorTheme = EditorView.theme({
  '&': {
    color: 'var(--text)',
    backgroundColor: 'var(--surface)',
    border: '1px solid var(--border)',
    borderRadius: '6px',
    fontSize: '1.05rem',
  },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '2px' },
  '.cm-scroller': { fontFamily: 'inherit', lineHeight: '1.6', maxHeight: '28rem', overflow: 'auto' },
  '.cm-content': { padding: '0.5rem 0.6rem', caretColor: 'var(--text)' },
  '.cm-content[aria-readonly="true"]': { caretColor: 'transparent' },
  '.cm-line': { padding: '0' },
  '.cm-tooltip': {
    backgroundColor: 'var(--surface)',
    color: 'var(--text)',
    border: '1px solid var(--border)',
    borderRadius: '6px',
    boxShadow: '0 4px 14px rgb(0 0 0 / 18%)',
    maxWidth: '28rem',
  },
  '.cm-diagnostic': { padding: '0.4rem 0.6rem', whiteSpace: 'normal' },
  '.cm-diagnosticSource': { color: 'var(--muted)', opacity: '1', fontSize: '0.85rem' },
  '.cm-diagnostic-suggestion': { color: 'var(--muted)', marginTop: '0.25rem' },
  '.cm-panels': { backgroundColor: 'var(--surface-2)', color: 'var(--text)' },
});

/** The compose editor: room to write before it grows. */
export const composeHeight = EditorView.theme({ '.cm-content': { minHeight: '10rem' } });

/**
 * One side of the revision diff. Colours come from CSS variables so the app's
 * themes reach them; deleted text is struck through and inserted text
 * underlined, so colour is not the only mark. The selectors outweigh the
 * merge package's own base theme.
 */
export const diffTheme = EditorView.theme({
  // The merge view grows with its content; its host scrolls instead (styles.css).
  '&.cm-editor .cm-scroller': { maxHeight: 'none' },
  '&.cm-editor .cm-panels.cm-panels-top': { backgroundColor: 'var(--surface-2)', color: 'var(--text)', borderBottom: '1px solid var(--border)' },
  '.cm-side-label': { padding: '0.3rem 0.6rem', fontWeight: '600', fontSize: '0.9rem', boxSizing: 'border-box' },
  '.cm-gutters': { backgroundColor: 'transparent', border: 'none' },
  '&.cm-editor.cm-merge-a .cm-changedLine': { backgroundColor: 'var(--diff-deleted-line)' },
  '&.cm-editor.cm-merge-b .cm-changedLine': { backgroundColor: 'var(--diff-inserted-line)' },
  '&.cm-editor.cm-merge-a .cm-line .cm-changedText': {
    background: 'var(--diff-deleted-bg)',
    textDecoration: 'line-through',
  },
  '&.cm-editor.cm-merge-b .cm-line .cm-changedText': {
    background: 'var(--diff-inserted-bg)',
    textDecoration: 'underline',
    textUnderlineOffset: '3px',
  },
  '&.cm-editor.cm-merge-a .cm-gutters .cm-changedLineGutter': { background: 'var(--danger)' },
  '&.cm-editor.cm-merge-b .cm-gutters .cm-changedLineGutter': { background: 'var(--ok)' },
});
