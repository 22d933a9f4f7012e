import { MergeView } from '@codemirror/merge';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, showPanel } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { revisionDiffConfig } from '../workflow/revision-comparison';
import { diffTheme, editorTheme } from './editor-theme';

/** One side of the comparison: its text and the name that tells the reader which revision it is. */
export interface MergeSide {
  text: string;
  /** Names the side, visibly above it and for assistive technology: "Before: revision 1 by Zhang Wei". */
  label: string;
}

/** The label shown above a side; a panel, so it stays aligned with its own column. */
function labelPanel(label: string): Extension {
  return showPanel.of(() => {
    const dom = document.createElement('div');
    dom.className = 'cm-side-label';
    dom.textContent = label;
    return { dom, top: true };
  });
}

function side(label: string): Extension {
  return [
    EditorState.readOnly.of(true),
    EditorView.lineWrapping,
    editorTheme,
    diffTheme,
    EditorView.editorAttributes.of({ role: 'region', 'aria-label': label }),
    EditorView.contentAttributes.of({ 'aria-label': label, 'aria-readonly': 'true' }),
    labelPanel(label),
  ];
}

/**
 * Two revisions side by side with @codemirror/merge: unchanged lines aligned,
 * deleted text marked on the left and inserted text on the right; both sides
 * read-only. Mounted in a shadow root for the same CSP reason as the draft
 * editor (see draft-editor.tsx).
 */
export function RevisionMergeView({ before, after }: { before: MergeSide; after: MergeSide }) {
  const hostRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    const view = new MergeView({
      a: { doc: before.text, extensions: side(before.label) },
      b: { doc: after.text, extensions: side(after.label) },
      parent: root,
      root,
      diffConfig: revisionDiffConfig,
    });
    // The sides line up only while their labels are equally tall; a long label may wrap on one side.
    const labels = [...root.querySelectorAll<HTMLElement>('.cm-side-label')];
    const evenLabels = () => {
      for (const label of labels) label.style.minHeight = '';
      const tallest = Math.max(...labels.map((label) => label.offsetHeight));
      for (const label of labels) label.style.minHeight = `${tallest}px`;
    };
    const resized = new ResizeObserver(evenLabels);
    resized.observe(host);
    return () => {
      resized.disconnect();
      view.destroy();
    };
  }, [before.text, before.label, after.text, after.label]);

  return <div ref={hostRef} className="revision-merge" />;
}
