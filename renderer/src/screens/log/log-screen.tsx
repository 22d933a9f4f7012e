import { useCallback, useId, useMemo, useRef, useState } from 'react';
import type { ChainHead, DashboardStats, LogFilter } from '../../../../shared/log/log-query';
import { useApp } from '../../app-context';
import { useApiQuery } from '../../data/use-api-query';
import { useI18n } from '../../i18n';
import { BarList, ColumnChart, OverrideRate, type Datum } from './charts';
import { ExportDialog } from './export-dialog';
import { cleanFilter, LogFilters } from './log-filters';

/** "2026-11-23" (a Monday, UTC) as a short localised date. */
function useWeekLabel() {
  const { locale } = useI18n();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    return (week: string) => format.format(new Date(`${week}T00:00:00Z`));
  }, [locale]);
}

/** The approved-post log: the journal's chain head, the dashboard, and exports. */
export function LogScreen() {
  const { t } = useI18n();
  const { api, reportError, profiles } = useApp();
  const [filter, setFilter] = useState<LogFilter>({});
  const [exporting, setExporting] = useState(false);
  const authors = useMemo(() => profiles.map((p) => p.name), [profiles]);
  const request = useMemo(() => cleanFilter(filter), [filter]);

  // Asked again on every draftsChanged; a new filter keeps the old figures on screen until the new ones arrive.
  const asked = { reloadOn: ['draftsChanged'], onError: reportError } as const;
  const loadHead = useCallback(() => api.getChainHead({}), [api]);
  const loadStats = useCallback(() => api.getDashboard(request), [api, request]);
  const head = useApiQuery(api, loadHead, asked).data;
  const stats = useApiQuery(api, loadStats, asked).data;

  return (
    <div className="log stack">
      <div className="row">
        <h1>{t('logView.heading')}</h1>
        <button type="button" onClick={() => setExporting(true)}>
          {t('logView.export')}
        </button>
      </div>
      <ChainHeadPanel head={head} />
      <section className="panel stack" aria-labelledby="dashboard-title">
        <h2 id="dashboard-title">{t('logView.dashboard')}</h2>
        <LogFilters value={filter} onChange={setFilter} authors={authors} />
        {stats === null ? <p aria-busy="true">{t('common.loading')}</p> : <Dashboard stats={stats} />}
      </section>
      {exporting && <ExportDialog initialFilter={filter} authors={authors} onClose={() => setExporting(false)} />}
    </div>
  );
}

function ChainHeadPanel({ head }: { head: ChainHead | null }) {
  const { t } = useI18n();
  const titleId = useId();
  const hashRef = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    if (!head) return;
    try {
      await navigator.clipboard.writeText(head.hash);
      setCopied('yes');
    } catch {
      // No clipboard access: select the hash so it can be copied by hand.
      const node = hashRef.current;
      if (node) window.getSelection()?.selectAllChildren(node);
      setCopied('no');
    }
  };
  return (
    <section className="panel stack chain-head" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('logView.chainHead')}</h2>
      <p className="hint">{t('logView.chainHeadHint')}</p>
      {head === null ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : (
        <>
          <div className="chain-head-row">
            <code ref={hashRef} className="mono chain-hash">
              {head.hash}
            </code>
            <button type="button" className="secondary" onClick={() => void copy()}>
              {t('logView.copy')}
            </button>
            <span className="hint" aria-live="polite">
              {copied === 'yes' ? t('logView.copied') : copied === 'no' ? t('logView.copyByHand') : ''}
            </span>
          </div>
          <p>{t('logView.chainHeadRecords', { count: head.records })}</p>
        </>
      )}
    </section>
  );
}

function Dashboard({ stats }: { stats: DashboardStats }) {
  const { t, locale, duration } = useI18n();
  const weekLabel = useWeekLabel();
  const number = useMemo(() => new Intl.NumberFormat(locale), [locale]);
  const approved: Datum[] = stats.approvedPerWeek.map((w) => ({ label: weekLabel(w.week), value: w.count, shown: number.format(w.count) }));
  const totalApproved = stats.approvedPerWeek.reduce((sum, w) => sum + w.count, 0);
  const queue: Datum[] = stats.medianSecondsInQueuePerWeek.map((w) => ({
    label: weekLabel(w.week),
    value: w.seconds,
    shown: duration(w.seconds * 1000),
  }));
  const findings: Datum[] = stats.findingsByCategory.map((c) => ({ label: t(`category.${c.category}`), value: c.count, shown: number.format(c.count) }));
  const totalFindings = stats.findingsByCategory.reduce((sum, c) => sum + c.count, 0);
  const weekColumn = t('logView.column.week');
  return (
    <div className="dashboard">
      <ColumnChart
        kind="bars"
        caption={t('logView.chart.approved')}
        summary={t('logView.approvedTotal', { count: totalApproved })}
        columns={[weekColumn, t('logView.column.approved')]}
        data={approved}
        empty={t('logView.empty')}
        imageLabel={t('logView.approvedImage', { count: totalApproved, weeks: approved.length })}
      />
      <ColumnChart
        kind={queue.length > 1 ? 'line' : 'bars'}
        caption={t('logView.chart.queue')}
        summary={null}
        columns={[weekColumn, t('logView.column.median')]}
        data={queue}
        empty={t('logView.empty')}
        imageLabel={t('logView.queueImage', { weeks: queue.length })}
      />
      <BarList
        caption={t('logView.chart.findings')}
        summary={t('logView.findingsTotal', { count: totalFindings })}
        columns={[t('logView.column.category'), t('logView.column.findings')]}
        data={findings}
        empty={t('logView.noFindings')}
        imageLabel={t('logView.findingsImage', { count: totalFindings, categories: findings.length })}
      />
      <OverrideRate overrides={stats.overrides} />
      <PerReviewer rows={stats.perReviewer} />
    </div>
  );
}

function PerReviewer({ rows }: { rows: DashboardStats['perReviewer'] }) {
  const { t, locale, duration } = useI18n();
  const captionId = useId();
  const number = new Intl.NumberFormat(locale);
  return (
    <figure className="chart chart-wide" aria-labelledby={captionId}>
      <figcaption id={captionId}>{t('logView.chart.reviewers')}</figcaption>
      {rows.length === 0 ? (
        <p className="hint chart-empty">{t('logView.empty')}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('logView.chart.reviewers')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('logView.column.reviewer')}</th>
              <th scope="col">{t('logView.column.approved')}</th>
              <th scope="col">{t('logView.column.median')}</th>
              <th scope="col">{t('logView.column.overrides')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.reviewer}>
                <th scope="row">{r.reviewer}</th>
                <td>{number.format(r.approved)}</td>
                <td>{duration(r.medianSecondsInQueue * 1000)}</td>
                <td>{number.format(r.overrides)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}
