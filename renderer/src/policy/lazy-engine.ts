import type * as EngineChunk from './engine-chunk';

/** The engine's type without its code: importing it costs the first paint nothing. */
export type Engine = typeof EngineChunk;

let loading: Promise<Engine> | null = null;

/** The rule engine, loaded once, on first use. */
export function loadEngine(): Promise<Engine> {
  loading ??= import('./engine-chunk');
  return loading;
}
