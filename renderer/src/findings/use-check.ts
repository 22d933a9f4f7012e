import { useMemo } from 'react';
import type { Platform } from '../../../shared/model';
import { countLength } from '../../../shared/rules/platform-length';
import type { CheckResult } from '../../../shared/rules/types';
import { useI18n } from '../i18n';
import type { Checker } from '../policy/compile-cached';

/** A check's result with whether it is complete, so the panel can say the findings are still coming. */
export interface CheckView {
  result: CheckResult;
  /** True while the policy is still loading: the counter is right, the findings are not in yet. */
  checking: boolean;
}

/** The rule check of `text`, rerun on every change (it takes well under a millisecond), in the UI language. */
export function useCheck(checker: Checker | null, text: string, platform: Platform): CheckView {
  const { locale } = useI18n();
  return useMemo(() => {
    if (checker) return { result: checker.engine.check(checker.policy, text, { platform, locale }), checking: false };
    const { used, limit } = countLength(text, platform);
    return { result: { platform, length: { used, limit }, findings: [] }, checking: true };
  }, [checker, text, platform, locale]);
}
