import { writeFileSync } from 'node:fs';
import { expect, test } from './support/test.ts';
import { PHOTOS, StudioPage } from './pages/studio-page.ts';

test('a text file and a ninth reference on Nano Banana are refused with a message', async ({ page }, testInfo) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.chooseModel('Nano Banana');
  await studio.chooseProvider('Local preview');

  const textFile = testInfo.outputPath('notes.txt');
  writeFileSync(textFile, 'not an image');
  await studio.referenceInput.setInputFiles(textFile);
  await expect(page.getByText('notes.txt is not an image; add PNG, JPEG, WebP, GIF, HEIC or AVIF files.')).toBeVisible();
  await expect(studio.referenceThumbnails).toHaveCount(0);

  const eight = [PHOTOS.astronaut, PHOTOS.chelsea, PHOTOS.coffee, PHOTOS.astronaut, PHOTOS.chelsea, PHOTOS.coffee, PHOTOS.astronaut, PHOTOS.chelsea];
  await studio.addReferences(eight, 8);
  await expect(page.getByText('8 / 8')).toBeVisible();
  await studio.referenceInput.setInputFiles(PHOTOS.coffee);
  await expect(page.getByText('Local preview · Nano Banana takes at most 8 reference images; coffee.png was not added.')).toBeVisible();
  await expect(studio.referenceThumbnails).toHaveCount(8);
  await studio.screenshot('20-refusals');

  // Reorder from the keyboard and remove: the numbers follow.
  await expect(studio.referenceThumbnails.nth(0)).toHaveAttribute('aria-label', /^Reference image 1: astronaut\.png/);
  await page.getByRole('button', { name: 'Move reference image 2 earlier' }).focus();
  await page.keyboard.press('Enter');
  await expect(studio.referenceThumbnails.nth(0)).toHaveAttribute('aria-label', /^Reference image 1: chelsea\.png/);
  await expect(studio.referenceThumbnails.nth(1)).toHaveAttribute('aria-label', /^Reference image 2: astronaut\.png/);
  await page.getByRole('button', { name: 'Remove reference image 8' }).click();
  await expect(studio.referenceThumbnails).toHaveCount(7);
  await expect(page.getByText('7 / 8')).toBeVisible();
});

test('switching to Nano Banana Pro hides Thinking and says what changed', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.chooseModel('Nano Banana 2');
  await studio.chooseProvider('Local preview');
  await studio.chooseResolution('0.5K');
  await studio.chooseAspectRatio('21:9');
  await studio.chooseThinking('High');
  await studio.imageSearch.check();
  await studio.prompt.fill('A poster of a lighthouse');

  await studio.chooseModel('Nano Banana Pro');
  await expect(studio.thinkingGroup).toHaveCount(0);
  await expect(studio.imageSearch).toHaveCount(0);
  // One sentence names the offering once and each changed value; the controls carry a "was" mark.
  const notice = page.getByRole('status').filter({ hasText: 'Local preview · Nano Banana Pro does not take 3 of your settings' });
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute('aria-live', 'polite');
  await expect(notice).toContainText('resolution 0.5K → 1K, thinking High → off, image search on → off.');
  await expect(page.locator('[data-adjusted="resolution"]')).toHaveText('was 0.5K');
  // Every value the new offering supports is kept.
  await expect(studio.aspectRatioGroup.getByRole('radio', { name: '21:9', exact: true })).toBeChecked();
  await expect(studio.prompt).toHaveValue('A poster of a lighthouse');
  await studio.screenshot('21-switch-notice');

  // Touching the changed control clears its mark.
  await studio.chooseResolution('2K');
  await expect(page.locator('[data-adjusted="resolution"]')).toHaveCount(0);

  // Providers without a key are shown as not set up and cannot be chosen.
  await studio.openOfferingPicker();
  const runware = studio.providerGroup.getByRole('radio', { name: 'Runware', exact: true });
  await expect(runware).toBeDisabled();
  await expect(runware).toHaveAccessibleDescription('not set up on this studio');
});
