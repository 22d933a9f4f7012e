import { defineConfig } from '@playwright/test';
import type { HostOptions } from './e2e/fixtures';

// `web` drives the real built renderer in Chromium against `countersign serve`;
// `electron` runs the same specs in the desktop app where its binary exists
// and skips with the reason printed where it does not.
export default defineConfig<HostOptions>({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  forbidOnly: true,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    { name: 'web', use: { hostKind: 'web' } },
    { name: 'electron', use: { hostKind: 'electron' } },
  ],
});
