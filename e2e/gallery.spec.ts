import { expect, test } from './support/test.ts';
import { StudioPage } from './pages/studio-page.ts';

test('paste a large image from the clipboard: it is scaled to a 2048 px long edge before upload', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.chooseModel('Nano Banana 2');
  await studio.chooseProvider('Local preview');
  // A 3000 x 2000 PNG made in the page, pasted as a clipboard file.
  await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 3000;
    canvas.height = 2000;
    const context = canvas.getContext('2d')!;
    const gradient = context.createLinearGradient(0, 0, 3000, 2000);
    gradient.addColorStop(0, '#f59e0b');
    gradient.addColorStop(1, '#1e3a8a');
    context.fillStyle = gradient;
    context.fillRect(0, 0, 3000, 2000);
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((value) => resolve(value!), 'image/png'));
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], 'clipboard.png', { type: 'image/png' }));
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  });
  await expect(studio.referenceThumbnails).toHaveCount(1);
  await studio.waitForUploads();
  await expect(studio.referenceThumbnails.first()).toHaveAttribute('aria-label', /clipboard\.png, 2048 × 1365 px/);
});

test('filters, prompt search on the server, and delete with undo', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  const stamp = Date.now();
  const first = `Gallery test ${stamp}: a red bicycle`;
  const second = `Gallery test ${stamp}: a blue kayak`;
  await studio.chooseModel('Nano Banana 2');
  await studio.chooseProvider('Local preview');
  await studio.prompt.fill(first);
  await studio.generateButton.click();
  await expect(studio.galleryImages(first)).toHaveCount(1, { timeout: 60_000 });
  await studio.chooseModel('Nano Banana Pro');
  await studio.prompt.fill(second);
  await studio.generateButton.click();
  await expect(studio.galleryImages(second)).toHaveCount(1, { timeout: 60_000 });

  // Prompt search (debounced, answered by the server).
  await page.getByLabel('Search history').fill(`${stamp}: a blue`);
  await expect(studio.galleryImages(second)).toHaveCount(1);
  await expect(studio.galleryImages(first)).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(studio.galleryImages(first)).toHaveCount(1);

  // Filter by model.
  await page.getByLabel('Made with').selectOption({ label: 'Nano Banana 2' });
  await expect(studio.galleryImages(first)).toHaveCount(1);
  await expect(studio.galleryImages(second)).toHaveCount(0);
  await page.getByLabel('Made with').selectOption({ label: 'All models' });
  await studio.screenshot('50-gallery');

  // Delete with undo.
  await studio.galleryImages(first).click();
  await studio.lightbox.getByRole('button', { name: 'Delete' }).click();
  await expect(studio.lightbox).toBeHidden();
  await expect(studio.galleryImages(first)).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(studio.galleryImages(first)).toHaveCount(1);
  // Delete for good: after the undo window it is gone from the server too.
  await studio.galleryImages(first).click();
  await studio.lightbox.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeHidden({ timeout: 10_000 });
  await page.reload();
  await expect(studio.galleryImages(second)).toHaveCount(1);
  await expect(studio.galleryImages(first)).toHaveCount(0);
});
