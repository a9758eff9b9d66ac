import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/** Debian's chromium where it exists (Playwright cannot download browsers here); otherwise Playwright's own. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * End-to-end tests in a real browser against real studio servers (started by
 * e2e/support/global-setup.ts after one `vite build`). One worker: the
 * machine has 2 cores and the servers render real images.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  globalSetup: './e2e/support/global-setup.ts',
  outputDir: 'test-results/artifacts',
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    viewport: { width: 1440, height: 900 },
    colorScheme: 'dark',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(existsSync(DEBIAN_CHROMIUM) ? { executablePath: DEBIAN_CHROMIUM } : {}),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
