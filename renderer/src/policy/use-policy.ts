import { useCallback, useEffect, useState } from 'react';
import type { ApiResult } from '../../../shared/errors';
import type { PolicyFile } from '../../../shared/rules/policy-schema';
import { useApp } from '../app-context';
import { useApiQuery } from '../data/use-api-query';
import { compileCached, type Checker } from './compile-cached';
import { loadEngine, type Engine } from './lazy-engine';

/** The saved policy for the policy screen's form, and its compile for every live check. */
export interface PolicyState {
  /** The team's policy file as saved; null until it arrives. */
  source: PolicyFile | null;
  /** The same, compiled for checks; null while loading (the previous one stays until a new one is ready). */
  checker: Checker | null;
}

/** Runs `work` after the next paint, so a slow step never holds up the screen it belongs to. */
function afterPaint(work: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(work, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** The team's policy, fetched and compiled once per change (policyChanged); refusals go to the notice line. */
export function usePolicy(): PolicyState {
  const { api, reportError } = useApp();
  const load = useCallback(
    async (): Promise<ApiResult<{ source: PolicyFile; engine: Engine }>> => {
      const [result, engine] = await Promise.all([api.getPolicy({}), loadEngine()]);
      return result.ok ? { ok: true, value: { source: result.value, engine } } : result;
    },
    [api],
  );
  const { data: fetched } = useApiQuery(api, load, { reloadOn: ['policyChanged'], onError: reportError });
  // The previous compile stays until the new one is ready.
  const [checker, setChecker] = useState<Checker | null>(null);

  useEffect(() => {
    if (!fetched) return;
    // The first compile loads the OpenCC dictionaries (~0.3 s): let the editor paint first.
    return afterPaint(() => {
      const compiled = compileCached(fetched.engine, fetched.source);
      if (compiled.ok) setChecker(compiled.checker);
      else reportError(compiled.error);
    });
  }, [fetched, reportError]);

  return { source: fetched?.source ?? null, checker };
}
