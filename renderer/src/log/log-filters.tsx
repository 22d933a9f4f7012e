import { useId } from 'react';
import type { LogFilter } from '../../../shared/log/log-query';
import { logStatuses, type LogStatus } from '../../../shared/log/log-record';
import { platforms, type Platform } from '../../../shared/model';
import { useI18n } from '../i18n';

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
      <label className="field">
        <span>{t('logView.filter.platform')}</span>
        <select value={value.platform ?? ''} onChange={(e) => set({ platform: (e.target.value || undefined) as Platform | undefined })}>
          <option value="">{t('logView.filter.any')}</option>
          {platforms.map((p) => (
            <option key={p} value={p}>
              {t(`platform.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('logView.filter.author')}</span>
        <select value={value.author ?? ''} onChange={(e) => set({ author: e.target.value || undefined })}>
          <option value="">{t('logView.filter.any')}</option>
          {authors.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('logView.filter.status')}</span>
        <select value={value.status ?? ''} onChange={(e) => set({ status: (e.target.value || undefined) as LogStatus | undefined })}>
          <option value="">{t('logView.filter.anyStatus')}</option>
          {logStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
