import { useRef, type KeyboardEvent } from 'react';
import { draftStatuses, type DraftStatus } from '../../../../shared/model';
import { useI18n } from '../../i18n';

/** The id of a status's tab, so the panel it controls can be labelled by it. */
export const statusTabId = (prefix: string, status: DraftStatus) => `${prefix}-tab-${status}`;

/** Every status with how many drafts are in it, as a tab list (arrow keys, Home and End move between tabs). */
export function StatusTabs({
  value,
  counts,
  onChange,
  idPrefix,
  panelId,
}: {
  value: DraftStatus;
  counts: Readonly<Record<DraftStatus, number>> | null;
  onChange: (status: DraftStatus) => void;
  idPrefix: string;
  panelId: string;
}) {
  const { t, locale } = useI18n();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  const move = (event: KeyboardEvent, index: number) => {
    const last = draftStatuses.length - 1;
    const next = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const wrapped = next < 0 ? last : next > last ? 0 : next;
    const status = draftStatuses[wrapped];
    if (!status) return;
    onChange(status);
    tabs.current[wrapped]?.focus();
  };

  return (
    <div className="status-tabs" role="tablist" aria-label={t('queue.filter')}>
      {draftStatuses.map((status, index) => {
        const count = counts?.[status];
        return (
          <button
            key={status}
            ref={(el) => {
              tabs.current[index] = el;
            }}
            type="button"
            role="tab"
            id={statusTabId(idPrefix, status)}
            aria-selected={status === value}
            aria-controls={panelId}
            aria-label={count === undefined ? t(`status.${status}`) : t('queue.tab', { status, count })}
            tabIndex={status === value ? 0 : -1}
            onClick={() => onChange(status)}
            onKeyDown={(e) => move(e, index)}
          >
            {/* The space keeps the visible text ("Pending review 1") inside the accessible name ("Pending review: 1"). */}
            <span>{t(`status.${status}`)}</span>{' '}
            {count !== undefined && <span className="tab-count">{count.toLocaleString(locale)}</span>}
          </button>
        );
      })}
    </div>
  );
}
