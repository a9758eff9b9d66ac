import { expect, test } from './support/test.ts';
import { PHOTOS, StudioPage } from './pages/studio-page.ts';

/**
 * Against a real studio server whose Runware key and endpoint point at the
 * fake Runware server (src/server/testing/fakes/runware-fake.ts), started by the global setup.
 */
test('fake Runware: the seed settings show the seed prices, and the lightbox shows the billed cost', async ({ page }) => {
  const url = process.env.STUDIO_RUNWARE_URL;
  test.skip(!url, 'STUDIO_RUNWARE_URL is set by the global setup');
  const studio = new StudioPage(page);
  await studio.goto(url);
  await studio.openOfferingPicker();
  await expect(studio.providerGroup.getByRole('radio', { name: 'Runware', exact: true })).toBeEnabled();

  // Seed 000 "Tri-Reference Fashion Collage": Nano Banana 2, 1264x848 (1K 3:2), thinking HIGH,
  // temperature 0.72, topP 0.95, safetyTolerance off, three references; billed $0.06979.
  await studio.chooseModel('Nano Banana 2');
  await studio.chooseProvider('Runware');
  await studio.addReferences([PHOTOS.astronaut, PHOTOS.chelsea, PHOTOS.coffee], 3);
  await studio.chooseResolution('1K');
  await studio.chooseAspectRatio('3:2');
  await expect(studio.aspectRatioGroup.getByRole('radio', { name: '3:2', exact: true })).toHaveAccessibleDescription('1264 × 848');
  await studio.chooseThinking('High');
  await page.getByRole('button', { name: 'Advanced settings' }).click();
  await page.getByLabel('Temperature').fill('0.72');
  await page.getByLabel('Top-p').fill('0.95');
  await page.getByLabel('Safety tolerance').selectOption('off');
  const prompt =
    'Create a luxury fashion editorial composition that merges the subject from reference image 1, the ' +
    'jewelry styling motifs from reference image 2, and the architectural environment from reference image 3.';
  await studio.prompt.fill(prompt);
  await expect(studio.estimate).toContainText('$0.06979');
  // Each provider shows its price for the current settings.
  await studio.openOfferingPicker();
  await expect(studio.providerGroup.getByRole('radio', { name: 'Runware', exact: true }).locator('..')).toContainText('$0.06979');
  await studio.closeOfferingPicker();
  await studio.screenshot('10-runware-tri-reference');

  await studio.generateButton.click();
  await expect(studio.galleryImages(prompt)).toHaveCount(1, { timeout: 60_000 });
  await studio.galleryImages(prompt).click();
  await expect(studio.lightbox).toContainText('Estimate$0.06979');
  await expect(studio.lightbox).toContainText('Billed cost$0.06979');
  await expect(studio.lightbox).toContainText('1264 × 848 px');
  await studio.screenshot('11-runware-lightbox');

  // Use the result as a fourth reference, then Nano Banana Pro at 2K with four references:
  // seed 001 "Surreal Four-Source Fashion Collage" was billed $0.1424.
  await studio.lightbox.getByRole('button', { name: 'Use as reference' }).click();
  await page.keyboard.press('Escape');
  await expect(studio.referenceThumbnails).toHaveCount(4);
  await studio.waitForUploads();
  await studio.chooseModel('Nano Banana Pro');
  await studio.openOfferingPicker();
  await expect(studio.providerGroup.getByRole('radio', { name: 'Runware', exact: true })).toBeChecked();
  await studio.closeOfferingPicker();
  await expect(studio.thinkingGroup).toHaveCount(0);
  await expect(
    page.getByRole('status').filter({ hasText: 'Runware · Nano Banana Pro does not take one of your settings: thinking High → off.' }),
  ).toBeVisible();
  await studio.chooseResolution('2K');
  await expect(studio.estimate).toContainText('$0.1424');
  await studio.screenshot('12-runware-pro-four-references');

  const proPrompt = 'A surreal fashion collage from reference image 1, reference image 2, reference image 3 and reference image 4';
  await studio.prompt.fill(proPrompt);
  await studio.generateButton.click();
  await expect(studio.galleryImages(proPrompt)).toHaveCount(1, { timeout: 60_000 });
  await studio.galleryImages(proPrompt).click();
  await expect(studio.lightbox).toContainText('Billed cost$0.1424');
  await page.keyboard.press('Escape');
  // The spend meter adds up what was billed in this session ($0.06979 + $0.1424), to the cent, and a reload keeps the session.
  const spend = page.getByRole('group', { name: 'Spend' });
  await expect(spend).toContainText('Session$0.21');
  await page.reload();
  await expect(spend).toContainText('Session$0.21');
});

test('the Runware key never reaches the browser: not in the bundle, the page or any answer it receives', async ({ page }) => {
  const url = process.env.STUDIO_RUNWARE_URL;
  const key = process.env.STUDIO_RUNWARE_KEY;
  test.skip(!url || !key, 'set by the global setup');
  const bodies: string[] = [];
  page.on('response', async (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (/json|javascript|css|html|text/.test(type)) bodies.push(await response.text().catch(() => ''));
  });
  const studio = new StudioPage(page);
  await studio.goto(url);
  await studio.chooseProvider('Runware');
  await page.waitForLoadState('networkidle');
  const assets = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>('script[src], link[href]')].map((element) =>
      'src' in element ? element.src : element.href,
    ),
  );
  for (const asset of assets) bodies.push(await (await page.request.get(asset)).text());
  bodies.push(await page.content());
  expect(bodies.length).toBeGreaterThan(3);
  expect(bodies.some((body) => body.includes('"configured":true'))).toBe(true);
  for (const body of bodies) expect(body.includes(key!)).toBe(false);
});
