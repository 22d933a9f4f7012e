// Bundles the main process, the preload and the CLI into dist/ as CommonJS.
// Everything but `electron` is bundled, so the packaged app and the CLI need
// no node_modules at run time.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external: ['electron'],
};

await Promise.all([
  build({ ...common, entryPoints: { main: 'electron/desktop/main.ts' }, outdir: 'dist' }),
  // The core's own process: a utility process in the app, a child process of `countersign serve`.
  build({ ...common, entryPoints: { core: 'electron/core/process/core-main.ts' }, outdir: 'dist' }),
  // A sandboxed preload may only require a few modules: keep it self-contained.
  build({ ...common, entryPoints: { preload: 'electron/desktop/preload.ts' }, outdir: 'dist', target: 'chrome130' }),
  build({
    ...common,
    entryPoints: { cli: 'electron/cli/main.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
