import { useEffect, useState } from 'react';
import type { CountersignApi } from '../../../shared/api';
import { toApiError, type ApiError } from '../../../shared/errors';
import type { PolicyFile } from '../../../shared/rules/policy-schema';
import { compileCached, type Checker } from './compile-cached';
import { loadEngine } from './lazy-engine';

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

/** The team's policy, fetched and compiled once per change (policyChanged). */
export function usePolicy(api: CountersignApi, onError: (error: ApiError) => void): PolicyState {
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<PolicyState>({ source: null, checker: null });

  useEffect(() => api.events.policyChanged(() => setVersion((v) => v + 1)), [api]);

  useEffect(() => {
    let live = true;
    let cancel = () => {};
    void Promise.all([api.getPolicy({}), loadEngine()]).then(([result, engine]) => {
      if (!live) return;
      if (!result.ok) return onError(result.error);
      const source = result.value;
      setState((prev) => ({ source, checker: prev.checker }));
      // The first compile loads the OpenCC dictionaries (~0.3 s): let the editor paint first.
      cancel = afterPaint(() => {
        const compiled = compileCached(engine, source);
        if (compiled.ok) setState({ source, checker: compiled.checker });
        else onError(compiled.error);
      });
    }, (err: unknown) => live && onError(toApiError(err)));
    return () => {
      live = false;
      cancel();
    };
  }, [api, onError, version]);

  return state;
}
