import { expect, test } from './support/test.ts';
import { StudioPage } from './pages/studio-page.ts';

test('the form waits for the served catalog; when it cannot load, the studio says so and Try again recovers', async ({ page }) => {
  let failing = true;
  await page.route('**/api/catalog', async (route) => {
    if (failing)
      await route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'down' } }) });
    else await route.continue();
  });
  await page.goto(process.env.STUDIO_URL!);
  const alert = page.getByRole('alert').filter({ hasText: 'could not load its models and prices' });
  await expect(alert).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('button', { name: /^Generate/ })).toHaveCount(0);

  failing = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  const studio = new StudioPage(page);
  await expect(studio.generateButton).toBeVisible();
  // The model button names the offering and its price from the served tables.
  await expect(studio.offeringPickerButton).toContainText('Nano Banana');
  await expect(studio.offeringPickerButton).toContainText('$');
  await expect(page.getByRole('alert').filter({ hasText: 'could not load' })).toHaveCount(0);
});
