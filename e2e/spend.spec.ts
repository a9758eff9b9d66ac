import { startRunwareFake } from '../src/server/testing/fakes/runware-fake.ts';
import type { FakeProviderServer } from '../src/server/testing/fakes/fake-server.ts';
import { StudioPage } from './pages/studio-page.ts';
import { startStudioServer, type RunningStudio } from './support/studio-server.ts';
import { expect, test } from './support/test.ts';

/*
 * Budgets in the browser, against a studio server of its own (the budget it
 * sets must not touch the other specs' servers) pointed at the fake Runware:
 * set a budget in the Spend view, see Generate refuse with the reason, raise
 * it, generate, and see the chart and the ledger update.
 */

let runware: FakeProviderServer | undefined;
let studioServer: RunningStudio | undefined;

test.beforeAll(async () => {
  runware = await startRunwareFake();
  studioServer = await startStudioServer({ RUNWARE_API_KEY: runware.apiKey, RUNWARE_BASE_URL: runware.url });
});

test.afterAll(async () => {
  await studioServer?.stop();
  await runware?.close();
});

test('a budget set in the Spend view stops Generate with the reason; raised, the run goes through and the chart and ledger show it', async ({ page }) => {
  const studio = new StudioPage(page);
  const views = page.getByRole('navigation', { name: 'Views' });

  // The Spend view is its own chunk: nothing of it is loaded until it opens.
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await studio.goto(studioServer!.url);
  expect(scripts.some((url) => /spend-route/.test(url))).toBe(false);

  await views.getByRole('link', { name: 'Spend' }).click();
  await expect(page.getByRole('heading', { name: 'Spend', level: 2 })).toBeVisible();
  expect(scripts.some((url) => /spend-route/.test(url))).toBe(true);
  const budgetForm = page.getByRole('form', { name: 'Budget' });
  await budgetForm.getByLabel('Daily budget').fill('0.05');
  await budgetForm.getByRole('button', { name: 'Save budget' }).click();
  await expect(page.getByText('Budget saved.')).toBeVisible();
  await expect(budgetForm).toContainText('$0.05 left today');
  await expect(page.getByRole('group', { name: 'Spend' })).toContainText('Left today$0.05');

  // Runware Nano Banana 2 at 1K costs $0.06895: more than the $0.05 left.
  await views.getByRole('link', { name: 'Studio' }).click();
  await studio.chooseModel('Nano Banana 2');
  await studio.chooseProvider('Runware');
  await studio.chooseResolution('1K');
  const prompt = 'A lemon-yellow vintage scooter parked on a quiet cobbled street at dawn';
  await studio.prompt.fill(prompt);
  await expect(studio.estimate).toContainText('$0.06895');
  const reason = "Over today's budget: this run may cost up to $0.06895 and $0.05 of $0.05 remains.";
  await expect(studio.generateButton).toHaveAttribute('aria-disabled', 'true');
  await expect(studio.generateButton).toHaveAccessibleDescription(reason);
  await expect(page.getByRole('status').filter({ hasText: reason })).toBeVisible();
  await studio.generateButton.click({ force: true });
  await expect(studio.pendingCards).toHaveCount(0);
  expect(runware!.calls.filter((call) => call.kind === 'submit')).toHaveLength(0);

  // Raise it from the link beside the reason: $0.10 fits the run, which then uses more than half of it (amber estimate).
  await page.getByRole('link', { name: 'Change the budget' }).click();
  await expect(page.getByRole('heading', { name: 'Spend', level: 2 })).toBeFocused();
  await budgetForm.getByLabel('Daily budget').fill('0.10');
  await budgetForm.getByRole('button', { name: 'Save budget' }).click();
  await expect(budgetForm).toContainText('$0.10 left today');
  await views.getByRole('link', { name: 'Studio' }).click();
  await expect(studio.generateButton).not.toHaveAttribute('aria-disabled', 'true');
  await expect(studio.estimate).toContainText('Over half the $0.10 left today');
  await expect(studio.estimate.locator('[data-caution="budget"]')).toHaveCSS('color', 'oklch(0.879 0.169 91.605)'); // Tailwind amber-300;
  await studio.generateButton.click();
  await expect(studio.galleryImages(prompt)).toHaveCount(1, { timeout: 60_000 });
  await expect(page.getByRole('group', { name: 'Spend' })).toContainText('Today$0.07');
  await expect(page.getByRole('group', { name: 'Spend' })).toContainText('Left today$0.03');

  // The Spend view: today, the chart (Runware today), the table and the ledger row with estimate and billed side by side.
  await views.getByRole('link', { name: 'Spend' }).click();
  await expect(page.getByRole('region', { name: 'Today' })).toContainText('$0.07');
  await expect(page.getByRole('region', { name: 'Today' })).toContainText('$0.03 left of $0.10');
  const chart = page.getByRole('region', { name: 'Last 30 days' });
  // Sums of several generations are shown to the cent (src/catalog/money.ts); one generation's figures stay exact.
  await expect(chart.getByRole('img')).toHaveAccessibleName(/\$0\.07 in all, most on/);
  await expect(chart).toContainText('Runware$0.07');
  const byOffering = page.getByRole('region', { name: 'By model and resolution' });
  await expect(byOffering.getByRole('row', { name: /Nano Banana 2 Runware 1K 1 \$0\.07 \$0\.07/ })).toBeVisible();
  const ledger = page.getByRole('region', { name: 'Ledger' });
  await expect(ledger.getByRole('row')).toHaveCount(2);
  await expect(ledger.getByRole('row').nth(1)).toContainText(/Nano Banana 2Runware1KDone\$0\.06895\$0\.06895/);
  await expect(page.getByRole('region', { name: 'Outside the estimate' })).toContainText('Every billed cost so far lies within its estimate.');
  await page.screenshot({ path: 'test-results/screenshots/spend-view.png' });

  // Download CSV: the ledger with a header row.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^banana-studio-ledger-\d{4}-\d{2}-\d{2}\.csv$/);
});
