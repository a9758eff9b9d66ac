import { expect, test } from './support/test.ts';
import { startRunwareFake } from '../src/server/testing/fakes/runware-fake.ts';
import type { FakeProviderServer } from '../src/server/testing/fakes/fake-server.ts';
import { startStudioServer, type RunningStudio } from './support/studio-server.ts';
import { StudioPage } from './pages/studio-page.ts';

/** This file's own fake Runware and studio server, so it can make the fake misbehave. */
let runware: FakeProviderServer | undefined;
let server: RunningStudio | undefined;

test.beforeAll(async () => {
  runware = await startRunwareFake();
  server = await startStudioServer({ RUNWARE_API_KEY: runware.apiKey, RUNWARE_BASE_URL: runware.url });
});

test.afterAll(async () => {
  await server?.stop();
  await runware?.close();
});

async function prepareRunware(studio: StudioPage, prompt: string): Promise<void> {
  await studio.goto(server!.url);
  await studio.chooseModel('Nano Banana 2');
  await studio.chooseProvider('Runware');
  await studio.chooseResolution('1K');
  await studio.prompt.fill(prompt);
}

test('a provider failure shows the server’s message with Retry, and Retry succeeds; a result can be dragged into the tray', async ({ page, request }) => {
  const studio = new StudioPage(page);
  const prompt = 'A chrome banana on a marble plinth, studio light';
  await prepareRunware(studio, prompt);
  runware!.misbehave('refuse-prompt', { times: 1 });
  await studio.generateButton.click();
  await expect(studio.failedCards).toHaveCount(1, { timeout: 60_000 });

  // The card shows the message the server recorded.
  const listed = (await (await request.get(`${server!.url}/api/generations?limit=1`)).json()) as {
    items: Array<{ status: string; error: { message: string } }>;
  };
  expect(listed.items[0]!.status).toBe('failed');
  await expect(studio.failedCards.first()).toContainText(listed.items[0]!.error.message);
  await studio.screenshot('40-failure-card');
  // A safety refusal says so, shows the whole message, and offers Edit prompt and Reuse settings besides Retry.
  const card = studio.failedCards.first();
  await expect(card).toContainText('Refused');
  await card.getByRole('button', { name: 'Show all' }).click();
  await expect(card.getByRole('button', { name: 'Show less' })).toHaveAttribute('aria-expanded', 'true');
  await studio.prompt.fill('something else entirely');
  await card.getByRole('button', { name: 'Edit prompt' }).click();
  await expect(studio.prompt).toBeFocused();
  await expect(studio.prompt).toHaveValue(prompt);
  await expect(card.getByRole('button', { name: 'Reuse settings' })).toBeVisible();

  await studio.failedCards.first().getByRole('button', { name: 'Retry' }).click();
  await expect(studio.galleryImages(prompt)).toHaveCount(1, { timeout: 60_000 });
  // The retry replaces the failure card.
  await expect(studio.failedCards).toHaveCount(0);

  // Drag the result into the reference tray, once the tile's menus (loaded with the first image tile) are in place.
  await expect(page.getByRole('button', { name: 'Image actions' }).first()).toBeAttached();
  await studio.galleryImages(prompt).dragTo(page.getByRole('button', { name: 'Drop images, paste, or browse' }));
  await expect(studio.referenceThumbnails).toHaveCount(1);
  await studio.waitForUploads();
});

test('a running generation shows its elapsed time and can be cancelled', async ({ page }) => {
  const studio = new StudioPage(page);
  const prompt = 'A slow watercolour of a lighthouse at dusk';
  await prepareRunware(studio, prompt);
  runware!.misbehave('slow', { delayMs: 30_000, times: 1 });
  await studio.generateButton.click();
  const pending = studio.pendingCards.first();
  await expect(pending).toBeVisible();
  await expect(pending.getByLabel('Elapsed time')).toHaveText(/0:0[2-9]/, { timeout: 15_000 });
  await studio.screenshot('41-pending-elapsed');
  await pending.getByRole('button', { name: 'Cancel' }).click();
  await expect(studio.failedCards.first()).toContainText('Cancelled', { timeout: 20_000 });
  await expect(studio.pendingCards).toHaveCount(0);
  runware!.misbehave('none');
});
