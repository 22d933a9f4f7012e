import { useState } from 'react';
import type { AppContext } from '../app';
import { useI18n } from '../i18n';
import { useDrafts } from '../use-drafts';

/** The reviewer's queue of pending drafts and the selected draft with its actions. */
export function ReviewQueue({ ctx }: { ctx: AppContext }) {
  const { t, dateTime } = useI18n();
  const { api, run, setNotice } = ctx;
  const pending = useDrafts(api, 'pending', ctx.draftsVersion, ctx.reportError);
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
                {pending.map((d) => (
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
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>
      <section className="detail" aria-label={selected ? `${t('draft.id')} ${selected.id}` : t('queue.select')}>
        {selected ? (
          <article className="panel">
            <h2>
              {t('draft.id')} <span className="mono">{selected.id}</span>
            </h2>
            <dl className="facts">
              <dt>{t('draft.author')}</dt>
              <dd>{selected.author}</dd>
              <dt>{t('draft.platform')}</dt>
              <dd>{t(`platform.${selected.platform}`)}</dd>
              <dt>{t('draft.status')}</dt>
              <dd>{t(`status.${selected.status}`)}</dd>
              <dt>{t('draft.updated')}</dt>
              <dd>{dateTime(selected.updatedAt)}</dd>
            </dl>
            <h3>{t('draft.revision', { number: selected.revision })}</h3>
            <div className="draft-text" aria-label={t('draft.text')}>
              {selected.text}
            </div>
            <div className="actions">
              <button type="button" onClick={() => void approve(selected.id)}>
                {t('draft.approve')}
              </button>
            </div>
          </article>
        ) : (
          <p className="hint">{t('queue.select')}</p>
        )}
      </section>
    </div>
  );
}
