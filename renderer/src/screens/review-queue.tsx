import { useId, useMemo, useState } from 'react';
import type { DraftStatus } from '../../../shared/model';
import type { AppContext } from '../app';
import { useI18n } from '../i18n';
import { usePolicy } from '../policy/use-policy';
import { useDrafts, useNow } from '../use-drafts';
import { countByStatus, queueOrder } from '../workflow/queue-order';
import { DraftList } from './draft-list';
import { DraftPane } from './review-detail';
import { StatusTabs, statusTabId } from './status-tabs';

/** The reviewer's queue: drafts by status (pending first, crises and the longest waiting on top) and the selected draft with its actions. */
export function ReviewQueue({ ctx }: { ctx: AppContext }) {
  const { t } = useI18n();
  const { api } = ctx;
  const all = useDrafts(api, {}, ctx.draftsVersion, ctx.reportError);
  const policy = usePolicy(api, ctx.reportError);
  const now = useNow();
  const [status, setStatus] = useState<DraftStatus>('pending');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const counts = useMemo(() => (all ? countByStatus(all) : null), [all]);
  const shown = useMemo(() => (all ? queueOrder(all, status) : null), [all, status]);
  const idPrefix = useId();
  const panelId = `${idPrefix}-panel`;

  return (
    <div className="review">
      <section className="queue" aria-labelledby="queue-title">
        <h1 id="queue-title">{t('queue.heading')}</h1>
        <StatusTabs value={status} counts={counts} onChange={setStatus} idPrefix={idPrefix} panelId={panelId} />
        <div role="tabpanel" id={panelId} aria-labelledby={statusTabId(idPrefix, status)} className="tab-panel">
          {shown === null ? (
            <p aria-busy="true">{t('common.loading')}</p>
          ) : (
            <>
              <p className="hint">{status === 'pending' ? t('queue.count', { count: shown.length }) : t('queue.countOther', { count: shown.length })}</p>
              {shown.length === 0 ? (
                <p>{status === 'pending' ? t('queue.empty') : t('queue.emptyStatus', { status })}</p>
              ) : (
                <DraftList drafts={shown} label={t(`status.${status}`)} selectedId={selectedId} onSelect={setSelectedId} now={now} />
              )}
            </>
          )}
        </div>
      </section>
      <DraftPane ctx={ctx} id={selectedId} policy={policy.checker} placeholder={t('queue.select')} />
    </div>
  );
}
