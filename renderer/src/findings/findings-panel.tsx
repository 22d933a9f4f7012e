import { useId } from 'react';
import type { Finding } from '../../../shared/rules/types';
import { maxNoteLength } from '../../../shared/text-rules';
import { useI18n } from '../i18n';
import { severityOrder } from './finding-counts';
import type { Justifications } from './override-justifications';
import { shortMatch } from './short-match';

/** The same panel lists findings while writing, reviewing and trying a policy; these say which. */
export interface FindingsPanelProps {
  findings: readonly Finding[];
  /** The policy is still loading. */
  checking: boolean;
  /** When given, each finding is a button that shows its text in the editor. */
  onSelect?: (finding: Finding) => void;
  /** The panel's heading level; its groups sit one below. */
  level?: 2 | 3;
  /** When the reader may approve: each `error` finding gets a field for the justification that overrides it. */
  justifications?: Justifications;
}

/** The rule findings of one text, grouped by severity, most serious first. */
export function FindingsPanel({ findings, checking, onSelect, level = 2, justifications }: FindingsPanelProps) {
  const { t } = useI18n();
  const titleId = useId();
  const baseId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  const GroupHeading = level === 2 ? 'h3' : 'h4';
  const groups = severityOrder.map((severity) => ({ severity, items: findings.filter((f) => f.severity === severity) })).filter((g) => g.items.length > 0);
  const overriding = justifications !== undefined && findings.some((f) => f.severity === 'error');

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
          {overriding && <p className="hint">{t('findings.overrideHint')}</p>}
          {groups.map(({ severity, items }) => (
            <div key={severity} className={`finding-group finding-group-${severity}`}>
              <GroupHeading>{t(`findings.group.${severity}`, { count: items.length })}</GroupHeading>
              <ul className="finding-list">
                {items.map((f, index) => {
                  const id = `${baseId}-${severity}-${index}`;
                  const head = (
                    <>
                      <span className="finding-match">{t('findings.match', { match: shortMatch(f.match) })}</span>
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
                      <p id={`${id}-message`} className="finding-message">
                        {f.message}
                      </p>
                      {f.suggestion && <p className="finding-suggestion">{t('findings.suggestion', { text: f.suggestion })}</p>}
                      {justifications && f.severity === 'error' && (
                        <div className="field justification">
                          <label htmlFor={`${id}-justification`}>{t('workflow.approve.justificationFor', { match: shortMatch(f.match), rule: f.ruleId })}</label>
                          <textarea
                            id={`${id}-justification`}
                            value={justifications.get(f)}
                            onChange={(e) => justifications.set(f, e.target.value)}
                            rows={2}
                            maxLength={maxNoteLength}
                            aria-describedby={`${id}-message`}
                          />
                        </div>
                      )}
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
