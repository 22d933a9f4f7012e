import { useState } from 'react';
import { useI18n } from '../../i18n';

type Permission = NotificationPermission | 'unsupported' | 'desktop';

/** Where the browser's Notification API stands; the desktop app's notifications come from its main process instead. */
function currentPermission(): Permission {
  if (window.countersign) return 'desktop';
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** What notifications this window gives, and in a browser the one-time opt-in to system notifications. */
export function NotificationSettings() {
  const { t } = useI18n();
  const [permission, setPermission] = useState<Permission>(currentPermission);

  const ask = async () => {
    // Browsers ask only in answer to a click.
    setPermission(await Notification.requestPermission());
  };

  return (
    <section className="panel stack" aria-labelledby="settings-notifications">
      <h2 id="settings-notifications">{t('settings.notifications')}</h2>
      <p className="hint">{t('settings.notificationsHint')}</p>
      {permission === 'desktop' && <p>{t('settings.desktopApp')}</p>}
      {permission === 'default' && (
        <div>
          <button type="button" className="secondary" onClick={() => void ask()}>
            {t('settings.desktopAllow')}
          </button>
        </div>
      )}
      {permission === 'granted' && <p>{t('settings.desktopOn')}</p>}
      {permission === 'denied' && <p className="hint">{t('settings.desktopBlocked')}</p>}
    </section>
  );
}
