import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ApiError } from '../../../../shared/errors';
import { exportFormats, saveFormats, type ExportedLog, type LogFilter, type SaveFormat } from '../../../../shared/log/log-query';
import { useApp } from '../../app-context';
import { useI18n } from '../../i18n';
import { Dialog } from '../../workflow/dialog';
import { cleanFilter, LogFilters } from './log-filters';
import { saveFile } from './save-file';

type Written = Pick<ExportedLog, 'fileName' | 'records' | 'chainHead'>;
type State = { phase: 'idle' } | { phase: 'busy'; done: number; total: number } | { phase: 'done'; result: Written } | { phase: 'refused'; error: ApiError };

/**
 * Exports the approved-post log as a file: format and filters, a progress
 * indicator while it runs, then what was written. The desktop app saves
 * through its native dialog (and adds PDF); the browser host downloads.
 */
export function ExportDialog({ initialFilter, authors, onClose }: { initialFilter: LogFilter; authors: string[]; onClose: () => void }) {
  const { t, errorText, number } = useI18n();
  const { api } = useApp();
  const desktop = api.desktop;
  // PDF is printed by the desktop app's Chromium; the browser host offers the HTML report to print instead.
  const formats: readonly SaveFormat[] = desktop ? saveFormats : exportFormats;
  const [format, setFormat] = useState<SaveFormat>('csv');
  const [filter, setFilter] = useState<LogFilter>(initialFilter);
  const [state, setState] = useState<State>({ phase: 'idle' });
  const legendId = useId();
  const busy = state.phase === 'busy';

  // The core reports how far it got while it writes (an export of 100,000 posts takes a few seconds).
  useEffect(() => {
    if (!busy) return;
    return api.events.exportProgress(({ done, total }) => setState((s) => (s.phase === 'busy' ? { phase: 'busy', done, total } : s)));
  }, [busy, api]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setState({ phase: 'busy', done: 0, total: 0 });
    const request = { format, ...cleanFilter(filter) };
    if (desktop) {
      // The main process asks where to save and writes the file itself.
      const saved = await desktop.saveLog(request);
      if (!saved.ok) setState({ phase: 'refused', error: saved.error });
      else if (saved.value.canceled) setState({ phase: 'idle' });
      else setState({ phase: 'done', result: { ...saved.value, fileName: saved.value.file } });
      return;
    }
    if (format === 'pdf') return;
    const result = await api.exportLog({ ...request, format });
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
          {formats.map((f) => (
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
              {state.total > 0 ? (
                <>
                  <progress aria-label={t('exportDialog.progress')} value={state.done} max={state.total} />
                  <span>{t('exportDialog.progressCount', { done: number(state.done), total: number(state.total) })}</span>
                </>
              ) : (
                <>
                  <progress aria-label={t('exportDialog.progress')} />
                  <span>{t('exportDialog.progress')}</span>
                </>
              )}
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
