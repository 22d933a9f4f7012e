import { useId, useState, type FormEvent } from 'react';
import type { ApiError } from '../../../shared/errors';
import { exportFormats, type ExportedLog, type ExportFormat, type LogFilter } from '../../../shared/log/log-query';
import type { AppContext } from '../app';
import { useI18n } from '../i18n';
import { Dialog } from '../workflow/dialog';
import { cleanFilter, LogFilters } from './log-filters';
import { saveFile } from './save-file';

type State = { phase: 'idle' } | { phase: 'busy' } | { phase: 'done'; result: ExportedLog } | { phase: 'refused'; error: ApiError };

/** Exports the approved-post log as a file: format and filters, a progress indicator while it runs, then what was written. */
export function ExportDialog({
  ctx,
  initialFilter,
  authors,
  onClose,
}: {
  ctx: AppContext;
  initialFilter: LogFilter;
  authors: string[];
  onClose: () => void;
}) {
  const { t, errorText } = useI18n();
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [filter, setFilter] = useState<LogFilter>(initialFilter);
  const [state, setState] = useState<State>({ phase: 'idle' });
  const legendId = useId();
  const busy = state.phase === 'busy';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setState({ phase: 'busy' });
    const result = await ctx.api.exportLog({ format, ...cleanFilter(filter) });
    if (!result.ok) {
      setState({ phase: 'refused', error: result.error });
      return;
    }
    saveFile(result.value.fileName, result.value.mimeType, result.value.content);
    setState({ phase: 'done', result: result.value });
  };

  return (
    <Dialog title={t('exportDialog.title')} onClose={onClose} wide>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="export-formats" aria-labelledby={legendId}>
          <legend id={legendId}>{t('exportDialog.format')}</legend>
          {exportFormats.map((f) => (
            <label key={f} className="check">
              <input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} />
              <span>{t(`exportDialog.format.${f}`)}</span>
            </label>
          ))}
        </fieldset>
        <LogFilters value={filter} onChange={setFilter} authors={authors} />
        <div className="export-state" aria-live="polite">
          {busy && (
            <div className="export-progress">
              <progress aria-label={t('exportDialog.progress')} />
              <span>{t('exportDialog.progress')}</span>
            </div>
          )}
          {state.phase === 'done' && (
            <p className="export-done">
              {t('exportDialog.done', { count: state.result.records, file: state.result.fileName })}{' '}
              <span>{t('exportDialog.doneHead')}</span> <code className="mono chain-hash">{state.result.chainHead}</code>
            </p>
          )}
        </div>
        <p className="problem" role="alert">
          {state.phase === 'refused' ? errorText(state.error) : ''}
        </p>
        <div className="dialog-buttons">
          <button type="submit" aria-disabled={busy || undefined}>
            {t('exportDialog.submit')}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
