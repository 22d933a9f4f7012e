import { useState, type FormEvent } from 'react';
import { platforms, type Platform } from '../../../shared/model';
import { draftTextProblem, maxDraftLength } from '../../../shared/text-rules';
import type { AppContext } from '../app';
import { useI18n } from '../i18n';

/** The executive writes a draft and submits it; the main process checks it again. */
export function Compose({ ctx }: { ctx: AppContext }) {
  const { t } = useI18n();
  const { api, run, setNotice, reportError } = ctx;
  const [platform, setPlatform] = useState<Platform>('weibo');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

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
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('compose.platform')}</span>
          <select value={platform} onChange={(e) => setPlatform(e.target.value as Platform)}>
            {platforms.map((p) => (
              <option key={p} value={p}>
                {t(`platform.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('compose.text')}</span>
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={10} maxLength={maxDraftLength} />
        </label>
        <div className="row">
          <span className="hint" aria-live="polite">
            {t('compose.characters', { count: text.length })}
          </span>
          <button type="submit" disabled={busy || text.trim() === ''}>
            {t('compose.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
