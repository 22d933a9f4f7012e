import { useRef, useState, type FormEvent } from 'react';
import type { Platform } from '../../../shared/model';
import { draftTextProblem } from '../../../shared/text-rules';
import type { AppContext } from '../app';
import { DraftEditor, type DraftEditorHandle } from '../editor/draft-editor';
import { FindingsPanel } from '../findings/findings-panel';
import { LengthCounter } from '../findings/length-counter';
import { useCheck } from '../findings/use-check';
import { useI18n } from '../i18n';
import { PlatformSelect } from '../platform-select';
import { usePolicy } from '../policy/use-policy';

/** The executive writes a draft, sees the rule checks as they type, and submits; the main process checks it again. */
export function Compose({ ctx }: { ctx: AppContext }) {
  const { t } = useI18n();
  const { api, run, setNotice, reportError } = ctx;
  const policy = usePolicy(api, reportError);
  const [platform, setPlatform] = useState<Platform>('weibo');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const { result, checking } = useCheck(policy.checker, text, platform);
  const editor = useRef<DraftEditorHandle>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = draftTextProblem(text);
    if (problem) return reportError(problem.toApiError());
    setBusy(true);
    const draft = await run(api.submitDraft({ platform, text }));
    setBusy(false);
    if (draft) {
      setText('');
      setNotice({ tone: 'info', key: 'compose.submitted', params: { id: draft.id } });
    }
  };

  return (
    <section className="panel" aria-labelledby="compose-title">
      <h1 id="compose-title">{t('compose.title')}</h1>
      <div className="with-findings">
        <form className="stack" onSubmit={(e) => void submit(e)}>
          <PlatformSelect value={platform} onChange={setPlatform} />
          <div className="field">
            {/* The editor's own aria-label names it; this is the visible caption (a <label> cannot reach into its shadow root). */}
            <span className="field-caption" onClick={() => editor.current?.focus()}>
              {t('compose.text')}
            </span>
            <DraftEditor label={t('compose.text')} text={text} onChange={setText} findings={result.findings} checkedText={text} roomy handle={editor} />
          </div>
          <div className="row">
            <LengthCounter platform={platform} length={result.length} />
            <button type="submit" disabled={busy || text.trim() === ''}>
              {t('compose.submit')}
            </button>
          </div>
        </form>
        <FindingsPanel findings={result.findings} checking={checking} onSelect={(f) => editor.current?.select(f.start, f.end)} />
      </div>
    </section>
  );
}
