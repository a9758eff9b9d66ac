import { StudioPage } from './pages/studio-page.ts';
import { expect, test } from './support/test.ts';

/** GET /api/generations/:id requests, the fallback polling. */
function countPolls(page: import('@playwright/test').Page): { count: number } {
  const polls = { count: 0 };
  page.on('request', (request) => {
    if (request.method() === 'GET' && /\/api\/generations\/[^/?]+$/.test(new URL(request.url()).pathname)) polls.count += 1;
  });
  return polls;
}

test('while the live events stream is down the studio polls; when it comes back it reconnects and stops polling', async ({ page }) => {
  const polls = countPolls(page);
  // The stream is refused at first, as if a proxy dropped it.
  let refuseStream = true;
  await page.route('**/api/events', (route) => (refuseStream ? route.abort('connectionreset') : route.continue()));
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.chooseProvider('Local preview');

  const whileDown = `Fallback polling ${Date.now()}`;
  await studio.prompt.fill(whileDown);
  await studio.generateButton.click();
  await expect(studio.galleryImages(whileDown)).toHaveCount(1, { timeout: 60_000 });
  expect(polls.count).toBeGreaterThan(0);

  // The stream comes back: the studio reconnects by itself (backoff) and results arrive without polling.
  refuseStream = false;
  const reconnected = page.waitForResponse((response) => response.url().endsWith('/api/events') && response.status() === 200, { timeout: 45_000 });
  await reconnected;
  const pollsBefore = polls.count;
  const whileUp = `Live again ${Date.now()}`;
  await studio.prompt.fill(whileUp);
  await studio.generateButton.click();
  await expect(studio.galleryImages(whileUp)).toHaveCount(1, { timeout: 60_000 });
  expect(polls.count).toBe(pollsBefore);
});

test('a generation made elsewhere (another tab, a script) appears live, and a deletion elsewhere removes it', async ({ page, request }) => {
  const studio = new StudioPage(page);
  const opened = page.waitForResponse((response) => response.url().endsWith('/api/events'));
  await studio.goto();
  await opened;
  const prompt = `Made by a script ${Date.now()}`;
  const created = await request.post(`${process.env.STUDIO_URL}/api/generations`, {
    data: { provider: 'local', model: 'nano-banana-2', prompt, resolution: '0.5K' },
  });
  expect(created.status()).toBe(202);
  const { id } = (await created.json()) as { id: string };
  await expect(studio.galleryImages(prompt)).toHaveCount(1, { timeout: 60_000 });
  expect((await request.delete(`${process.env.STUDIO_URL}/api/generations/${id}`)).status()).toBe(204);
  await expect(studio.galleryImages(prompt)).toHaveCount(0);
});
