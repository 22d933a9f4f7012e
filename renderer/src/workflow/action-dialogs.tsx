import { useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { CountersignError, type ApiError } from '../../../shared/errors';
import type { Platform } from '../../../shared/model';
import type { Finding } from '../../../shared/rules/types';
import { draftTextProblem, maxNoteLength, noteProblem, type NoteKind } from '../../../shared/text-rules';
import { DraftEditor, type DraftEditorHandle } from '../editor/draft-editor';
import { FindingsPanel } from '../findings/findings-panel';
import { LengthCounter } from '../findings/length-counter';
import { useCheck } from '../findings/use-check';
import { useI18n } from '../i18n';
import type { Checker } from '../policy/compile-cached';
import { Dialog } from './dialog';

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
  children,
}: {
  confirm: string;
  busy: boolean;
  problem: ApiError | null;
  problemId: string;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t, errorText } = useI18n();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onSubmit();
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      {children}
      <p id={problemId} className="problem" role="alert">
        {problem ? errorText(problem) : ''}
      </p>
      <div className="dialog-buttons">
        <button type="submit" aria-disabled={busy || undefined}>
          {confirm}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Runs an action, holding the form while it is in flight; returns the refusal to show, if any. */
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

/** New text for a draft (a reviewer's edit, or the author's resubmission), checked as it is typed, with an optional comment. */
export function TextDialog({ title, label, hint, initialText, platform, checker, mustChange, confirm, onSubmit, onClose }: TextDialogProps) {
  const [text, setText] = useState(initialText);
  const [comment, setComment] = useState('');
  const { busy, problem, setProblem, attempt } = useSubmitting();
  const { result, checking } = useCheck(checker, text, platform);
  const editor = useRef<DraftEditorHandle>(null);
  const problemId = useId();

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

  return (
    <Dialog title={title} onClose={onClose} onOpen={() => editor.current?.focus()} wide>
      <DialogForm confirm={confirm} busy={busy} problem={problem} problemId={problemId} onSubmit={submit} onCancel={onClose}>
        {hint && <p className="hint">{hint}</p>}
        <div className="with-findings">
          <div className="field">
            <span className="field-caption" onClick={() => editor.current?.focus()}>
              {label}
            </span>
            <DraftEditor
              label={label}
              text={text}
              onChange={(next) => {
                setText(next);
                setProblem(null);
              }}
              findings={result.findings}
              checkedText={text}
              handle={editor}
            />
            <LengthCounter platform={platform} length={result.length} />
          </div>
          <FindingsPanel findings={result.findings} checking={checking} onSelect={(f) => editor.current?.select(f.start, f.end)} level={3} />
        </div>
        <OptionalComment value={comment} onChange={setComment} />
      </DialogForm>
    </Dialog>
  );
}

/** A finding's quoted text, kept short for a label: a length finding covers everything past the limit. */
function shorten(match: string): string {
  const chars = [...match];
  return chars.length > 24 ? `${chars.slice(0, 24).join('')}…` : match;
}

export interface Justified {
  overrides: { ruleId: string; start: number; justification: string }[];
  comment: string | undefined;
}

/** Approving over `error` findings: one written justification for each, and an optional comment. */
export function ApproveDialog({ errors, onSubmit, onClose }: { errors: readonly Finding[]; onSubmit: (input: Justified) => Promise<Outcome>; onClose: () => void }) {
  const { t } = useI18n();
  const [justifications, setJustifications] = useState<readonly string[]>(() => errors.map(() => ''));
  const [missing, setMissing] = useState<ReadonlySet<number>>(new Set());
  const [comment, setComment] = useState('');
  const { busy, problem, setProblem, attempt } = useSubmitting();
  const fields = useRef<(HTMLTextAreaElement | null)[]>([]);
  const problemId = useId();
  const baseId = useId();

  const submit = () => {
    const problems = justifications.map((j) => noteProblem(j, 'justification', true));
    const bad = new Set(problems.flatMap((p, i) => (p ? [i] : [])));
    setMissing(bad);
    const first = problems.find((p) => p !== null) ?? noteProblem(comment, 'comment', false);
    if (first) {
      setProblem(first.toApiError());
      const index = [...bad][0];
      if (index !== undefined) fields.current[index]?.focus();
      return;
    }
    const overrides = errors.map((f, i) => ({ ruleId: f.ruleId, start: f.start, justification: (justifications[i] ?? '').trim() }));
    void attempt(() => onSubmit({ overrides, comment: comment.trim() === '' ? undefined : comment.trim() }));
  };

  return (
    <Dialog title={t('workflow.approve.title')} onClose={onClose}>
      <DialogForm confirm={t('workflow.approve.confirm')} busy={busy} problem={problem} problemId={problemId} onSubmit={submit} onCancel={onClose}>
        <p className="hint">{t('workflow.approve.intro', { count: errors.length })}</p>
        {errors.map((f, i) => {
          const messageId = `${baseId}-${i}`;
          return (
            <div key={`${f.ruleId}:${f.start}`} className="field justification">
              <label htmlFor={`${messageId}-field`}>{t('workflow.approve.justificationFor', { match: shorten(f.match), rule: f.ruleId })}</label>
              <p id={messageId} className="finding-message">
                {f.message}
              </p>
              <textarea
                id={`${messageId}-field`}
                ref={(el) => {
                  fields.current[i] = el;
                }}
                value={justifications[i] ?? ''}
                onChange={(e) => {
                  const value = e.target.value;
                  setJustifications((all) => all.map((j, k) => (k === i ? value : j)));
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
