import { useContext, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode, type Ref, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { CountersignError, type ApiError } from '../../../shared/errors';
import type { Platform } from '../../../shared/model';
import type { Finding } from '../../../shared/rules/types';
import { draftTextProblem, maxNoteLength, noteProblem, type NoteKind } from '../../../shared/text-rules';
import { DraftEditor, type DraftEditorHandle } from '../editor/draft-editor';
import { FindingsPanel } from '../findings/findings-panel';
import { LengthCounter } from '../findings/length-counter';
import { useJustifications } from '../findings/override-justifications';
import { shortMatch } from '../findings/short-match';
import { useCheck } from '../findings/use-check';
import { useI18n } from '../i18n';
import type { Checker } from '../policy/compile-cached';
import { Dialog } from './dialog';
import { EditInPlaceContext, type EditInPlace } from './edit-in-place';

/** What a dialog's action answers: null when it was done (the caller closes the dialog), else why not. */
export type Outcome = ApiError | null;

/** The form every action dialog shares: its fields, the reason it was refused, confirm and cancel. */
function DialogForm({
  confirm,
  busy,
  problem,
  problemId,
  onSubmit,
  onCancel,
  labelledBy,
  confirmRef,
  children,
}: {
  confirm: string;
  busy: boolean;
  problem: ApiError | null;
  problemId: string;
  onSubmit: () => void;
  onCancel: () => void;
  /** Names the form when it stands on its own, outside a dialog. */
  labelledBy?: string;
  confirmRef?: Ref<HTMLButtonElement>;
  children: ReactNode;
}) {
  const { t, errorText } = useI18n();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onSubmit();
  };
  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby={labelledBy}>
      {children}
      <p id={problemId} className="problem" role="alert">
        {problem ? errorText(problem) : ''}
      </p>
      <div className="dialog-buttons">
        <button ref={confirmRef} type="submit" aria-disabled={busy || undefined}>
          {confirm}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The optional note a dialog sends along with its action. */
function OptionalComment({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span>
        {t('workflow.field.comment')}
        <span className="optional"> {t('common.optional')}</span>
      </span>
      <textarea value={value} onChange={(e) => onChange(e.target.value)} rows={2} maxLength={maxNoteLength} />
    </label>
  );
}

/** Runs an action, holding the form while it is in flight; keeps the refusal to show, if any. */
function useSubmitting() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const attempt = async (action: () => Promise<Outcome>) => {
    setBusy(true);
    const outcome = await action();
    setBusy(false);
    setProblem(outcome);
  };
  return { busy, problem, setProblem, attempt };
}

/** One dialog asks for every note (request changes, reject, comment…); these say which. */
export interface NoteDialogProps {
  title: string;
  /** The field's label. */
  label: string;
  hint?: string;
  kind: NoteKind;
  required: boolean;
  confirm: string;
  onSubmit: (note: string | undefined) => Promise<Outcome>;
  onClose: () => void;
}

/** An action that carries a note: changes asked for, a reason, a comment. */
export function NoteDialog({ title, label, hint, kind, required, confirm, onSubmit, onClose }: NoteDialogProps) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const { busy, problem, setProblem, attempt } = useSubmitting();
  const field = useRef<HTMLTextAreaElement>(null);
  const problemId = useId();
  const hintId = useId();

  const submit = () => {
    const refused = noteProblem(note, kind, required);
    if (refused) {
      setProblem(refused.toApiError());
      field.current?.focus();
      return;
    }
    void attempt(() => onSubmit(note.trim() === '' ? undefined : note.trim()));
  };

  return (
    <Dialog title={title} onClose={onClose}>
      <DialogForm confirm={confirm} busy={busy} problem={problem} problemId={problemId} onSubmit={submit} onCancel={onClose}>
        <label className="field">
          <span>
            {label}
            {!required && <span className="optional"> {t('common.optional')}</span>}
          </span>
          <textarea
            ref={field}
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
              setProblem(null);
            }}
            rows={4}
            maxLength={maxNoteLength}
            aria-invalid={problem ? true : undefined}
            aria-describedby={hint ? `${hintId} ${problemId}` : problemId}
          />
        </label>
        {hint && (
          <p id={hintId} className="hint">
            {hint}
          </p>
        )}
      </DialogForm>
    </Dialog>
  );
}

/** The text-editing dialog serves the reviewer's edit and the author's resubmission alike. */
export interface TextDialogProps {
  title: string;
  /** The editor's accessible name. */
  label: string;
  hint?: string;
  initialText: string;
  platform: Platform;
  checker: Checker | null;
  /** A reviewer's edit must change the text. */
  mustChange: boolean;
  confirm: string;
  onSubmit: (text: string, comment: string | undefined) => Promise<Outcome>;
  onClose: () => void;
}

