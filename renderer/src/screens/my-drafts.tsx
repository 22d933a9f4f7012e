import type { AppContext } from '../app';
import { useI18n } from '../i18n';
import { useDrafts } from '../use-drafts';
import { DraftTable } from './draft-table';

/** The executive's own drafts and where each one stands. */
export function MyDrafts({ ctx }: { ctx: AppContext }) {
  const { t } = useI18n();
  const all = useDrafts(ctx.api, undefined, ctx.draftsVersion, ctx.reportError);
  const mine = all?.filter((d) => d.author === ctx.session.profile?.name);
  return (
    <section className="panel" aria-labelledby="my-drafts-title">
      <h1 id="my-drafts-title">{t('drafts.title')}</h1>
      {mine === undefined ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : mine.length === 0 ? (
        <p>{t('drafts.empty')}</p>
      ) : (
        <DraftTable drafts={mine.toReversed()} caption={t('drafts.title')} />
      )}
    </section>
  );
}
