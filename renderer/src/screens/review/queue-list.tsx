import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useImperativeHandle, type Ref, type RefObject } from 'react';
import type { QueueRow } from '../../../../shared/queue-query';
import { findingCountsText, worstSeverity } from '../../findings/finding-counts';
import { useI18n } from '../../i18n';

/** Height of one row, gap included; the rows are fixed-height so 100,000 of them need no measuring. */
export const queueRowHeight = 84;
const rowGap = 6;

/** What the queue screen asks of the list when a key moves the selection. */
export interface QueueListHandle {
  /** Scrolls just enough to show the row. */
  scrollTo: (index: number) => void;
}

/** The list fetches nothing itself: the screen's useQueue holds the rows and hears which are on screen. */
export interface QueueListProps {
  /** The list's accessible name. */
  label: string;
  total: number;
  rowAt: (index: number) => QueueRow | undefined;
  selectedId: string | null;
  onSelect: (row: QueueRow, index: number) => void;
  /** Which rows are on screen (with a few either side), so they can be fetched. */
  onRange: (start: number, end: number) => void;
  /** The rows shown answer an older question; the new answer is on its way. */
  busy: boolean;
  /** A new value scrolls back to the top: new filters. */
  resetKey: unknown;
  /** Now, in ms, for "waiting 5 minutes". */
  now: number;
  idPrefix: string;
  listRef: RefObject<HTMLDivElement | null>;
  handle: Ref<QueueListHandle>;
}

/**
 * The queue as a single-select listbox of which only the rows on screen
 * exist in the page: each says where it stands (aria-posinset of
 * aria-setsize), and the list keeps the focus while the selection is its
 * active descendant.
 */
export function QueueList({ label, total, rowAt, selectedId, onSelect, onRange, busy, resetKey, now, idPrefix, listRef, handle }: QueueListProps) {
  const { t } = useI18n();
  // The app is not built with the React Compiler, and nothing here is memoised around the virtualizer's functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => listRef.current,
    estimateSize: () => queueRowHeight,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  useImperativeHandle(handle, () => ({ scrollTo: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }) }), [virtualizer]);

  useEffect(() => {
    onRange(first, last);
  }, [first, last, total, onRange]);

  useEffect(() => {
    listRef.current?.scrollTo({ top: 0 });
  }, [resetKey, listRef]);

  const optionId = (index: number) => `${idPrefix}-option-${index}`;
  const active = items.find((item) => rowAt(item.index)?.id === selectedId);

  return (
    <div
      ref={listRef}
      role="listbox"
      aria-label={label}
      aria-busy={busy}
      aria-activedescendant={active ? optionId(active.index) : undefined}
      aria-keyshortcuts="J K ArrowDown ArrowUp Home End"
      tabIndex={0}
      className="queue-scroller"
    >
      <div role="none" className="queue-sizer" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rowAt(item.index);
          const style = { transform: `translateY(${item.start}px)`, height: queueRowHeight - rowGap };
          if (!row) {
            return (
              <div key={item.key} id={optionId(item.index)} role="option" aria-selected={false} aria-posinset={item.index + 1} aria-setsize={total} className="queue-row queue-row-loading" style={style}>
                {t('queue.rowLoading', { position: item.index + 1 })}
              </div>
            );
          }
          return (
            <QueueOption
              key={item.key}
              id={optionId(item.index)}
              row={row}
              position={item.index + 1}
              total={total}
              selected={row.id === selectedId}
              now={now}
              style={style}
              onSelect={() => onSelect(row, item.index)}
            />
          );
        })}
      </div>
    </div>
  );
}

function QueueOption({
  id,
  row,
  position,
  total,
  selected,
  now,
  style,
  onSelect,
}: {
  id: string;
  row: QueueRow;
  position: number;
  total: number;
  selected: boolean;
  now: number;
  style: { transform: string; height: number };
  onSelect: () => void;
}) {
  const { t, dateTime, duration } = useI18n();
  const waiting = row.status === 'pending' ? row.waitingSince : null;
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      aria-posinset={position}
      aria-setsize={total}
      className={`queue-row${row.crisis ? ' queue-row-crisis' : ''}`}
      style={style}
      onClick={onSelect}
    >
      <span className="queue-meta">
        <span className={`status status-${row.status}`}>{t(`status.${row.status}`)}</span>{' '}
        {row.crisis && <span className="badge badge-crisis">{t('draft.crisis')}</span>} <span>{row.author}</span> <span>{t(`platform.${row.platform}`)}</span>{' '}
        {row.purpose && <span>{t(`purpose.${row.purpose}`)}</span>}
      </span>{' '}
      <span className="queue-line">{row.firstLine}</span>{' '}
      <span className="queue-foot">
        {waiting ? (
          <time dateTime={waiting}>{t('queue.waiting', { duration: duration(Math.max(0, now - Date.parse(waiting))) })}</time>
        ) : (
          <time dateTime={row.updatedAt}>{t('queue.updated', { time: dateTime(row.updatedAt) })}</time>
        )}{' '}
        <span className={`queue-counts counts-${worstSeverity(row.findingCounts) ?? 'none'}`}>{findingCountsText(row.findingCounts, t)}</span>
      </span>
    </div>
  );
}