/** New text being written: checked as it is typed, and refused here when it could not be sent. */
function useTextEdit({ initialText, platform, checker, mustChange, onSubmit }: TextDialogProps) {
  const [text, setText] = useState(initialText);
  const [comment, setComment] = useState('');
  const { busy, problem, setProblem, attempt } = useSubmitting();
  const { result, checking } = useCheck(checker, text, platform);
  const submit = () => {
    const refused =
      draftTextProblem(text) ??
      (mustChange && text === initialText ? new CountersignError('invalid', 'error.editUnchanged') : null) ??
      noteProblem(comment, 'comment', false);
    if (refused) {
      setProblem(refused.toApiError());
      return;
    }
    void attempt(() => onSubmit(text, comment.trim() === '' ? undefined : comment.trim()));
  };
  const change = (next: string) => {
    setText(next);
    setProblem(null);
  };
  return { text, change, comment, setComment, result, checking, submit, busy, problem };
}

type TextEdit = ReturnType<typeof useTextEdit>;

/** The text being written, its caption and the platform counter. */
function TextField({ label, edit, platform, editor }: { label: string; edit: TextEdit; platform: Platform; editor: RefObject<DraftEditorHandle | null> }) {
  return (
    <div className="field">
      {/* The editor's own aria-label names it; this is the visible caption (a <label> cannot reach into its shadow root). */}
      <span className="field-caption" onClick={() => editor.current?.focus()}>
        {label}
      </span>
      <DraftEditor label={label} text={edit.text} onChange={edit.change} findings={edit.result.findings} checkedText={edit.text} handle={editor} />
      <LengthCounter platform={platform} length={edit.result.length} />
    </div>
  );
}

/**
 * New text for a draft (a reviewer's edit, or the author's resubmission),
 * checked as it is typed, with an optional comment. Inside a draft pane it is
 * written in place of the pane's read-only text, with its findings in the
 * pane's findings column; elsewhere it is a modal dialog.
 */
export function TextDialog(props: TextDialogProps) {
  const place = useContext(EditInPlaceContext);
  return place ? <TextInPlace place={place} {...props} /> : <TextModal {...props} />;
}

function TextModal(props: TextDialogProps) {
  const { title, label, hint, platform, confirm, onClose } = props;
  const edit = useTextEdit(props);
  const editor = useRef<DraftEditorHandle>(null);
  const problemId = useId();

  return (
    <Dialog title={title} onClose={onClose} onOpen={() => editor.current?.focus()} wide>
      <DialogForm confirm={confirm} busy={edit.busy} problem={edit.problem} problemId={problemId} onSubmit={edit.submit} onCancel={onClose}>
        {hint && <p className="hint">{hint}</p>}
        <div className="with-findings">
          <TextField label={label} edit={edit} platform={platform} editor={editor} />
          <FindingsPanel findings={edit.result.findings} checking={edit.checking} onSelect={(f) => editor.current?.select(f.start, f.end)} level={3} />
        </div>
        <OptionalComment value={edit.comment} onChange={edit.setComment} />
      </DialogForm>
    </Dialog>
  );
}

function TextInPlace({ place, ...props }: TextDialogProps & { place: EditInPlace }) {
  const { title, label, hint, platform, confirm, onClose } = props;
  const edit = useTextEdit(props);
  const editor = useRef<DraftEditorHandle>(null);
  const titleId = useId();
  const problemId = useId();
  const { setEditing } = place;

  // As a dialog does: focus moves to the text, and back to what opened the edit afterwards.
  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setEditing(true);
    return () => {
      setEditing(false);
      // After the pane has re-rendered: while the edit is open, the action bar (the opener's home) is inert.
      setTimeout(() => {
        if (opener?.isConnected) opener.focus();
      });
    };
  }, [setEditing]);
  useEffect(() => {
    editor.current?.focus();
  }, []);

  const escape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    onClose();
  };

  return (
    <>
      {createPortal(
        <div className="edit-in-place" onKeyDown={escape}>
          <DialogForm
            confirm={confirm}
            busy={edit.busy}
            problem={edit.problem}
            problemId={problemId}
            onSubmit={edit.submit}
            onCancel={onClose}
            labelledBy={titleId}
          >
            <h3 id={titleId}>{title}</h3>
            {hint && <p className="hint">{hint}</p>}
            <TextField label={label} edit={edit} platform={platform} editor={editor} />
            <OptionalComment value={edit.comment} onChange={edit.setComment} />
          </DialogForm>
        </div>,
        place.editor,
      )}
      {createPortal(
        <FindingsPanel findings={edit.result.findings} checking={edit.checking} onSelect={(f) => editor.current?.select(f.start, f.end)} level={3} />,
        place.findings,
      )}
    </>
  );
}

/** An approval over `error` findings, as the main process wants it: one justification per finding. */
export interface Justified {
  overrides: { ruleId: string; start: number; justification: string }[];
  comment: string | undefined;
}

/**
 * Approving over `error` findings: a written justification for each (the
 * same ones the pane's findings panel edits), and an optional comment.
 */
