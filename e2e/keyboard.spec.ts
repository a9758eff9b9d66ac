import type { Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { StudioPage } from './pages/studio-page.ts';

/** Presses Tab until `matches` holds for the focused element; fails after `limit` presses. */
async function tabUntil(page: Page, matches: string, limit = 60): Promise<void> {
  for (let press = 0; press < limit; press += 1) {
    if (await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, matches)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Focus never reached ${matches} within ${limit} Tab presses`);
}

test('keyboard only: from the prompt to Generate to the lightbox', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await page.locator('body').focus();

  await tabUntil(page, '#studio-prompt');
  const prompt = `A paper-cut fox in a winter forest ${Date.now()}`;
  await page.keyboard.type(prompt);
  // Ctrl+Enter generates from the prompt.
  await page.keyboard.press('Control+Enter');
  await expect(studio.galleryImages(prompt)).toHaveCount(1, { timeout: 60_000 });

  // Tab on to Generate and press Enter for a second one.
  await tabUntil(page, 'button[type="submit"]');
  await expect(studio.generateButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(studio.galleryImages(prompt)).toHaveCount(2, { timeout: 60_000 });

  // Tab into the gallery and open the newest image.
  await tabUntil(page, '[data-gallery-tile="image"]', 80);
  await studio.screenshot('30-keyboard-focus-tile');
  await page.keyboard.press('Enter');
  await expect(studio.lightbox).toBeVisible();
  await expect(studio.lightbox).toContainText(prompt);
  await expect(studio.lightbox).toContainText(/1 \/ \d+/);
  await page.keyboard.press('ArrowRight');
  await expect(studio.lightbox).toContainText(/2 \/ \d+/);
  await expect(studio.lightbox).toContainText(prompt);
  await page.keyboard.press('ArrowLeft');
  await expect(studio.lightbox).toContainText(/1 \/ \d+/);
  await studio.screenshot('31-keyboard-lightbox');
  await page.keyboard.press('Escape');
  await expect(studio.lightbox).toBeHidden();
  // Focus returns to the image it came from.
  await expect(page.locator('[data-gallery-tile="image"]').first()).toBeFocused();
  // Arrow keys move between images (one Tab stop for the whole gallery).
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-gallery-tile="image"]').nth(1)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.locator('[data-gallery-tile="image"]').first()).toBeFocused();
  await expect(page.locator('[data-gallery-tile="image"][tabindex="0"]')).toHaveCount(1);

  // The prompt history comes back with ArrowUp.
  await tabUntil(page, '#studio-prompt', 120);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.press('ArrowUp');
  await expect(studio.prompt).toHaveValue(prompt);
});
