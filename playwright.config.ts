import { defineConfig } from '@playwright/test';
import { findChromium } from './scripts/browser.mjs';
import { E2E_TIME_ZONE } from './tests/e2e/businessDate';

// `npm run test:e2e` runs scripts/browser.mjs first, which finds or installs a Chromium; this picks
// the same one. Each test file starts its own host on a fresh data folder and a fixed business date.
const browser = findChromium();

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  // One file per worker, each with its own host, data folder and port; two fit a 2-core machine
  // (`npm run test:e2e` builds the interface once first, so workers never build it side by side).
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    // The host runs in the same zone (tests/e2e/host.ts), so the window and the books agree on the day.
    timezoneId: E2E_TIME_ZONE,
    launchOptions: {
      executablePath: browser?.executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
    trace: 'off',
  },
});
