import type { DraftSummary, SeverityCounts } from '../../../../shared/model';
import { findingCountsText, worstSeverity } from '../../findings/finding-counts';
import { useI18n } from '../../i18n';

const noCounts: SeverityCounts = { error: 0, warning: 0, info: 0 };

/** The drafts to list and which one is open; the screen keeps the selection. */
export interface DraftListProps {
  drafts: readonly DraftSummary[];
  /** The list's accessible name. */
  label: string;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Now, in ms, for "waiting 5 minutes". */
  now: number;
  showAuthor?: boolean;
}

/** Drafts as a list of buttons: status, crisis, who, where, why, how long it has waited, a preview and its findings. */
export function DraftList({ drafts, label, selectedId, onSelect, now, showAuthor = true }: DraftListProps) {
  const { t, dateTime, duration } = useI18n();
  return (
    <ul className="queue-list" aria-label={label}>
      {drafts.map((d) => {
        // Recorded by the main process when the revision was made; older records have none.
        const counts = d.findingCounts ?? noCounts;
        const waiting = d.status === 'pending' && d.waitingSince;
        return (
          <li key={d.id}>
            <button type="button" className="queue-item" aria-current={d.id === selectedId ? 'true' : undefined} onClick={() => onSelect(d.id)}>
              <span className="queue-meta">
                <span className={`status status-${d.status}`}>{t(`status.${d.status}`)}</span>{' '}
                {d.crisis && <span className="badge badge-crisis">{t('draft.crisis')}</span>}{' '}
                {showAuthor && <span>{d.author}</span>} <span>{t(`platform.${d.platform}`)}</span>{' '}
                {d.purpose && <span>{t(`purpose.${d.purpose}`)}</span>}
              </span>{' '}
              <span className="queue-text">{d.text}</span>{' '}
              <span className="queue-when">
                {waiting ? (
                  <time dateTime={waiting}>{t('queue.waiting', { duration: duration(Math.max(0, now - Date.parse(waiting))) })}</time>
                ) : (
                  <time dateTime={d.updatedAt}>{t('queue.updated', { time: dateTime(d.updatedAt) })}</time>
                )}
              </span>{' '}
              <span className={`queue-counts counts-${worstSeverity(counts) ?? 'none'}`}>{findingCountsText(counts, t)}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
