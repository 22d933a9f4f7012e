import type * as EngineChunk from './engine-chunk';

export type Engine = typeof EngineChunk;

let loading: Promise<Engine> | null = null;

/** The rule engine, loaded once, on first use. */
export function loadEngine(): Promise<Engine> {
  loading ??= import('./engine-chunk');
  return loading;
}
