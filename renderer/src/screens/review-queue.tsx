import { useState } from 'react';
import type { SeverityCounts } from '../../../shared/model';
import type { AppContext } from '../app';
import { findingCountsText, worstSeverity } from '../findings/finding-counts';
import { useI18n } from '../i18n';
import { usePolicy } from '../policy/use-policy';
import { useDrafts } from '../use-drafts';
import { ReviewDetail } from './review-detail';

const noCounts: SeverityCounts = { error: 0, warning: 0, info: 0 };

/** The reviewer's queue of pending drafts and the selected draft with its actions. */
export function ReviewQueue({ ctx }: { ctx: AppContext }) {
  const { t, dateTime } = useI18n();
  const { api, run, setNotice } = ctx;
  const pending = useDrafts(api, 'pending', ctx.draftsVersion, ctx.reportError);
  const policy = usePolicy(api, ctx.reportError);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = pending?.find((d) => d.id === selectedId) ?? null;

  const approve = async (id: string) => {
    const draft = await run(api.approveDraft({ id }));
    if (draft) {
      setSelectedId(null);
      setNotice({ tone: 'info', key: 'draft.approved', params: { id: draft.id } });
    }
  };

  return (
    <div className="review">
      <section className="queue" aria-labelledby="queue-title">
        <h1 id="queue-title">{t('queue.title')}</h1>
        {pending === null ? (
          <p aria-busy="true">{t('common.loading')}</p>
        ) : (
          <>
            <p className="hint">{t('queue.count', { count: pending.length })}</p>
            {pending.length === 0 ? (
              <p>{t('queue.empty')}</p>
            ) : (
              <ul className="queue-list" aria-label={t('queue.title')}>
                {pending.map((d) => {
                  // Recorded by the main process when the draft was submitted; older records have none.
                  const counts = d.findingCounts ?? noCounts;
                  return (
                    <li key={d.id}>
                      <button
                        type="button"
                        className="queue-item"
                        aria-current={d.id === selectedId ? 'true' : undefined}
                        onClick={() => setSelectedId(d.id)}
                      >
                        <span className="queue-meta">
                          {d.author} · {t(`platform.${d.platform}`)} · {dateTime(d.createdAt)}
                        </span>
                        <span className="queue-text">{d.text}</span>
                        <span className={`queue-counts counts-${worstSeverity(counts) ?? 'none'}`}>{findingCountsText(counts, t)}</span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        )}
      </section>
      <section className="detail" aria-label={selected ? `${t('draft.id')} ${selected.id}` : t('queue.select')}>
        {selected ? (
          <ReviewDetail key={selected.id} draft={selected} policy={policy.checker} onApprove={() => void approve(selected.id)} />
        ) : (
          <p className="hint">{t('queue.select')}</p>
        )}
      </section>
    </div>
  );
}
