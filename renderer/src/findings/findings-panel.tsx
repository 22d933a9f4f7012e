import { useId } from 'react';
import type { Finding } from '../../../shared/rules/types';
import { useI18n } from '../i18n';
import { severityOrder } from './finding-counts';

export interface FindingsPanelProps {
  findings: readonly Finding[];
  /** The policy is still loading. */
  checking: boolean;
  /** When given, each finding is a button that shows its text in the editor. */
  onSelect?: (finding: Finding) => void;
  /** The panel's heading level; its groups sit one below. */
  level?: 2 | 3;
}

/** A finding's quoted text, kept short: a length finding covers everything past the limit. */
function shorten(match: string): string {
  const chars = [...match];
  return chars.length > 24 ? `${chars.slice(0, 24).join('')}…` : match;
}

/** The rule findings of one text, grouped by severity, most serious first. */
export function FindingsPanel({ findings, checking, onSelect, level = 2 }: FindingsPanelProps) {
  const { t } = useI18n();
  const titleId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  const GroupHeading = level === 2 ? 'h3' : 'h4';
  const groups = severityOrder.map((severity) => ({ severity, items: findings.filter((f) => f.severity === severity) })).filter((g) => g.items.length > 0);

  return (
    <section className="findings" aria-labelledby={titleId}>
      <Heading id={titleId}>{t('findings.title')}</Heading>
      {checking ? (
        <p className="hint" aria-busy="true">
          {t('check.loading')}
        </p>
      ) : groups.length === 0 ? (
        <p className="hint">{t('findings.none')}</p>
      ) : (
        <>
          {onSelect && <p className="hint">{t('findings.selectHint')}</p>}
          {groups.map(({ severity, items }) => (
            <div key={severity} className={`finding-group finding-group-${severity}`}>
              <GroupHeading>{t(`findings.group.${severity}`, { count: items.length })}</GroupHeading>
              <ul className="finding-list">
                {items.map((f) => {
                  const head = (
                    <>
                      <span className="finding-match">{t('findings.match', { match: shorten(f.match) })}</span>
                      <span className="badge">{t(`category.${f.category}`)}</span>
                    </>
                  );
                  return (
                    <li key={`${f.ruleId}:${f.start}:${f.end}`} className={`finding finding-${f.severity}`}>
                      {onSelect ? (
                        <button type="button" className="finding-head" onClick={() => onSelect(f)}>
                          {head}
                        </button>
                      ) : (
                        <p className="finding-head">{head}</p>
                      )}
                      <p className="finding-message">{f.message}</p>
                      {f.suggestion && <p className="finding-suggestion">{t('findings.suggestion', { text: f.suggestion })}</p>}
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </>
      )}
    </section>
  );
}
