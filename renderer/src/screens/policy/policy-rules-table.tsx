import type { RulePack } from '../../../../shared/rules/policy-schema';
import { useI18n } from '../../i18n';
import { severitySettings, type SeveritySetting } from './policy-form';

/** The built-in rules, each with a severity select; the built-in severity is marked "(default)". */
export function PolicyRulesTable({
  pack,
  severities,
  onChange,
}: {
  pack: RulePack;
  severities: Readonly<Record<string, SeveritySetting>>;
  onChange: (id: string, severity: SeveritySetting) => void;
}) {
  const { t, locale } = useI18n();
  return (
    <table className="table rules-table">
      <caption className="visually-hidden">{t('policy.rules')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('policy.category')}</th>
          <th scope="col">{t('policy.rule')}</th>
          <th scope="col">{t('policy.severity')}</th>
        </tr>
      </thead>
      <tbody>
        {pack.rules.map((rule) => {
          const value = severities[rule.id] ?? rule.severity;
          return (
            <tr key={rule.id} className={value === rule.severity ? undefined : 'changed'}>
              <td>{t(`category.${rule.category}`)}</td>
              <td>
                <span className="mono rule-id">{rule.id}</span>
                <span className="rule-message">{rule.message[locale].replaceAll('{match}', '…')}</span>
              </td>
              <td>
                <select
                  aria-label={t('policy.severityOf', { rule: rule.id })}
                  value={value}
                  onChange={(e) => onChange(rule.id, e.target.value as SeveritySetting)}
                >
                  {severitySettings.map((s) => (
                    <option key={s} value={s}>
                      {s === rule.severity ? t('severity.default', { severity: t(`severity.${s}`) }) : t(`severity.${s}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
