import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { linter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState, Transaction, type Extension } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { Finding } from '../../../shared/rules/types';
import { useI18n, type I18n } from '../i18n';
import { composeHeight, editorTheme } from './editor-theme';
import { findingDiagnostics } from './finding-diagnostics';

/** What a screen may do to the editor: show a finding's span, or move focus in. */
export interface DraftEditorHandle {
  select(start: number, end: number): void;
  focus(): void;
}

/** One editor serves writing, editing in place and reading: these say which, and what to underline. */
export interface DraftEditorProps {
  /** The accessible name of the text area ("Draft text"). */
  label: string;
  text: string;
  onChange?: (text: string) => void;
  /** Findings of `checkedText`; shown only while the document still is that text. */
  findings: readonly Finding[];
  checkedText: string;
  readOnly?: boolean;
  /** Taller, for writing. */
  roomy?: boolean;
  handle?: Ref<DraftEditorHandle>;
}

interface Latest {
  findings: readonly Finding[];
  checkedText: string;
  t: I18n['t'];
}

/**
 * Pushes findings into the editor once the text is the one that was checked.
 * Redecorating under an open IME composition can break it, so while one is
 * open this waits and tries again; returns how to stop waiting.
 */
function showFindings(view: EditorView, latest: { current: Latest }): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const attempt = () => {
    if (view.composing) {
      timer = setTimeout(attempt, 60);
      return;
    }
    const { findings, checkedText, t } = latest.current;
    if (view.state.doc.toString() !== checkedText) return;
    view.dispatch(setDiagnostics(view.state, findingDiagnostics(findings, view.state.doc.length, t)));
  };
  attempt();
  return () => clearTimeout(timer);
}

function contentAttributes(label: string, readOnly: boolean): Extension {
  return EditorView.contentAttributes.of(readOnly ? { 'aria-label': label, 'aria-readonly': 'true' } : { 'aria-label': label });
}

/**
 * A CodeMirror 6 editor for a draft, with rule findings as underlines.
 * CodeMirror adds its styles to a document as an inline <style> tag, which the
 * renderer's CSP (style-src 'self') refuses; inside a shadow root it uses a
 * constructable stylesheet instead, which the CSP allows. So the editor is
 * mounted in an open shadow root of its host element.
 */
export function DraftEditor({ label, text, onChange, findings, checkedText, readOnly = false, roomy = false, handle }: DraftEditorProps) {
  const { t } = useI18n();
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  const latestRef = useRef<Latest>({ findings, checkedText, t });
  const [compartments] = useState(() => ({ attributes: new Compartment(), readOnly: new Compartment(), height: new Compartment() }));

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  // One view per mount; props reach it through the effects below.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    const view = new EditorView({
      root,
      parent: root,
      state: EditorState.create({
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap]),
          EditorView.lineWrapping,
          linter(null),
          editorTheme,
          compartments.attributes.of([]),
          compartments.readOnly.of([]),
          compartments.height.of([]),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current?.(update.state.doc.toString());
          }),
        ],
      }),
    });
    viewRef.current = view;
    return () => {
      viewRef.current = null;
      view.destroy();
    };
  }, [compartments]);

  useEffect(() => {
    viewRef.current?.dispatch({
      effects: [
        compartments.attributes.reconfigure(contentAttributes(label, readOnly)),
        compartments.readOnly.reconfigure(EditorState.readOnly.of(readOnly)),
        compartments.height.reconfigure(roomy ? composeHeight : []),
      ],
    });
  }, [compartments, label, readOnly, roomy]);

  // The text prop wins when it differs (a new draft selected, the form reset after submit).
  useEffect(() => {
    const view = viewRef.current;
    if (!view || view.state.doc.toString() === text) return;
    view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: text },
      annotations: Transaction.addToHistory.of(false),
    });
  }, [text]);

  useEffect(() => {
    latestRef.current = { findings, checkedText, t };
    return viewRef.current ? showFindings(viewRef.current, latestRef) : undefined;
  }, [findings, checkedText, t]);

  useImperativeHandle(
    handle,
    () => ({
      select(start, end) {
        const view = viewRef.current;
        if (!view) return;
        const length = view.state.doc.length;
        view.focus();
        view.dispatch({ selection: { anchor: Math.min(start, length), head: Math.min(end, length) }, scrollIntoView: true });
      },
      focus() {
        viewRef.current?.focus();
      },
    }),
    [],
  );

  return <div ref={hostRef} className="draft-editor" />;
}
