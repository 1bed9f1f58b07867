import { defineConfig } from '@playwright/test';
import { findChromium } from './test/chromium.ts';

// Playwright's own browsers cannot be downloaded on signage networks or CI here;
// tests drive the system Chromium (Debian's `chromium` plays H.264 and VP9).
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  workers: process.env.CI ? 1 : 2,
  // One retry on CI, where the 2-core machine is shared: a retried pass is reported as
  // "flaky" in the output (and in the closing note), a real failure still fails.
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? 'list' : 'line',
  use: {
    launchOptions: {
      executablePath: findChromium(),
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--autoplay-policy=no-user-gesture-required',
      ],
    },
  },
});
