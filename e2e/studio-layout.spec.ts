import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { PHOTOS, StudioPage } from './pages/studio-page.ts';

/**
 * Issue 11, at the three sizes designers use: the document never scrolls or
 * overflows sideways, a whole generation can be made, new generations show
 * through filters, settings are remembered per model, focus stays in the
 * tray, and an 8:1 result shows whole. Against the local-only studio server.
 */
const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'laptop', width: 1024, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** The document's scroll extent and position: the shell must be exactly the viewport. */
async function documentGeometry(page: Page) {
  return page.evaluate(() => ({
    scrollHeight: document.scrollingElement!.scrollHeight,
    scrollWidth: document.scrollingElement!.scrollWidth,
    scrollX: window.scrollX,
    scrollY: window.scrollY,
    headerTop: document.querySelector('header')!.getBoundingClientRect().top,
    width: window.innerWidth,
    height: window.innerHeight,
  }));
}

async function expectDocumentStill(page: Page) {
  const geometry = await documentGeometry(page);
  expect(geometry.scrollHeight, 'document height').toBeLessThanOrEqual(geometry.height);
  expect(geometry.scrollWidth, 'document width').toBeLessThanOrEqual(geometry.width);
  expect([geometry.scrollX, geometry.scrollY, geometry.headerTop]).toEqual([0, 0, 0]);
}

/** On a phone the gallery is its own view. */
async function showGallery(page: Page, small: boolean) {
  if (small) await page.getByRole('navigation', { name: 'Studio views' }).getByRole('button', { name: 'Gallery' }).click();
}
async function showForm(page: Page, small: boolean) {
  if (small) await page.getByRole('navigation', { name: 'Studio views' }).getByRole('button', { name: 'Create' }).click();
}

