import { build } from 'esbuild';
import { testCoreFile } from './core/core-entry';

// Vitest's global setup: bundles the core's process entry once, as
// scripts/build-node.mjs does for dist/core.js, so tests that start the
// loopback host fork a plain Node process (a tsx loader would add half a
// second to every start, and the fuzz tests start hundreds).
export async function setup(): Promise<void> {
  await build({
    entryPoints: ['electron/core/process/core-main.ts'],
    outfile: testCoreFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
}
