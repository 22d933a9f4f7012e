import { toApiError, type ApiError } from '../../../shared/errors';
import type { CompiledPolicy } from '../../../shared/rules/engine';
import type { Engine } from './lazy-engine';

/** A compiled policy with the engine that runs it. */
export interface Checker {
  engine: Engine;
  policy: CompiledPolicy;
}

/** A compile never throws at a screen: a policy the engine refuses comes back as an error to show. */
export type Compiled = { ok: true; checker: Checker } | { ok: false; error: ApiError };

// Screens mount and unmount as the user moves around, and the policy screen
// compiles the edited policy as it changes: remember the last few results so
// an unchanged policy is never compiled twice.
const cache = new Map<string, Compiled>();
const keep = 8;

/** The policy file compiled on top of the built-in pack, or the error that names the path inside it. */
export function compileCached(engine: Engine, source: unknown): Compiled {
  const key = JSON.stringify(source);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  let result: Compiled;
  try {
    result = { ok: true, checker: { engine, policy: engine.compilePolicy(source) } };
  } catch (err) {
    result = { ok: false, error: toApiError(err) };
  }
  cache.set(key, result);
  if (cache.size > keep) cache.delete(cache.keys().next().value as string);
  return result;
}