for (const size of SIZES) {
  const small = size.width < 768;
  test.describe(`${size.width}x${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('the document never scrolls or overflows, the prompt has focus, a whole generation is made, axe is clean', async ({ page }) => {
      const studio = new StudioPage(page);
      await studio.goto();
      await expect(studio.prompt).toBeFocused();
      await expectDocumentStill(page);
      // Everything a designer changes often is on screen without scrolling the form (at 1440 x 900).
      if (size.width === 1440) {
        const frequent = [studio.prompt, studio.offeringPickerButton, studio.resolutionGroup, studio.aspectRatioGroup, studio.thinkingGroup];
        for (const control of [...frequent, studio.webSearch, studio.imageSearch, studio.numberOfImages]) {
          await expect(control).toBeInViewport({ ratio: 1 });
        }
      }

      // The mouse wheel over the form and over the gallery scrolls panels, never the page.
      await page.mouse.move(size.width / 4, size.height / 2);
      await page.mouse.wheel(0, 2000);
      await expectDocumentStill(page);
      // The skip link shows and focuses the gallery in place.
      await page.getByRole('link', { name: 'Skip to gallery' }).focus();
      await page.keyboard.press('Enter');
      await expect(page.locator('#gallery')).toBeFocused();
      await expectDocumentStill(page);
      await showForm(page, small);

      // The Generate bar is always reachable.
      await expect(studio.generateButton).toBeInViewport({ ratio: 1 });

      const prompt = `Layout ${size.name} ${Date.now()}: a red kite over dunes`;
      await studio.chooseModel('Nano Banana 2');
      await studio.chooseProvider('Local preview');
      await studio.chooseAspectRatio('3:2');
      await studio.prompt.fill(prompt);
      await studio.generateButton.click();
      await expect(studio.galleryImages(prompt)).toHaveCount(1, { timeout: 60_000 });
      await expect(studio.galleryImages(prompt)).toBeVisible();
      await expectDocumentStill(page);
      // Tiles are at least 150 px wide.
      const widths = await page.locator('[data-gallery-tile="image"]').evaluateAll((tiles) => tiles.map((tile) => tile.getBoundingClientRect().width));
      expect(Math.min(...widths)).toBeGreaterThanOrEqual(small ? 150 : 80);
      await studio.screenshot(`60-layout-${size.width}-gallery`);
      await showForm(page, small);
      await studio.screenshot(`61-layout-${size.width}-form`);

      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
    });

    test('a new generation shows even when the gallery filters would hide it', async ({ page }) => {
      const studio = new StudioPage(page);
      await studio.goto();
      await studio.chooseModel('Nano Banana 2');
      await studio.chooseProvider('Local preview');
      await showGallery(page, small);
      await page.getByLabel('Made via').selectOption({ label: 'Runware' });
      await page.getByLabel('Made with').selectOption({ label: 'Nano Banana Pro' });
      await showForm(page, small);
      const prompt = `Filtered ${size.name} ${Date.now()}: a green teapot`;
      await studio.prompt.fill(prompt);
      await studio.generateButton.click();
      await expect(page.getByText('Filters cleared so the new generation shows in the gallery.')).toBeVisible();
      await expect(studio.galleryImages(prompt)).toHaveCount(1, { timeout: 60_000 });
      await expect(page.getByLabel('Made via')).toHaveValue('');
      await expect(page.getByLabel('Made with')).toHaveValue('');
    });

    test('settings are remembered per model: Nano Banana 2 at 0.5K, 8:1, Minimal comes back after Pro, and after a reload', async ({ page }) => {
      const studio = new StudioPage(page);
      await studio.goto();
      await studio.chooseModel('Nano Banana 2');
      await studio.chooseProvider('Local preview');
      await studio.chooseResolution('0.5K');
      await studio.chooseAspectRatio('8:1');
      await studio.chooseThinking('Minimal');
      await studio.chooseModel('Nano Banana Pro');
      await expect(page.locator('[data-adjusted="resolution"]')).toHaveText('was 0.5K');
      await expect(page.getByRole('status').filter({ hasText: 'does not take' })).toHaveCount(1);
      await studio.chooseModel('Nano Banana 2');
      await expect(page.locator('[data-adjusted]')).toHaveCount(0);
      await expect(page.getByRole('status').filter({ hasText: 'does not take' })).toHaveCount(0);
      for (const reload of [false, true]) {
        if (reload) await page.reload();
        await expect(studio.resolutionGroup.getByRole('radio', { name: '0.5K', exact: true })).toBeChecked();
        await expect(studio.aspectRatioGroup.getByRole('radio', { name: '8:1', exact: true })).toBeChecked();
        await expect(studio.thinkingGroup.getByRole('radio', { name: 'Minimal', exact: true })).toBeChecked();
      }
    });

    test('focus stays in the reference tray after Move and Remove', async ({ page }) => {
      const studio = new StudioPage(page);
      await studio.goto();
      await studio.chooseModel('Nano Banana 2');
      await studio.chooseProvider('Local preview');
      await studio.addReferences([PHOTOS.astronaut, PHOTOS.chelsea, PHOTOS.coffee], 3);
      const tray = page.getByRole('list', { name: 'Reference images in order' });
      await page.getByRole('button', { name: 'Move reference image 2 earlier' }).focus();
      await page.keyboard.press('Enter');
      // Now first: "earlier" is gone, so focus moves to its "later" button.
      await expect(page.getByRole('button', { name: 'Move reference image 1 later' })).toBeFocused();
      await expect(studio.referenceThumbnails.first()).toHaveAttribute('aria-label', /chelsea\.png/);
      await page.keyboard.press('Enter');
      await expect(page.getByRole('button', { name: 'Move reference image 2 later' })).toBeFocused();
      await page.getByRole('button', { name: 'Remove reference image 3' }).focus();
      await page.keyboard.press('Enter');
      await expect(studio.referenceThumbnails).toHaveCount(2);
      await expect(page.getByRole('button', { name: 'Remove reference image 2' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(studio.referenceThumbnails).toHaveCount(1);
      await expect(page.getByRole('button', { name: 'Remove reference image 1' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(studio.referenceThumbnails).toHaveCount(0);
      // The last removal leaves focus on Add, never on the page body.
      await expect(page.getByRole('button', { name: 'Drop images, paste, or browse' })).toBeFocused();
      expect(await tray.count()).toBe(0);
    });

    test('an 8:1 result shows the whole image in its tile, from a thumbnail sized for its ratio', async ({ page }) => {
      const studio = new StudioPage(page);
      await studio.goto();
      await studio.chooseModel('Nano Banana 2');
      await studio.chooseProvider('Local preview');
      await studio.chooseResolution('0.5K');
      await studio.chooseAspectRatio('8:1');
      const prompt = `Banner ${size.name} ${Date.now()}: a long mountain panorama`;
      await studio.prompt.fill(prompt);
      await studio.generateButton.click();
      const image = studio.galleryImages(prompt);
      await expect(image).toHaveCount(1, { timeout: 60_000 });
      await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0)).toBe(true);
      const shown = await image.evaluate((element: HTMLImageElement) => {
        const box = element.getBoundingClientRect();
        const fit = getComputedStyle(element).objectFit;
        return { width: box.width, height: box.height, naturalWidth: element.naturalWidth, naturalHeight: element.naturalHeight, fit };
      });
      const natural = shown.naturalWidth / shown.naturalHeight;
      expect(natural).toBeGreaterThan(7);
      // Whole: either the tile has the image's own ratio, or the image is contained (letterboxed), never cropped.
      const sameRatio = Math.abs(shown.width / shown.height / natural - 1) < 0.03;
      expect(sameRatio || shown.fit === 'contain', JSON.stringify(shown)).toBe(true);
      // The thumbnail is sized by its long edge for the ratio: far more than 512 px wide.
      expect(shown.naturalWidth).toBeGreaterThan(1000);
      await studio.screenshot(`62-layout-${size.width}-banner`);
    });
  });
}

test('lightbox: focus on the image, zoom to 100% and back, pan, and a "?" overlay of every shortcut', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.chooseModel('Nano Banana 2');
  await studio.chooseProvider('Local preview');
  await studio.chooseResolution('2K');
  await studio.chooseAspectRatio('1:1');
  const prompt = `Zoom ${Date.now()}: a detailed city map`;
  await studio.prompt.fill(prompt);
  await studio.generateButton.click();
  await expect(studio.galleryImages(prompt)).toHaveCount(1, { timeout: 60_000 });
  await studio.galleryImages(prompt).click();
  const stage = page.getByTestId('lightbox-stage');
  await expect(stage).toBeFocused();
  await expect.poll(() => page.getByTestId('lightbox-image').evaluate((element: HTMLImageElement) => element.complete)).toBe(true);
  await page.keyboard.press('1');
  await expect(studio.lightbox.getByLabel('Zoom', { exact: true })).toHaveText('100%');
  for (let step = 0; step < 3; step += 1) await page.keyboard.press('+');
  await page.keyboard.press('ArrowLeft');
  const transform = await page.getByTestId('lightbox-image').evaluate((element) => element.style.transform);
  expect(transform).toMatch(/^translate\((?!0px, 0px)/);
  await page.keyboard.press('0');
  await expect(studio.lightbox.getByLabel('Zoom', { exact: true })).not.toHaveText('100%');
  await stage.hover();
  await page.mouse.wheel(0, -400);
  await expect(studio.lightbox.getByRole('button', { name: 'Zoom out' })).toBeEnabled();
  await page.keyboard.press('?');
  const shortcuts = page.getByRole('region', { name: 'Keyboard shortcuts' });
  await expect(shortcuts).toBeVisible();
  for (const action of ['Zoom to 100%', 'Fit to the screen', 'Previous / next image', 'Show or hide these shortcuts']) {
    await expect(shortcuts).toContainText(action);
  }
  await studio.screenshot('63-lightbox-shortcuts');
  await page.keyboard.press('Escape');
  await expect(shortcuts).toBeHidden();
  await expect(studio.lightbox).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(studio.lightbox).toBeHidden();
});
