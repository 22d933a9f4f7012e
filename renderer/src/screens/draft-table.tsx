import type { DraftSummary } from '../../../shared/model';
import { useI18n } from '../i18n';

/** A read-only table of drafts with their statuses. */
export function DraftTable({ drafts, caption }: { drafts: DraftSummary[]; caption: string }) {
  const { t, dateTime } = useI18n();
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('draft.id')}</th>
          <th scope="col">{t('draft.platform')}</th>
          <th scope="col">{t('draft.status')}</th>
          <th scope="col">{t('draft.updated')}</th>
          <th scope="col">{t('draft.text')}</th>
        </tr>
      </thead>
      <tbody>
        {drafts.map((d) => (
          <tr key={d.id}>
            <td className="mono">{d.id}</td>
            <td>{t(`platform.${d.platform}`)}</td>
            <td>
              <span className={`status status-${d.status}`}>{t(`status.${d.status}`)}</span>
            </td>
            <td>{dateTime(d.updatedAt)}</td>
            <td className="preview">{d.text}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
