import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { StudioPage } from './pages/studio-page.ts';

/** Gallery image tiles in display order, as `generationId:imageIndex` keys. */
async function tileOrder(page: Page): Promise<string[]> {
  return page.locator('[data-gallery-tile="image"]').evaluateAll((tiles) => tiles.map((tile) => (tile as HTMLElement).dataset.tileKey ?? ''));
}

async function tileKeyOf(studio: StudioPage, prompt: string): Promise<string> {
  const tile = studio.page.locator('[data-gallery-tile="image"]').filter({ has: studio.page.getByRole('img', { name: prompt, exact: true }) });
  return (await tile.getAttribute('data-tile-key'))!;
}

function editBanner(page: Page): Locator {
  return page.getByRole('region', { name: 'Editing an image' });
}

test('edit a result: instruction, beside its parent, slider, lineage strip with a branch, fold, download, settings back from the file', async ({ page }) => {
  const studio = new StudioPage(page);
  const run = Date.now().toString(36);
  await studio.goto();
  await studio.chooseModel('Nano Banana 2');
  await studio.chooseProvider('Local preview');
  await studio.chooseResolution('1K');
  await studio.chooseAspectRatio('1:1');
  await studio.numberOfImages.selectOption('1');
  const original = `A lighthouse on a cliff at noon ${run}`;
  await studio.prompt.fill(original);
  await studio.generateButton.click();
  await expect(studio.galleryImages(original)).toHaveCount(1, { timeout: 60_000 });

  // Edit from the lightbox: the form switches to edit mode, the parent is reference image 1, the prompt is empty and focused.
  await studio.galleryImages(original).click();
  await studio.lightbox.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(studio.lightbox).toBeHidden();
  await expect(editBanner(page)).toContainText('Editing');
  await expect(editBanner(page)).toContainText(original);
  await expect(studio.referenceThumbnails.first()).toHaveAccessibleName(/Reference image 1: the image being edited, 1024 × 1024 px/);
  await expect(studio.prompt).toHaveValue('');
  await expect(studio.prompt).toBeFocused();
  await studio.screenshot('edits-01-edit-mode');

  // Ctrl+Enter runs the instruction; the result appears right after its parent.
  const night = `Same, but at night ${run}`;
  await studio.prompt.fill(night);
  await studio.prompt.press('Control+Enter');
  await expect(studio.galleryImages(night)).toHaveCount(1, { timeout: 60_000 });
  const parentKey = await tileKeyOf(studio, original);
  const nightKey = await tileKeyOf(studio, night);
  const order = await tileOrder(page);
  expect(order.indexOf(nightKey)).toBe(order.indexOf(parentKey) + 1);

  // The banner offers to go on from the result (the designer's loop); taking it makes the night image the one edited.
  await editBanner(page).getByRole('button', { name: 'Continue from its latest edit' }).click();
  await expect(editBanner(page)).toContainText(night);
  await expect(studio.prompt).toBeFocused();

  // A second edit of the original from the tile's menu makes a branch.
  await editBanner(page).getByRole('button', { name: 'Stop editing' }).click();
  await expect(editBanner(page)).toHaveCount(0);
  const parentTile = page.locator(`[data-tile-key="${parentKey}"]`);
  await parentTile.hover();
  await parentTile.locator('..').getByRole('button', { name: 'Image actions' }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  await expect(editBanner(page)).toContainText(original);
  const autumn = `Same, but in autumn ${run}`;
  await studio.prompt.fill(autumn);
  await page.keyboard.press('Control+Enter');
  await expect(studio.galleryImages(autumn)).toHaveCount(1, { timeout: 60_000 });

  // The lightbox of the night edit: lineage strip (original, then two branches), before/after slider.
  await studio.galleryImages(night).click();
  const strip = studio.lightbox.getByRole('navigation', { name: 'Lineage' });
  await expect(strip).toContainText('3 versions');
  await studio.screenshot('edits-04-folded');
  await expect(strip).toContainText('1 fork');
  await expect(strip.getByRole('button', { name: `Edit 1: ${night}` })).toHaveAttribute('aria-current', 'true');
  await expect(strip.getByRole('group', { name: '2 branches' }).getByRole('button')).toHaveCount(2);
  await studio.screenshot('edits-02-lineage-strip');

  await studio.lightbox.getByRole('button', { name: 'Compare with parent' }).click();
  const slider = studio.lightbox.getByRole('slider', { name: 'Before and after' });
  await expect(slider).toHaveValue('50');
  await slider.focus();
  for (let step = 0; step < 15; step += 1) await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('65');
  await expect(studio.lightbox.getByRole('img', { name: `Before: ${original}` })).toBeVisible();
  await studio.screenshot('edits-03-compare-slider');
  await studio.lightbox.getByRole('button', { name: 'Stop comparing' }).click();

  // Follow the strip to the original and back to the other branch.
  await strip.getByRole('button', { name: `Original: ${original}` }).click();
  await expect(studio.lightbox.getByTestId('lightbox-image')).toHaveAccessibleName(original);
  await strip.getByRole('button', { name: `Edit 1: ${autumn}` }).click();
  await expect(studio.lightbox.getByTestId('lightbox-image')).toHaveAccessibleName(autumn);
  await strip.getByRole('button', { name: `Edit 1: ${night}` }).click();
  await expect(studio.lightbox.getByTestId('lightbox-image')).toHaveAccessibleName(night);

  // Download: a readable name, the settings inside.
  const downloadPromise = page.waitForEvent('download');
  await studio.lightbox.getByRole('link', { name: 'Download' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`same-but-at-night-${run}-nano-banana-2-1024x1024.png`);
  const saved = join(mkdtempSync(join(tmpdir(), 'studio-download-')), download.suggestedFilename());
  await download.saveAs(saved);
  await page.keyboard.press('Escape');
  await expect(studio.lightbox).toBeHidden();

  // Fold edits: the family becomes one tile, the latest on top, with a count.
  await page.getByRole('button', { name: 'Fold edits' }).click();
  await expect(page.getByRole('button', { name: 'Fold edits' })).toHaveAttribute('aria-pressed', 'true');
  await expect(studio.galleryImages(autumn)).toHaveCount(1);
  await expect(studio.galleryImages(original)).toHaveCount(0);
  await expect(studio.galleryImages(night)).toHaveCount(0);
  await expect(
    page
      .locator('[data-gallery-tile="image"]')
      .filter({ has: page.getByRole('img', { name: autumn, exact: true }) })
      .getByTestId('folded-edits'),
  ).toContainText('3 versions');
  await studio.screenshot('edits-04-folded');
  await page.getByRole('button', { name: 'Fold edits' }).click();
  await expect(studio.galleryImages(original)).toHaveCount(1);

  // Drop the downloaded file back in: "Use its settings" beside "Add as reference" restores the request.
  await editBanner(page).getByRole('button', { name: 'Stop editing' }).click();
  await studio.chooseAspectRatio('16:9');
  await studio.prompt.fill('something else entirely');
  // A real drop of the file on the tray (dragenter, dragover, drop with a DataTransfer holding it).
  const fileBase64 = readFileSync(saved).toString('base64');
  const dropZone = page.getByRole('button', { name: 'Drop images, paste, or browse' }).locator('..');
  await dropZone.evaluate(
    async (element, { base64, name }) => {
      const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type: 'image/png' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        element.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
        // As in a real drag, the drop comes after the drop zone has reacted to the drag entering it.
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
    },
    { base64: fileBase64, name: download.suggestedFilename() },
  );
  const offer = page.getByRole('group', { name: /^Settings found in / });
  await expect(offer).toContainText('Made in Banana Studio');
  await expect(offer).toContainText(night);
  await expect(offer.getByRole('button', { name: 'Add as reference' })).toBeVisible();
  await expect(offer.getByRole('button', { name: 'Use its settings' })).toBeFocused();
  await studio.screenshot('edits-05-recalled-settings');
  await offer.getByRole('button', { name: 'Use its settings' }).click();
  await expect(offer).toHaveCount(0);
  await expect(studio.prompt).toHaveValue(night);
  await expect(studio.prompt).toBeFocused();
  await expect(studio.aspectRatioGroup.getByRole('radio', { name: '1:1', exact: true })).toBeChecked();
  await studio.openOfferingPicker();
  await expect(studio.providerGroup.getByRole('radio', { name: 'Local preview', exact: true })).toBeChecked();
  await studio.closeOfferingPicker();
  // Its reference image 1 (the original, stored as an upload when it was edited) comes back too.
  await expect(studio.referenceThumbnails).toHaveCount(1);
});
