import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is served from app:// in Electron and from the loopback host
// in a browser: relative asset paths work under both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // The rule engine's chunk carries OpenCC's dictionaries (~1.3 MB); it loads after the first paint.
    chunkSizeWarningLimit: 1600,
  },
});
