// Everything that needs the rule engine (its OpenCC dictionaries are most of
// the renderer's code) or the policy schema (zod): loaded as one lazy chunk
// through lazy-engine.ts, so the first paint never waits for it.
/** The engine's entry points, the only way the renderer reaches them (through loadEngine). */
export { check, compilePolicy } from '../../../shared/rules/engine';
export { defaultPack } from '../../../shared/rules/default-pack';
