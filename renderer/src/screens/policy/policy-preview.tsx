import { useState } from 'react';
import type { Platform } from '../../../../shared/model';
import { PlatformSelect } from '../../components/platform-select';
import { FindingsPanel } from '../../findings/findings-panel';
import { LengthCounter } from '../../findings/length-counter';
import { useCheck } from '../../findings/use-check';
import { useI18n } from '../../i18n';
import type { Compiled } from '../../policy/compile-cached';
import { policyProblem } from './policy-problem';

/** "Try a sentence": the edited, unsaved policy run over a sample text, or why it cannot run. */
export function PolicyPreview({ compiled }: { compiled: Compiled | null }) {
  const { t, errorText } = useI18n();
  const [text, setText] = useState('');
  const [platform, setPlatform] = useState<Platform>('weibo');
  const { result, checking } = useCheck(compiled?.ok ? compiled.checker : null, text, platform);
  const error = compiled && !compiled.ok ? compiled.error : null;

  return (
    <section className="stack try" aria-labelledby="try-title">
      <h2 id="try-title">{t('policy.try')}</h2>
      <p className="hint">{t('policy.tryHint')}</p>
      <label className="field">
        <span>{t('policy.trySentence')}</span>
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} />
      </label>
      <PlatformSelect value={platform} onChange={setPlatform} />
      {error ? (
        <p className="problem" role="alert">
          {t('policy.invalid', { details: policyProblem(error, errorText) })}
        </p>
      ) : (
        <>
          <LengthCounter platform={platform} length={result.length} />
          <FindingsPanel findings={result.findings} checking={checking} level={3} />
        </>
      )}
    </section>
  );
}
