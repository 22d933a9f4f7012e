import { useId, type ReactNode } from 'react';
import type { DashboardStats } from '../../../../shared/log/log-query';
import { useI18n } from '../../i18n';

/** One bar or point: the value to draw and the text to read, already localised. */
export interface Datum {
  /** The category or week, as shown. */
  label: string;
  value: number;
  /** The value as shown: a count, a duration. */
  shown: string;
}

/** A chart's frame: the caption names it, the table holds its numbers for screen readers (and tests). */
function ChartFigure({
  caption,
  summary,
  columns,
  data,
  empty,
  children,
}: {
  caption: string;
  summary: string | null;
  columns: [string, string];
  data: Datum[];
  empty: string;
  children: ReactNode;
}) {
  const captionId = useId();
  return (
    <figure className="chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>{caption}</figcaption>
      {data.length === 0 ? (
        <p className="hint chart-empty">{empty}</p>
      ) : (
        <>
          {summary && <p className="chart-summary">{summary}</p>}
          {children}
          <table className="visually-hidden">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{columns[0]}</th>
                <th scope="col">{columns[1]}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.label}>
                  <th scope="row">{d.label}</th>
                  <td>{d.shown}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
}

const width = 420;
const height = 180;
const axis = 24;

/** Vertical bars (or a line), one per week: an image summarised by its label; the table has the numbers. */
export function ColumnChart(props: {
  caption: string;
  summary: string | null;
  columns: [string, string];
  data: Datum[];
  empty: string;
  imageLabel: string;
  kind: 'bars' | 'line';
}) {
  const { data, kind } = props;
  const max = Math.max(1, ...data.map((d) => d.value));
  const slot = (width - 8) / Math.max(1, data.length);
  const barWidth = Math.max(4, Math.min(48, slot * 0.7));
  const plot = height - axis - 16;
  const y = (v: number) => 16 + plot - (v / max) * plot;
  const x = (i: number) => 4 + slot * i + slot / 2;
  // Label at most ~8 weeks so they do not overlap.
  const every = Math.max(1, Math.ceil(data.length / 8));
  return (
    <ChartFigure {...props}>
      <svg className={`chart-svg chart-kind-${kind}`} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.imageLabel}>
        <line className="chart-axis" x1={0} x2={width} y1={16 + plot} y2={16 + plot} />
        {kind === 'bars'
          ? data.map((d, i) => (
              <g key={d.label}>
                <rect className="chart-bar" x={x(i) - barWidth / 2} y={y(d.value)} width={barWidth} height={16 + plot - y(d.value)} rx={2} />
                <text className="chart-value" x={x(i)} y={y(d.value) - 3} textAnchor="middle">
                  {d.shown}
                </text>
              </g>
            ))
          : (
              <>
                <polyline className="chart-line" points={data.map((d, i) => `${x(i)},${y(d.value)}`).join(' ')} />
                {data.map((d, i) => (
                  <g key={d.label}>
                    <circle className="chart-dot" cx={x(i)} cy={y(d.value)} r={3.5} />
                    {(data.length <= 8 || i % every === 0) && (
                      <text className="chart-value" x={x(i)} y={y(d.value) - 6} textAnchor="middle">
                        {d.shown}
                      </text>
                    )}
                  </g>
                ))}
              </>
            )}
        {data.map((d, i) =>
          i % every === 0 ? (
            <text key={d.label} className="chart-label" x={x(i)} y={height - 6} textAnchor="middle">
              {d.label}
            </text>
          ) : null,
        )}
      </svg>
    </ChartFigure>
  );
}

/** Horizontal bars, one per category. */
export function BarList(props: { caption: string; summary: string | null; columns: [string, string]; data: Datum[]; empty: string; imageLabel: string }) {
  const { data } = props;
  const max = Math.max(1, ...data.map((d) => d.value));
  const row = 26;
  const labelWidth = 150;
  const barRoom = width - labelWidth - 48;
  const h = row * data.length + 4;
  return (
    <ChartFigure {...props}>
      <svg className="chart-svg" viewBox={`0 0 ${width} ${h}`} role="img" aria-label={props.imageLabel}>
        {data.map((d, i) => (
          <g key={d.label}>
            <text className="chart-label" x={labelWidth - 8} y={i * row + 18} textAnchor="end">
              {d.label}
            </text>
            <rect className="chart-bar" x={labelWidth} y={i * row + 5} width={Math.max(2, (d.value / max) * barRoom)} height={row - 10} rx={2} />
            <text className="chart-value" x={labelWidth + Math.max(2, (d.value / max) * barRoom) + 6} y={i * row + 18}>
              {d.shown}
            </text>
          </g>
        ))}
      </svg>
    </ChartFigure>
  );
}

/** Approvals over an error finding, of all approvals: one figure and one bar. */
export function OverrideRate({ overrides }: { overrides: DashboardStats['overrides'] }) {
  const { t, locale } = useI18n();
  const captionId = useId();
  const { approvals, withOverride } = overrides;
  const share = approvals === 0 ? 0 : withOverride / approvals;
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
  const text = t('logView.overrides.value', { overridden: withOverride, approvals, percent });
  const barWidth = width - 8;
  return (
    <figure className="chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>{t('logView.chart.overrides')}</figcaption>
      {approvals === 0 ? (
        <p className="hint chart-empty">{t('logView.empty')}</p>
      ) : (
        <>
          <p className="chart-figure-value">
            <span className="chart-big">{percent}</span> <span>{text}</span>
          </p>
          <svg className="chart-svg chart-rate" viewBox={`0 0 ${width} 24`} role="img" aria-label={text}>
            <rect className="chart-track" x={4} y={4} width={barWidth} height={16} rx={4} />
            <rect className="chart-bar chart-bar-warn" x={4} y={4} width={share * barWidth} height={16} rx={4} />
          </svg>
        </>
      )}
    </figure>
  );
}
