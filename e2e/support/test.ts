import { expect, test as base } from '@playwright/test';

/**
 * Playwright's `test`, with an automatic check that the page threw no
 * uncaught error and logged no console error during the test (a broken
 * component fails the test even when the assertions still pass).
 * Failed image loads (a thumbnail that 404s on purpose) are not errors here.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const text = message.text();
        if (/Failed to load resource/.test(text)) return;
        errors.push(`console: ${text}`);
      });
      await use(errors);
      expect(errors, 'errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
