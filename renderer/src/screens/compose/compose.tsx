import { useRef, useState, type FormEvent } from 'react';
import { purposes, type Platform, type Purpose } from '../../../../shared/model';
import { draftTextProblem } from '../../../../shared/text-rules';
import { useApp } from '../../app-context';
import { PlatformSelect } from '../../components/platform-select';
import { DraftEditor, type DraftEditorHandle } from '../../editor/draft-editor';
import { FindingsPanel } from '../../findings/findings-panel';
import { LengthCounter } from '../../findings/length-counter';
import { useCheck } from '../../findings/use-check';
import { useI18n } from '../../i18n';
import { usePolicy } from '../../policy/use-policy';

/** The executive writes a draft, sees the rule checks as they type, and submits it or keeps it; the main process checks it again. */
export function Compose() {
  const { t } = useI18n();
  const { api, run, setNotice, reportError, preferences } = useApp();
  const policy = usePolicy();
  const [platform, setPlatform] = useState<Platform>(preferences.defaultPlatform);
  const [purpose, setPurpose] = useState<Purpose | ''>('');
  const [crisis, setCrisis] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const { result, checking } = useCheck(policy.checker, text, platform);
  const editor = useRef<DraftEditorHandle>(null);

  const send = async (how: 'submit' | 'save') => {
    const problem = draftTextProblem(text);
    if (problem) return reportError(problem.toApiError());
    setBusy(true);
    const input = { platform, text, crisis, ...(purpose ? { purpose } : {}) };
    const draft = await run(how === 'submit' ? api.submitDraft(input) : api.saveDraft(input));
    setBusy(false);
    if (draft) {
      setText('');
      setPurpose('');
      setCrisis(false);
      setNotice({ tone: 'info', key: how === 'submit' ? 'compose.submitted' : 'compose.saved', params: { id: draft.id } });
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send('submit');
  };

  const empty = text.trim() === '';
  return (
    <section className="panel" aria-labelledby="compose-title">
      <h1 id="compose-title">{t('compose.title')}</h1>
      <div className="with-findings">
        <form className="stack" onSubmit={submit}>
          <div className="compose-options">
            <PlatformSelect value={platform} onChange={setPlatform} />
            <label className="field">
              <span>{t('compose.purpose')}</span>
              <select value={purpose} onChange={(e) => setPurpose(e.target.value as Purpose | '')}>
                <option value="">{t('compose.purposeNone')}</option>
                {purposes.map((p) => (
                  <option key={p} value={p}>
                    {t(`purpose.${p}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="check">
              <input type="checkbox" checked={crisis} onChange={(e) => setCrisis(e.target.checked)} />
              <span>{t('compose.crisis')}</span>
            </label>
          </div>
          <div className="field">
            {/* The editor's own aria-label names it; this is the visible caption (a <label> cannot reach into its shadow root). */}
            <span className="field-caption" onClick={() => editor.current?.focus()}>
              {t('compose.text')}
            </span>
            <DraftEditor label={t('compose.text')} text={text} onChange={setText} findings={result.findings} checkedText={text} roomy handle={editor} />
          </div>
          <div className="row">
            <LengthCounter platform={platform} length={result.length} />
            <div className="buttons">
              <button type="button" className="secondary" disabled={busy || empty} onClick={() => void send('save')}>
                {t('compose.save')}
              </button>
              <button type="submit" disabled={busy || empty}>
                {t('compose.submit')}
              </button>
            </div>
          </div>
        </form>
        <FindingsPanel findings={result.findings} checking={checking} onSelect={(f) => editor.current?.select(f.start, f.end)} />
      </div>
    </section>
  );
}
