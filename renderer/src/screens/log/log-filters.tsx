import { useId } from 'react';
import type { LogFilter } from '../../../../shared/log/log-query';
import { logStatuses } from '../../../../shared/log/log-record';
import { platforms } from '../../../../shared/model';
import { ChoiceFilter } from '../../components/choice-filter';
import { useI18n } from '../../i18n';

/** Drops unset fields so the request carries only the filters in use. */
export function cleanFilter(filter: LogFilter): LogFilter {
  const out: LogFilter = {};
  if (filter.from) out.from = filter.from;
  if (filter.to) out.to = filter.to;
  if (filter.platform) out.platform = filter.platform;
  if (filter.author) out.author = filter.author;
  if (filter.status) out.status = filter.status;
  return out;
}

/** Which posts of the log: approval dates, platform, author, status. Shared by the dashboard and the export dialog. */
export function LogFilters({ value, onChange, authors }: { value: LogFilter; onChange: (filter: LogFilter) => void; authors: string[] }) {
  const { t } = useI18n();
  const legendId = useId();
  const set = (patch: Partial<LogFilter>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="log-filters" aria-labelledby={legendId}>
      <legend id={legendId}>{t('logView.filters')}</legend>
      <label className="field">
        <span>{t('logView.filter.from')}</span>
        <input type="date" value={value.from ?? ''} max={value.to || undefined} onChange={(e) => set({ from: e.target.value || undefined })} />
      </label>
      <label className="field">
        <span>{t('logView.filter.to')}</span>
        <input type="date" value={value.to ?? ''} min={value.from || undefined} onChange={(e) => set({ to: e.target.value || undefined })} />
      </label>
      <ChoiceFilter
        label={t('logView.filter.platform')}
        any={t('logView.filter.any')}
        value={value.platform}
        choices={platforms.map((p) => ({ value: p, label: t(`platform.${p}`) }))}
        onChange={(platform) => set({ platform })}
      />
      <ChoiceFilter
        label={t('logView.filter.author')}
        any={t('logView.filter.any')}
        value={value.author}
        choices={authors.map((name) => ({ value: name, label: name }))}
        onChange={(author) => set({ author })}
      />
      <ChoiceFilter
        label={t('logView.filter.status')}
        any={t('logView.filter.anyStatus')}
        value={value.status}
        choices={logStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        onChange={(status) => set({ status })}
      />
    </fieldset>
  );
}
