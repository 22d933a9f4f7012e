import { useDeferredValue, useMemo, useState } from 'react';
import type { ApiError } from '../../../../shared/errors';
import { useApp } from '../../app-context';
import { useI18n } from '../../i18n';
import { compileCached } from '../../policy/compile-cached';
import { usePolicy } from '../../policy/use-policy';
import { editedLists, formFromPolicy, policyFromForm, withSeverity, type EditedList, type PolicyForm } from './policy-form';
import { PolicyPreview } from './policy-preview';
import { policyProblem } from './policy-problem';
import { PolicyRulesTable } from './policy-rules-table';

const listLabel = { competitors: 'policy.competitors', confidential: 'policy.confidential' } as const satisfies Record<EditedList, string>;

/** The admin's policy: word lists and rule severities, tried out locally before they are saved. */
export function PolicyScreen() {
  const { t, errorText } = useI18n();
  const { api, setNotice } = useApp();
  const policy = usePolicy();
  // Null until the admin changes something: until then the form follows the saved policy.
  const [edited, setEdited] = useState<PolicyForm | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError | null>(null);

  const base = policy.source;
  // The engine arrives with the saved policy's compile (the dictionaries are loaded by then).
  const engine = policy.checker?.engine ?? null;
  const pack = engine?.defaultPack() ?? null;
  const form = edited ?? (base && pack ? formFromPolicy(base, pack) : null);
  const candidate = form && base && pack ? JSON.stringify(policyFromForm(form, base, pack)) : null;
  // Compiling takes a few milliseconds: typing in the lists stays responsive.
  const deferred = useDeferredValue(candidate);
  const compiled = useMemo(() => (engine && deferred ? compileCached(engine, JSON.parse(deferred)) : null), [engine, deferred]);

  if (!form || !base || !candidate || !engine || !pack) {
    return (
      <section className="panel" aria-labelledby="policy-title">
        <h1 id="policy-title">{t('policy.title')}</h1>
        <p aria-busy="true">{t('common.loading')}</p>
      </section>
    );
  }

  const edit = (next: PolicyForm) => {
    setEdited(next);
    setSaveError(null);
  };
  const discard = () => {
    setEdited(null);
    setSaveError(null);
  };
  const save = async () => {
    setSaving(true);
    const result = await api.setPolicy({ source: JSON.parse(candidate) });
    setSaving(false);
    if (result.ok) {
      setEdited(null);
      setSaveError(null);
      setNotice({ tone: 'info', key: 'policy.saved' });
    } else {
      setSaveError(result.error);
    }
  };

  return (
    <section className="panel" aria-labelledby="policy-title">
      <h1 id="policy-title">{t('policy.title')}</h1>
      <p className="hint">{t('policy.intro')}</p>
      {/* At the top and sticky: the rules table is long, Save stays in reach. */}
      <div className="policy-actions">
        <button type="button" onClick={() => void save()} disabled={saving}>
          {t('policy.save')}
        </button>
        {edited && (
          <>
            <button type="button" className="secondary" onClick={discard}>
              {t('policy.discard')}
            </button>
            <span className="hint">{t('policy.unsaved')}</span>
          </>
        )}
        {saveError && (
          <p className="problem" role="alert">
            {t('policy.saveFailed', { reason: policyProblem(saveError, errorText) })}
          </p>
        )}
      </div>
      <div className="policy-layout">
        <div className="stack">
          <h2>{t('policy.lists')}</h2>
          {editedLists.map((name) => (
            <label key={name} className="field">
              <span>{t(listLabel[name])}</span>
              <textarea
                value={form.lists[name]}
                onChange={(e) => edit({ ...form, lists: { ...form.lists, [name]: e.target.value } })}
                rows={4}
                spellCheck={false}
              />
            </label>
          ))}
          <HintedText id="companies" label={t('policy.companies')} hint={t('policy.companiesHint')} value={form.companies} rows={4} onChange={(companies) => edit({ ...form, companies })} />
          <HintedText id="homonyms" label={t('policy.homonyms')} hint={t('policy.homonymsHint')} value={form.homonyms} rows={3} onChange={(homonyms) => edit({ ...form, homonyms })} />
          <details>
            <summary>{t('policy.builtInHomonyms', { count: Object.keys(pack.homonyms).length })}</summary>
            <ul className="hint">
              {Object.entries(pack.homonyms).map(([term, contexts]) => (
                <li key={term}>
                  {term}: {contexts.join(', ')}
                </li>
              ))}
            </ul>
          </details>
          <h2>{t('policy.workflow')}</h2>
          <label className="check">
            <input
              type="checkbox"
              checked={form.authorSignOffOnEdits}
              onChange={(e) => edit({ ...form, authorSignOffOnEdits: e.target.checked })}
              aria-describedby="sign-off-hint"
            />
            <span>{t('policy.authorSignOff')}</span>
          </label>
          <p id="sign-off-hint" className="hint">
            {t('policy.authorSignOffHint')}
          </p>
          <h2>{t('policy.rules')}</h2>
          <PolicyRulesTable pack={pack} severities={form.severities} onChange={(id, severity) => edit(withSeverity(form, pack, id, severity))} />
        </div>
        <PolicyPreview compiled={compiled} />
      </div>
    </section>
  );
}

/** A word-list text area with the hint that explains it. */
function HintedText(props: { id: string; label: string; hint: string; value: string; rows: number; onChange: (value: string) => void }) {
  return (
    <>
      <label className="field">
        <span>{props.label}</span>
        <textarea value={props.value} onChange={(e) => props.onChange(e.target.value)} rows={props.rows} spellCheck={false} aria-describedby={`${props.id}-hint`} />
      </label>
      <p id={`${props.id}-hint`} className="hint">
        {props.hint}
      </p>
    </>
  );
}
