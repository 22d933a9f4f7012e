import { useMemo, useState } from 'react';
import { useApp } from '../../app-context';
import { useDrafts } from '../../data/use-drafts';
import { useI18n } from '../../i18n';
import { usePolicy } from '../../policy/use-policy';
import { DraftPane } from '../../workflow/draft-pane';
import { useNow } from '../../use-now';
import { latestFirst } from '../../workflow/queue-order';
import { DraftList } from './draft-list';

/** The executive's own drafts and where each one stands; the selected one with what its author may do. */
export function MyDrafts() {
  const { t } = useI18n();
  const name = useApp().session.profile?.name;
  const mine = useDrafts({ author: name });
  const policy = usePolicy();
  const now = useNow();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const sorted = useMemo(() => (mine ? latestFirst(mine.filter((d) => d.author === name)) : null), [mine, name]);

  return (
    <div className="review">
      <section className="queue" aria-labelledby="my-drafts-title">
        <h1 id="my-drafts-title">{t('drafts.title')}</h1>
        {sorted === null ? (
          <p aria-busy="true">{t('common.loading')}</p>
        ) : sorted.length === 0 ? (
          <p>{t('drafts.empty')}</p>
        ) : (
          <DraftList drafts={sorted} label={t('drafts.title')} selectedId={selectedId} onSelect={setSelectedId} now={now} showAuthor={false} />
        )}
      </section>
      <DraftPane id={selectedId} policy={policy.checker} placeholder={t('drafts.select')} />
    </div>
  );
}
