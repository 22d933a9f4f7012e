import type { SeverityCounts } from '../../../shared/model';
import type { Severity } from '../../../shared/rules/types';
import type { I18n } from '../i18n';

/** Most serious first, the order every list of findings uses. */
export const severityOrder: readonly Severity[] = ['error', 'warning', 'info'];

/** "2 errors · 1 warning", or "No findings". */
export function findingCountsText(counts: SeverityCounts, t: I18n['t']): string {
  const parts = severityOrder
    .filter((s) => counts[s] > 0)
    .map((s) => t(`findings.count.${s}.${counts[s] === 1 ? 'one' : 'other'}`, { count: counts[s] }));
  return parts.length > 0 ? parts.join(' · ') : t('findings.count.none');
}

/** The most serious severity present, for colouring a summary. */
export function worstSeverity(counts: SeverityCounts): Severity | null {
  return severityOrder.find((s) => counts[s] > 0) ?? null;
}
