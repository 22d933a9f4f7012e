import fs from 'node:fs';
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
    // The package exports the binary's path and throws when the binary was never downloaded.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const binary = require('electron') as unknown as string;
    if (typeof binary === 'string' && fs.existsSync(binary)) return { path: binary };
    return { missing: `the Electron binary ${String(binary)} does not exist` };
  } catch (err) {
    return { missing: err instanceof Error ? err.message.split('\n')[0] ?? err.message : String(err) };
  }
}
