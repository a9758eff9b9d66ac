import { expect, test } from './support/test.ts';
import { PHOTOS, StudioPage } from './pages/studio-page.ts';

/**
 * Against a real studio server whose Gemini, Runflow and AI/ML API keys point
 * at the fakes (started by the global setup): Nano Banana 2 Lite on the Gemini
 * API, the retired Gemini Nano Banana, Runflow edits with uploaded
 * references, and the key check in the provider status popover.
 */
test('fake Gemini and Runflow: Lite, a retired offering, Runflow references, and Check key', async ({ page }) => {
  const url = process.env.STUDIO_PROVIDERS_URL;
  test.skip(!url, 'STUDIO_PROVIDERS_URL is set by the global setup');
  const studio = new StudioPage(page);
  await studio.goto(url);

  // Nano Banana 2 on the Gemini API at 0.5K with image search; Google reports tokens, so the lightbox shows the cost from usage.
  await studio.chooseModel('Nano Banana 2');
  await studio.chooseProvider('Gemini API');
  await studio.chooseResolution('0.5K');
  await studio.imageSearch.click();
  await expect(studio.imageSearch).toBeChecked();
  await expect(studio.estimate).toContainText('$0.045');
  const searchPrompt = 'The Lisbon skyline today as a small poster';
  await studio.prompt.fill(searchPrompt);
  await studio.generateButton.click();
  await expect(studio.galleryImages(searchPrompt)).toHaveCount(1, { timeout: 60_000 });
  await studio.galleryImages(searchPrompt).click();
  await expect(studio.lightbox).toContainText('512 × 512 px');
  await expect(studio.lightbox).toContainText('Billed costnot reported by the provider');
  await expect(studio.lightbox).toContainText('Cost from usage$0.04482');
  await page.keyboard.press('Escape');
  await studio.imageSearch.click();

  // Nano Banana 2 Lite on the Gemini API: 1K only, no search switches.
  await studio.chooseModel('Nano Banana 2 Lite');
  await studio.chooseProvider('Gemini API');
  await expect(studio.resolutionGroup.getByRole('radio')).toHaveCount(1);
  await expect(studio.webSearch).toHaveCount(0);
  const litePrompt = 'A quick sketch of a fox in the snow';
  await studio.prompt.fill(litePrompt);
  await studio.generateButton.click();
  await expect(studio.galleryImages(litePrompt)).toHaveCount(1, { timeout: 60_000 });

  // Nano Banana on the Gemini API is retired: shown with its date and replacement, not selectable.
  await studio.chooseModel('Nano Banana');
  await studio.openOfferingPicker();
  const retired = studio.providerGroup.getByRole('radio', { name: 'Gemini API', exact: true });
  await expect(retired).toBeDisabled();
  await expect(retired).toHaveAccessibleDescription(/retired on 2026-10-02; use Nano Banana 2/);
  await studio.closeOfferingPicker();
  await expect(page.getByRole('status').filter({ hasText: 'Nano Banana on Gemini API was retired on 2026-10-02; switched to' })).toBeVisible();

  // Runflow with two references: uploaded first, then edited.
  await studio.chooseModel('Nano Banana 2');
  await studio.chooseProvider('Runflow');
  await studio.addReferences([PHOTOS.astronaut, PHOTOS.coffee], 2);
  const editPrompt = 'Put the astronaut from reference image 1 into the cup of reference image 2';
  await studio.prompt.fill(editPrompt);
  await studio.generateButton.click();
  await expect(studio.galleryImages(editPrompt)).toHaveCount(1, { timeout: 60_000 });

  // Check key: the Gemini API lists the key's models; AI/ML API says it has no free check.
  await page.getByRole('button', { name: /^Providers \d\/\d$/ }).click();
  const checkGemini = page.getByRole('button', { name: 'Check key: Gemini API', exact: true });
  await checkGemini.focus();
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('status').filter({ hasText: 'Key works; these image models are available to it: Nano Banana Pro, Nano Banana 2, Nano Banana 2 Lite' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Check key: AI/ML API', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'AI/ML API has no free way to check a key' })).toBeVisible();
  await studio.screenshot('20-provider-key-check');
});
