import { Fragment } from 'react';
import { useI18n } from '../i18n';
import { Dialog } from '../workflow/dialog';
import { queueShortcuts } from './queue-shortcuts';

/** The `?` dialog: every key of the review queue and what it does. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose}>
      <p className="hint">{t('shortcuts.intro')}</p>
      <table className="table shortcuts">
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.key')}</th>
            <th scope="col">{t('shortcuts.does')}</th>
          </tr>
        </thead>
        <tbody>
          {queueShortcuts.map(({ keys, does }) => (
            <tr key={does}>
              <th scope="row">
                {keys.map((key, i) => (
                  <Fragment key={key}>
                    {i > 0 && ` ${t('shortcuts.or')} `}
                    <kbd>{key}</kbd>
                  </Fragment>
                ))}
              </th>
              <td>{t(does)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
