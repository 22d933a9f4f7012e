import { useEffect, useRef, useState } from 'react';
import { notificationMessage, notificationText, type NotificationBatch } from '../../../shared/notifications';
import { useApp } from '../app-context';
import { useI18n } from '../i18n';

interface Toast {
  id: number;
  batch: NotificationBatch;
}

/** Long enough to read a sentence twice; each toast can also be dismissed. */
const toastMs = 12_000;
const maxToasts = 4;

/**
 * In-window notices for what the host pushed (already filtered to the
 * profile working here), plus a system notification through the browser's
 * Notification API when the page is not in front and permission was given.
 * The live region is always in the page so screen readers announce additions.
 */
export function NotificationToasts() {
  const { t, locale } = useI18n();
  const { api } = useApp();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(0);
  const localeRef = useRef(locale);
  useEffect(() => {
    localeRef.current = locale;
  }, [locale]);

  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const off = api.events.notification((batch) => {
      if (!batch || !Array.isArray(batch.items) || batch.items.length === 0) return;
      const id = (nextId.current += 1);
      setToasts((list) => [...list, { id, batch }].slice(-maxToasts));
      const timer = setTimeout(() => {
        timers.delete(timer);
        setToasts((list) => list.filter((toast) => toast.id !== id));
      }, toastMs);
      timers.add(timer);
      showSystemNotification(notificationText(localeRef.current, batch));
    });
    return () => {
      off();
      for (const timer of timers) clearTimeout(timer);
    };
  }, [api]);

  const dismiss = (id: number) => setToasts((list) => list.filter((toast) => toast.id !== id));
  return (
    <div className="toasts" role="status" aria-live="polite" aria-label={t('notify.region')}>
      {toasts.map(({ id, batch }) => {
        const shown = batch.items.slice(0, 3);
        return (
          <div key={id} className="toast">
            <ul className="toast-items">
              {shown.map((item) => {
                const { key, params } = notificationMessage(item);
                return (
                  <li key={`${item.draftId}:${item.at}:${item.event}`}>
                    {item.crisis && <span className="badge badge-crisis">{t('notify.crisis')}</span>} {t(key, params)}
                  </li>
                );
              })}
            </ul>
            {batch.total > shown.length && <p className="toast-more">{t('notify.more', { count: batch.total - shown.length })}</p>}
            <button type="button" className="link" onClick={() => dismiss(id)}>
              {t('notify.dismiss')}
            </button>
          </div>
        );
      })}
    </div>
  );
}

/** The browser host's desktop notification; never in Electron, whose main process shows its own (and denies the permission here). */
function showSystemNotification(text: { title: string; body: string }): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  if (document.visibilityState === 'visible' && document.hasFocus()) return;
  try {
    new Notification(text.title, { body: text.body });
  } catch {
    // Some browsers allow notifications only from a service worker; the toast is shown regardless.
  }
}
