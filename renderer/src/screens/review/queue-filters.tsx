import type { KeyboardEvent, RefObject } from 'react';
import { platforms, purposes } from '../../../../shared/model';
import { maxQueueSearchLength } from '../../../../shared/queue-query';
import { ChoiceFilter } from '../../components/choice-filter';
import { useI18n } from '../../i18n';
import type { QueueFilters } from './use-queue';

/** The filters the controls set; the status is the tabs' to set. */
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
      <ChoiceFilter
        label={t('queue.platform')}
        any={t('queue.anyPlatform')}
        value={value.platform}
        choices={platforms.map((p) => ({ value: p, label: t(`platform.${p}`) }))}
        onChange={(platform) => set({ platform })}
      />
      <ChoiceFilter
        label={t('queue.author')}
        any={t('queue.anyAuthor')}
        value={value.author}
        choices={authorChoices.map((a) => ({ value: a, label: a }))}
        onChange={(author) => set({ author })}
      />
      <ChoiceFilter
        label={t('queue.purpose')}
        any={t('queue.anyPurpose')}
        value={value.purpose}
        choices={purposes.map((p) => ({ value: p, label: t(`purpose.${p}`) }))}
        onChange={(purpose) => set({ purpose })}
      />
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
