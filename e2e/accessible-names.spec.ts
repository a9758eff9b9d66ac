import { expect, test } from './support/test.ts';
import { StudioPage } from './pages/studio-page.ts';

/**
 * Tests, scripts and screen readers find the controls by these names
 * (issue 5). Playwright's plain `getByLabel(name)` matches substrings, so no
 * other control may carry these words in its name ("Filter by model",
 * "Search prompts" or "Lock seed" would make `getByLabel('Seed')` ambiguous).
 */
const NAMES = [
  'Model',
  'Provider',
  'Prompt',
  'Resolution',
  'Aspect ratio',
  'Reference images',
  'Thinking',
  'Web search',
  'Image search',
  'Number of images',
  'Seed',
  'Estimated cost',
];

test('every control named in the issue is found by its name alone, exactly once', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.chooseModel('Nano Banana 2');
  await studio.chooseProvider('Local preview');
  await page.getByRole('button', { name: 'Advanced settings' }).click();
  // Model and provider lists open on demand from the compact picker.
  await studio.openOfferingPicker();
  for (const name of NAMES) {
    await expect(page.getByLabel(name), `getByLabel('${name}')`).toHaveCount(1);
  }
  await expect(page.getByRole('button', { name: 'Generate' })).toHaveCount(1);
  await expect(page.getByRole('radiogroup', { name: 'Model' }).getByRole('radio', { name: 'Nano Banana 2', exact: true })).toBeChecked();
  await expect(page.getByRole('radiogroup', { name: 'Resolution' }).getByRole('radio', { name: '2K', exact: true })).toHaveCount(1);
  await expect(page.getByRole('radiogroup', { name: 'Aspect ratio' }).getByRole('radio', { name: '16:9', exact: true })).toHaveCount(1);
  await expect(page.getByLabel('Estimated cost')).toContainText('$0.00');
});
