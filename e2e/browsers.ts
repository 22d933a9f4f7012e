import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

/** How to get a browser, printed when none is found. */
const installHint =
  'No Chromium found for the e2e tests. Install one of: Debian\'s package (`apt-get install chromium`, gives /usr/bin/chromium), ' +
  'a Playwright browser (`npx playwright install chromium`), or point CHROMIUM_PATH at any Chromium or Chrome executable.';

/** CHROMIUM_PATH, else /usr/bin/chromium, else a browser Playwright installed; throws with install steps otherwise. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHROMIUM_PATH) {
    if (!fs.existsSync(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} does not exist. ${installHint}`);
    return env.CHROMIUM_PATH;
  }
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (fs.existsSync(candidate)) return candidate;
  const bundled = chromium.executablePath();
  if (bundled && fs.existsSync(bundled)) return bundled;
  throw new Error(installHint);
}

/** $COUNTERSIGN_E2E_EXECUTABLE (a packaged test build), else the Electron binary the `electron` npm package points at, or why there is none. */
export function findElectron(env: NodeJS.ProcessEnv = process.env): { path: string } | { missing: string } {
  if (env.COUNTERSIGN_E2E_EXECUTABLE) {
    return fs.existsSync(env.COUNTERSIGN_E2E_EXECUTABLE)
      ? { path: env.COUNTERSIGN_E2E_EXECUTABLE }
      : { missing: `COUNTERSIGN_E2E_EXECUTABLE=${env.COUNTERSIGN_E2E_EXECUTABLE} does not exist` };
  }
  try {
    // Not `require('electron')`: since Electron 42 the package downloads its binary on first require
    // (index.js runs install.js), which would reach for Electron's release host from every test.
    // Read what that require would return instead: path.txt names the binary inside dist/.
    const dir = path.dirname(require.resolve('electron/package.json'));
    const pathFile = path.join(dir, 'path.txt');
    if (!fs.existsSync(pathFile)) return { missing: `the electron package has not downloaded its binary: no ${pathFile}` };
    const binary = path.join(env.ELECTRON_OVERRIDE_DIST_PATH || path.join(dir, 'dist'), fs.readFileSync(pathFile, 'utf8'));
    if (fs.existsSync(binary)) return { path: binary };
    return { missing: `the Electron binary ${binary} does not exist` };
  } catch (err) {
    return { missing: err instanceof Error ? err.message.split('\n')[0] ?? err.message : String(err) };
  }
}