export function ApproveDialog({ errors, onSubmit, onClose }: { errors: readonly Finding[]; onSubmit: (input: Justified) => Promise<Outcome>; onClose: () => void }) {
  const { t } = useI18n();
  const justifications = useJustifications();
  const [missing, setMissing] = useState<ReadonlySet<number>>(new Set());
  const [comment, setComment] = useState('');
  const { busy, problem, setProblem, attempt } = useSubmitting();
  const fields = useRef<(HTMLTextAreaElement | null)[]>([]);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const problemId = useId();
  const baseId = useId();

  // The first justification still to write, or Approve when the panel already has them all.
  const focusFirst = () => {
    const empty = errors.findIndex((f) => justifications.get(f).trim() === '');
    (empty >= 0 ? fields.current[empty] : confirmRef.current)?.focus();
  };

  const submit = () => {
    const problems = errors.map((f) => noteProblem(justifications.get(f), 'justification', true));
    const bad = new Set(problems.flatMap((p, i) => (p ? [i] : [])));
    setMissing(bad);
    const first = problems.find((p) => p !== null) ?? noteProblem(comment, 'comment', false);
    if (first) {
      setProblem(first.toApiError());
      const index = [...bad][0];
      if (index !== undefined) fields.current[index]?.focus();
      return;
    }
    const overrides = errors.map((f) => ({ ruleId: f.ruleId, start: f.start, justification: justifications.get(f).trim() }));
    void attempt(() => onSubmit({ overrides, comment: comment.trim() === '' ? undefined : comment.trim() }));
  };

  return (
    <Dialog title={t('workflow.approve.title')} onClose={onClose} onOpen={focusFirst}>
      <DialogForm
        confirm={t('workflow.approve.confirm')}
        busy={busy}
        problem={problem}
        problemId={problemId}
        onSubmit={submit}
        onCancel={onClose}
        confirmRef={confirmRef}
      >
        <p className="hint">{t('workflow.approve.intro', { count: errors.length })}</p>
        {errors.map((f, i) => {
          const messageId = `${baseId}-${i}`;
          return (
            <div key={`${f.ruleId}:${f.start}`} className="field justification">
              <label htmlFor={`${messageId}-field`}>{t('workflow.approve.justificationFor', { match: shortMatch(f.match), rule: f.ruleId })}</label>
              <p id={messageId} className="finding-message">
                {f.message}
              </p>
              <textarea
                id={`${messageId}-field`}
                ref={(el) => {
                  fields.current[i] = el;
                }}
                value={justifications.get(f)}
                onChange={(e) => {
                  justifications.set(f, e.target.value);
                  setProblem(null);
                }}
                rows={2}
                maxLength={maxNoteLength}
                aria-invalid={missing.has(i) || undefined}
                aria-describedby={`${messageId} ${problemId}`}
              />
            </div>
          );
        })}
        <OptionalComment value={comment} onChange={setComment} />
      </DialogForm>
    </Dialog>
  );
}

/** Local date and time as a datetime-local input shows it, to the minute. */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Where and when the post went out, as the published draft's record keeps it. */
export interface Publication {
  /** ISO 8601 in UTC ("…Z"); absent when the time was left at "now", which the main process then stamps exactly. */
  publishedAt: string | undefined;
  url: string | undefined;
}

/** Marks an approved draft as published: when (now by default, in local time) and where. */
export function PublishDialog({ onSubmit, onClose }: { onSubmit: (input: Publication) => Promise<Outcome>; onClose: () => void }) {
  const { t } = useI18n();
  const [when, setWhen] = useState(() => localInputValue(new Date()));
  // The field shows now to the minute; left alone, "now" is the moment of the click, not the minute's start.
  const [changed, setChanged] = useState(false);
  const [url, setUrl] = useState('');
  const { busy, problem, setProblem, attempt } = useSubmitting();
  const problemId = useId();
  const urlHintId = useId();
  const at = useMemo(() => (when ? new Date(when) : null), [when]);

  const submit = () => {
    if (changed && (!at || Number.isNaN(at.getTime()))) {
      setProblem(new CountersignError('invalid', 'workflow.publish.timeMissing').toApiError());
      return;
    }
    const publishedAt = changed && at ? at.toISOString() : undefined;
    void attempt(() => onSubmit({ publishedAt, url: url.trim() === '' ? undefined : url.trim() }));
  };

  return (
    <Dialog title={t('workflow.publish.title')} onClose={onClose}>
      <DialogForm confirm={t('workflow.publish.confirm')} busy={busy} problem={problem} problemId={problemId} onSubmit={submit} onCancel={onClose}>
        <label className="field">
          <span>{t('workflow.publish.at')}</span>
          <input
            type="datetime-local"
            value={when}
            onChange={(e) => {
              setWhen(e.target.value);
              setChanged(true);
              setProblem(null);
            }}
            aria-describedby={problemId}
          />
        </label>
        <label className="field">
          <span>
            {t('workflow.publish.url')}
            <span className="optional"> {t('common.optional')}</span>
          </span>
          <input
            type="url"
            value={url}
            onChange={(e) => {
              setUrl(e.target.value);
              setProblem(null);
            }}
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${urlHintId} ${problemId}`}
          />
        </label>
        <p id={urlHintId} className="hint">
          {t('workflow.publish.urlHint')}
        </p>
      </DialogForm>
    </Dialog>
  );
}
