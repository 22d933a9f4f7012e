import type { KeyboardEvent, RefObject } from 'react';
import { platforms, purposes, type Platform, type Purpose } from '../../../shared/model';
import { maxQueueSearchLength } from '../../../shared/queue-query';
import { useI18n } from '../i18n';
import type { QueueFilters } from './use-queue';

export type FilterChoice = Omit<QueueFilters, 'status'>;

/** Whether anything but the status narrows the queue. */
export const filtering = (f: FilterChoice): boolean =>
  f.platform !== undefined || f.author !== undefined || f.purpose !== undefined || f.crisis === true || f.search.trim() !== '';

/** Search, platform, author, purpose and crisis: each a labelled control; Enter in the search box goes back to the list. */
export function QueueFilterControls({
  value,
  authors,
  onChange,
  searchRef,
  onLeaveSearch,
}: {
  value: FilterChoice;
  authors: readonly string[];
  onChange: (next: FilterChoice) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  onLeaveSearch: () => void;
}) {
  const { t } = useI18n();
  const set = (change: Partial<FilterChoice>) => onChange({ ...value, ...change });
  const leave = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    onLeaveSearch();
  };
  // The chosen author stays listed while their drafts are filtered out by something else.
  const authorChoices = value.author && !authors.includes(value.author) ? [value.author, ...authors] : authors;

  return (
    <fieldset className="queue-filters">
      <legend className="visually-hidden">{t('queue.filters')}</legend>
      <label className="field queue-search">
        <span>{t('queue.search')}</span>
        <input
          ref={searchRef}
          type="search"
          value={value.search}
          maxLength={maxQueueSearchLength}
          placeholder={t('queue.searchPlaceholder')}
          aria-keyshortcuts="/"
          onChange={(e) => set({ search: e.target.value })}
          onKeyDown={leave}
        />
      </label>
      <label className="field">
        <span>{t('queue.platform')}</span>
        <select value={value.platform ?? ''} onChange={(e) => set({ platform: (e.target.value || undefined) as Platform | undefined })}>
          <option value="">{t('queue.anyPlatform')}</option>
          {platforms.map((p) => (
            <option key={p} value={p}>
              {t(`platform.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('queue.author')}</span>
        <select value={value.author ?? ''} onChange={(e) => set({ author: e.target.value || undefined })}>
          <option value="">{t('queue.anyAuthor')}</option>
          {authorChoices.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('queue.purpose')}</span>
        <select value={value.purpose ?? ''} onChange={(e) => set({ purpose: (e.target.value || undefined) as Purpose | undefined })}>
          <option value="">{t('queue.anyPurpose')}</option>
          {purposes.map((p) => (
            <option key={p} value={p}>
              {t(`purpose.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={value.crisis === true} onChange={(e) => set({ crisis: e.target.checked || undefined })} />
        <span>{t('queue.crisisOnly')}</span>
      </label>
      {filtering(value) && (
        <button
          type="button"
          className="link"
          onClick={() => {
            onChange({ search: '' });
            // The button goes away with the filters: the focus must not fall to the page.
            searchRef.current?.focus();
          }}
        >
          {t('queue.clearFilters')}
        </button>
      )}
    </fieldset>
  );
}
