import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

/** Debian's chromium, used when it is there (Playwright cannot download its own browser on this machine). */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * The headless Chromium every browser benchmark measures with: Debian's build where it exists, Playwright's
 * otherwise, with the same flags as playwright.config.ts (no background networking or updates to disturb timings).
 */
export function launchBenchBrowser(): Promise<Browser> {
  return chromium.launch({
    ...(existsSync(DEBIAN_CHROMIUM) ? { executablePath: DEBIAN_CHROMIUM } : {}),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
