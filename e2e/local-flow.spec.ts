import { expect, test } from './support/test.ts';
import { PHOTOS, StudioPage } from './pages/studio-page.ts';

test('the full flow with the local provider: references, 2K 16:9, two images, reload, reuse settings', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.screenshot('01-empty-studio');

  await studio.chooseModel('Nano Banana 2');
  await studio.chooseProvider('Local preview');
  await studio.addReferences([PHOTOS.astronaut, PHOTOS.chelsea, PHOTOS.coffee], 3);
  // Numbered in order.
  for (const number of [1, 2, 3]) {
    await expect(studio.referenceThumbnails.nth(number - 1)).toContainText(String(number));
  }
  await studio.chooseResolution('2K');
  await studio.chooseAspectRatio('16:9');
  // Each aspect ratio shows its exact pixel size at the chosen resolution.
  await expect(studio.aspectRatioGroup.getByRole('radio', { name: '16:9', exact: true })).toHaveAccessibleDescription('2752 × 1536');
  await expect(studio.resolutionGroup.locator('..')).toContainText('2752 × 1536 px');
  await studio.numberOfImages.selectOption('2');
  await expect(studio.estimate).toContainText('$0.00');

  const prompt = 'A studio photo blending reference image 1, reference image 2 and reference image 3 into one poster';
  await studio.prompt.fill(prompt);
  await studio.screenshot('02-form-filled');
  await studio.generateButton.click();
  // A pending card appears at once, then the two results replace it.
  await expect(studio.pendingCards.first()).toBeVisible();
  await studio.screenshot('03-pending');
  await expect(studio.galleryImages(prompt)).toHaveCount(2, { timeout: 60_000 });
  await expect(studio.pendingCards).toHaveCount(0);
  await studio.screenshot('04-results');

  // The full images are 2752 x 1536.
  await studio.galleryImages(prompt).first().click();
  await expect(studio.lightbox).toBeVisible();
  const fullImage = studio.lightbox.getByTestId('lightbox-image');
  await expect(fullImage).toHaveJSProperty('complete', true);
  await expect.poll(() => fullImage.evaluate((image: HTMLImageElement) => `${image.naturalWidth}x${image.naturalHeight}`)).toBe('2752x1536');
  await expect(studio.lightbox).toContainText('2752 × 1536 px');
  await expect(studio.lightbox).toContainText('Billed cost$0.00');
  await studio.screenshot('05-lightbox');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => fullImage.evaluate((image: HTMLImageElement) => `${image.naturalWidth}x${image.naturalHeight}`)).toBe('2752x1536');
  await page.keyboard.press('Escape');
  await expect(studio.lightbox).toBeHidden();

  // After a reload they are still there (loaded from the server).
  await page.reload();
  await expect(studio.galleryImages(prompt)).toHaveCount(2);

  // Change the form, then reuse the settings of a result: the form shows them, references included.
  await studio.chooseResolution('1K');
  await studio.chooseAspectRatio('1:1');
  await studio.numberOfImages.selectOption('1');
  await studio.prompt.fill('something else');
  while ((await studio.referenceThumbnails.count()) > 0) {
    await page.getByRole('button', { name: 'Remove reference image 1' }).click();
  }
  await expect(studio.referenceThumbnails).toHaveCount(0);

  await studio.galleryImages(prompt).first().click();
  await studio.lightbox.getByRole('button', { name: 'Reuse settings' }).click();
  await expect(studio.lightbox).toBeHidden();
  await expect(studio.prompt).toHaveValue(prompt);
  await studio.openOfferingPicker();
  await expect(studio.modelGroup.getByRole('radio', { name: 'Nano Banana 2', exact: true })).toBeChecked();
  await expect(studio.providerGroup.getByRole('radio', { name: 'Local preview', exact: true })).toBeChecked();
  await studio.closeOfferingPicker();
  await expect(studio.resolutionGroup.getByRole('radio', { name: '2K', exact: true })).toBeChecked();
  await expect(studio.aspectRatioGroup.getByRole('radio', { name: '16:9', exact: true })).toBeChecked();
  await expect(studio.numberOfImages).toHaveValue('2');
  await expect(studio.referenceThumbnails).toHaveCount(3);
  // The recalled references show the server's thumbnails of the uploads, in order.
  const thumbnails = studio.referenceThumbnails.locator('img');
  await expect(thumbnails).toHaveCount(3);
  for (let index = 0; index < 3; index++) {
    await expect.poll(() => thumbnails.nth(index).evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
  }
  await expect(studio.estimate).toContainText('$0.00');
  await studio.screenshot('06-reused-settings');
});
