import { useId } from 'react';
import type { MessageKey } from '../../../shared/i18n/translate';
import type { DraftEvent } from '../../../shared/model';
import { useI18n } from '../i18n';

/** What a note is called in each kind of event. */
function noteLabel(event: DraftEvent): MessageKey {
  if (event.type === 'rejected') return 'history.reason';
  if (event.type === 'changes_requested') return 'history.changes';
  return 'history.comment';
}

/** Every event of a draft, oldest first: what happened, who (in which role), when, to which revision, and what they wrote. */
export function HistoryTimeline({ events }: { events: readonly DraftEvent[] }) {
  const { t, dateTime } = useI18n();
  const titleId = useId();
  return (
    <section className="history" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('history.title')}</h3>
      <ol className="timeline" aria-labelledby={titleId}>
        {events.map((event, index) => (
          <li key={index} className={`event event-${event.type}`}>
            <p className="event-head">
              <span className="event-type">{t(`event.${event.type}`)}</span>{' '}
              <span className="event-actor">{event.actor}</span> <span className="badge">{t(`role.${event.role}`)}</span>{' '}
              <time dateTime={event.at}>{dateTime(event.at)}</time>{' '}
              <span className="event-revision">{t('draft.revision', { number: event.revision })}</span>{' '}
              <span className="event-status">{t('history.leftAs', { status: event.status })}</span>
            </p>
            {event.comment && (
              <p className="event-note">
                <span className="event-label">{t(noteLabel(event))}</span> <span className="event-text">{event.comment}</span>
              </p>
            )}
            {event.overrides && event.overrides.length > 0 && (
              <ul className="event-overrides" aria-label={t('history.overrides')}>
                {event.overrides.map((o) => (
                  <li key={`${o.ruleId}:${o.start}`}>
                    <span className="event-label">{t('history.override', { match: o.match, rule: o.ruleId })}</span>{' '}
                    <span className="event-text">{o.justification}</span>
                  </li>
                ))}
              </ul>
            )}
            {event.publishedAt && (
              <p className="event-note">
                <span className="event-label">{t('history.publishedAt')}</span> <time dateTime={event.publishedAt}>{dateTime(event.publishedAt)}</time>
                {event.url && (
                  <>
                    {' · '}
                    <span className="event-label">{t('history.url')}</span> <span className="mono event-url">{event.url}</span>
                  </>
                )}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
