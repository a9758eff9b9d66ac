import { readFileSync } from 'node:fs';
import type { Page, Route } from '@playwright/test';
import { expect, test } from './support/test.ts';
import { PHOTOS, StudioPage } from './pages/studio-page.ts';

/** The lazy chunk with react-dropzone (src/client/features/studio/components/dropzone-binding.tsx). */
const DROPZONE_CHUNK = /\/assets\/dropzone-binding-[^/]+\.js$/;

/** Holds the react-dropzone chunk back until `release()`; `requested` tells whether the page asked for it yet. */
async function holdDropzoneChunk(page: Page): Promise<{ requested: () => boolean; release: () => Promise<void> }> {
  const held: Route[] = [];
  let released = false;
  await page.route(DROPZONE_CHUNK, async (route) => {
    if (released) await route.continue();
    else held.push(route);
  });
  return {
    requested: () => held.length > 0 || released,
    async release() {
      released = true;
      await Promise.all(held.map((route) => route.continue()));
    },
  };
}

/** Drops files on the tray's drop zone in one go (dragenter, dragover and drop in the same task, as a fast real drag can). */
async function dropFiles(page: Page, files: Array<{ name: string; type: string; base64: string }>): Promise<void> {
  const dropZone = page.getByRole('button', { name: /^(Drop images, paste, or browse|Add more)$/ }).locator('..');
  await dropZone.evaluate((element, entries) => {
    const transfer = new DataTransfer();
    for (const entry of entries) {
      const bytes = Uint8Array.from(atob(entry.base64), (character) => character.charCodeAt(0));
      transfer.items.add(new File([bytes], entry.name, { type: entry.type }));
    }
    for (const type of ['dragenter', 'dragover', 'drop']) {
      element.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }
  }, files);
}

const coffee = { name: 'coffee.png', type: 'image/png', base64: readFileSync(PHOTOS.coffee).toString('base64') };
const notes = { name: 'notes.txt', type: 'text/plain', base64: Buffer.from('not an image').toString('base64') };

test('the first drop lands before react-dropzone has loaded: the image is added and a text file refused', async ({ page }) => {
  const chunk = await holdDropzoneChunk(page);
  const studio = new StudioPage(page);
  await studio.goto();
  await page.waitForLoadState('networkidle');
  // The empty studio does not fetch the drop zone's library.
  expect(chunk.requested()).toBe(false);

  await dropFiles(page, [coffee, notes]);
  await expect(studio.referenceThumbnails).toHaveCount(1);
  await studio.waitForUploads();
  await expect(studio.referenceThumbnails.first()).toHaveAttribute('aria-label', /^Reference image 1: coffee\.png/);
  await expect(page.getByText('notes.txt is not an image; add PNG, JPEG, WebP, GIF, HEIC or AVIF files.')).toBeVisible();
  // The drag asked for the library; once it is there, drops go through react-dropzone.
  expect(chunk.requested()).toBe(true);
  const loaded = page.waitForResponse(DROPZONE_CHUNK);
  await chunk.release();
  await loaded;
  await dropFiles(page, [coffee]);
  await expect(studio.referenceThumbnails).toHaveCount(2);
  await studio.waitForUploads();
});

test('Browse opens the file dialog from the first click, before react-dropzone has loaded', async ({ page }) => {
  const chunk = await holdDropzoneChunk(page);
  const studio = new StudioPage(page);
  await studio.goto();
  const browse = page.getByRole('button', { name: 'Drop images, paste, or browse' });
  const chooser = page.waitForEvent('filechooser');
  await browse.click();
  await (await chooser).setFiles(PHOTOS.coffee);
  await expect(studio.referenceThumbnails).toHaveCount(1);
  await studio.waitForUploads();
  expect(chunk.requested()).toBe(true);

  // Loaded, the same button opens the dialog through react-dropzone.
  const loaded = page.waitForResponse(DROPZONE_CHUNK);
  await chunk.release();
  await loaded;
  const second = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Add more' }).click();
  await (await second).setFiles(PHOTOS.astronaut);
  await expect(studio.referenceThumbnails).toHaveCount(2);
  await studio.waitForUploads();
});

test('when react-dropzone cannot be loaded, drops and Browse still add images', async ({ page }) => {
  await page.route(DROPZONE_CHUNK, (route) => route.abort('connectionfailed'));
  const studio = new StudioPage(page);
  await studio.goto();
  const failed = page.waitForEvent('requestfailed', (request) => DROPZONE_CHUNK.test(request.url()));
  await dropFiles(page, [coffee]);
  await failed;
  await expect(studio.referenceThumbnails).toHaveCount(1);
  await dropFiles(page, [coffee]);
  await expect(studio.referenceThumbnails).toHaveCount(2);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Add more' }).click();
  await (await chooser).setFiles(PHOTOS.astronaut);
  await expect(studio.referenceThumbnails).toHaveCount(3);
  await studio.waitForUploads();
});
