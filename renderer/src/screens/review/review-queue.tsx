import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { DraftStatus } from '../../../../shared/model';
import type { QueueRow } from '../../../../shared/queue-query';
import type { WorkflowAction } from '../../../../shared/workflow';
import { useApp } from '../../app-context';
import { useEventCount } from '../../data/use-api-query';
import { useI18n } from '../../i18n';
import { ActionKeysProvider } from '../../keyboard/action-keys';
import { actionKeys, ariaKey } from '../../keyboard/queue-shortcuts';
import { ShortcutsDialog } from '../../keyboard/shortcuts-dialog';
import { useQueueKeys } from '../../keyboard/use-queue-keys';
import { usePolicy } from '../../policy/use-policy';
import { useNow } from '../../use-now';
import { DraftPane } from '../../workflow/draft-pane';
import { filtering, QueueFilterControls, type FilterChoice } from './queue-filters';
import { QueueList, type QueueListHandle } from './queue-list';
import { StatusTabs, statusTabId } from './status-tabs';
import { useQueue } from './use-queue';

/**
 * The reviewer's queue: filters and status tabs with counts, the drafts as a
 * virtual list (crises and the longest waiting first) fetched a window at a
 * time from the core, and the selected draft with its actions; every step
 * has a key.
 */
export function ReviewQueue() {
  const { t } = useI18n();
  const { api, reportError } = useApp();
  const draftsVersion = useEventCount(api, ['draftsChanged']);
  const now = useNow();
  const [status, setStatus] = useState<DraftStatus>('pending');
  const [choice, setChoice] = useState<FilterChoice>({ search: '' });
  const filters = useMemo(() => ({ status, ...choice }), [status, choice]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const queue = useQueue(api, filters, draftsVersion, selectedId, reportError);
  const [helpOpen, setHelpOpen] = useState(false);
  const listRef = useRef<HTMLDivElement>(null);
  const listHandle = useRef<QueueListHandle>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const paneRef = useRef<HTMLDivElement>(null);
  // Where the selection last stood: once it leaves the list (approved, say), the next key moves on from there.
  const anchor = useRef<number | null>(null);
  const idPrefix = useId();
  const panelId = `${idPrefix}-panel`;
  const { view } = queue;

  const selectedIndex = queue.indexOf(selectedId);
  useEffect(() => {
    if (selectedIndex !== null) anchor.current = selectedIndex;
  }, [selectedIndex]);

  const select = (row: QueueRow, index: number) => {
    anchor.current = index;
    setSelectedId(row.id);
  };

  const move = async (to: 1 | -1 | 'first' | 'last') => {
    const total = view?.total ?? 0;
    if (total === 0) return;
    let target: number;
    if (to === 'first') target = 0;
    else if (to === 'last') target = total - 1;
    else if (selectedIndex !== null) target = selectedIndex + to;
    else if (selectedId !== null && anchor.current !== null) target = to === 1 ? anchor.current : anchor.current - 1;
    else target = 0;
    target = Math.min(total - 1, Math.max(0, target));
    // The list takes the focus, so a screen reader reads the row that became its active descendant.
    listRef.current?.focus({ preventScroll: true });
    listHandle.current?.scrollTo(target);
    const row = queue.rowAt(target) ?? (await queue.locate(target));
    if (row) select(row, target);
  };

  // A key does what the action's button does, refusal included: the button is the one place that decides.
  const act = (action: WorkflowAction) => {
    const key = actionKeys[action];
    const button = key ? paneRef.current?.querySelector<HTMLButtonElement>(`button[aria-keyshortcuts="${ariaKey(key)}"]`) : null;
    if (!button) return;
    if (button.getAttribute('aria-disabled') === 'true') button.focus();
    else button.click();
  };

  useQueueKeys({
    move: (to) => void move(to),
    act,
    focusSearch: () => searchRef.current?.focus(),
    showHelp: () => setHelpOpen(true),
    list: listRef,
  });

  const shown = view?.filters;
  const narrowed = shown ? filtering(shown) : false;
  return (
    <ActionKeysProvider value={true}>
      <div className="review review-queue">
        <section className="queue" aria-labelledby="queue-title">
          <div className="queue-head">
            <h1 id="queue-title">{t('queue.heading')}</h1>
            <button type="button" className="link" aria-keyshortcuts="?" onClick={() => setHelpOpen(true)}>
              {t('shortcuts.button')}
            </button>
          </div>
          <QueueFilterControls
            value={choice}
            authors={view?.authors ?? []}
            onChange={setChoice}
            searchRef={searchRef}
            onLeaveSearch={() => listRef.current?.focus()}
          />
          <StatusTabs value={status} counts={view?.counts ?? null} onChange={setStatus} idPrefix={idPrefix} panelId={panelId} />
          <div role="tabpanel" id={panelId} aria-labelledby={statusTabId(idPrefix, status)} className="tab-panel queue-panel">
            {view === null || shown === undefined ? (
              <p aria-busy="true">{t('common.loading')}</p>
            ) : (
              <>
                <p className="hint" aria-live="polite">
                  {narrowed
                    ? t('queue.countFiltered', { count: view.total })
                    : shown.status === 'pending'
                      ? t('queue.count', { count: view.total })
                      : t('queue.countOther', { count: view.total })}
                </p>
                {view.total === 0 ? (
                  <p>{narrowed ? t('queue.noMatch') : shown.status === 'pending' ? t('queue.empty') : t('queue.emptyStatus', { status: shown.status })}</p>
                ) : (
                  <QueueList
                    label={t(`status.${shown.status}`)}
                    total={view.total}
                    rowAt={queue.rowAt}
                    selectedId={selectedId}
                    onSelect={select}
                    onRange={queue.show}
                    busy={queue.busy}
                    resetKey={shown}
                    now={now}
                    idPrefix={idPrefix}
                    listRef={listRef}
                    handle={listHandle}
                  />
                )}
              </>
            )}
          </div>
        </section>
        <div ref={paneRef} className="review-pane">
          {view ? <CheckedDraftPane id={selectedId} placeholder={t('queue.select')} /> : <DraftPane id={null} policy={null} placeholder={t('queue.select')} />}
        </div>
      </div>
      {helpOpen && <ShortcutsDialog onClose={() => setHelpOpen(false)} />}
    </ActionKeysProvider>
  );
}

/**
 * The selected draft with live checks under the team's policy. Mounted once
 * the queue has shown its first rows: loading and compiling the rule engine
 * (~0.3 s of main thread) must not hold them up.
 */
function CheckedDraftPane({ id, placeholder }: { id: string | null; placeholder: string }) {
  const policy = usePolicy();
  return <DraftPane id={id} policy={policy.checker} placeholder={placeholder} />;
}
