import { expect, test } from './support/test.ts';
import { PHOTOS, StudioPage } from './pages/studio-page.ts';

test('an experiment from the form: models x providers, total before Run, cells filling, split view, settings back to the form, reopened after reload', async ({
  page,
}) => {
  const url = process.env.STUDIO_RUNWARE_URL;
  test.skip(!url, 'STUDIO_RUNWARE_URL is set by the global setup');
  const studio = new StudioPage(page);
  await studio.goto(url);
  await studio.chooseModel('Nano Banana 2');
  await studio.chooseProvider('Local preview');
  await studio.addReferences([PHOTOS.coffee], 1);
  await studio.chooseResolution('1K');
  await studio.chooseAspectRatio('3:2');
  const prompt = 'A poster of the coffee cup of reference image 1 on a marble table';
  await studio.prompt.fill(prompt);

  // The builder starts from the form: prompt, reference, and models x providers.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Experiments' }).click();
  const builder = page.getByRole('complementary', { name: 'Experiment builder' });
  await expect(builder.getByLabel('Prompt', { exact: true })).toHaveValue(prompt);
  await expect(builder.getByRole('img', { name: 'Reference image 1' })).toBeVisible();
  await builder.getByLabel('Rows', { exact: true }).selectOption('model');
  await builder.getByLabel('Columns', { exact: true }).selectOption('provider');
  const rowValues = builder.getByRole('group', { name: 'Rows: values' });
  const columnValues = builder.getByRole('group', { name: 'Columns: values' });
  await expect(rowValues.getByRole('button', { name: 'Nano Banana 2', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(rowValues.getByRole('button', { name: 'Nano Banana Pro' })).toHaveAttribute('aria-pressed', 'true');
  await expect(columnValues.getByRole('button', { name: 'Local preview' })).toHaveAttribute('aria-pressed', 'true');
  await expect(columnValues.getByRole('button', { name: 'Runware' })).toHaveAttribute('aria-pressed', 'true');
  // Gemini is not set up on this server: its column is shown, disabled with the reason, never dropped.
  await columnValues.getByRole('button', { name: 'Gemini API' }).click();
  await expect(page.locator('[data-testid="planned-cell"][data-disabled="true"]')).toHaveCount(2);
  await expect(page.getByRole('group', { name: 'Planned grid' })).toContainText('not set up on this studio');
  await columnValues.getByRole('button', { name: 'Gemini API' }).click();
  await expect(page.getByTestId('planned-cell')).toHaveCount(4);

  // The total is there before Run: two free local cells and two priced Runware cells.
  const estimate = builder.getByTestId('experiment-estimate');
  await expect(estimate).toContainText('Estimate for 4 cells');
  await expect(estimate).not.toContainText('$0.00');
  // Each cell's estimate in detail on hover.
  const runwareCell = page.getByTestId('planned-cell').nth(1);
  await expect(runwareCell.getByText(/^1K image: \$/)).toBeHidden();
  await runwareCell.hover();
  await expect(runwareCell.getByText(/^1K image: \$/)).toBeVisible();
  await builder.getByLabel('Name', { exact: true }).fill('Coffee poster: models × providers');
  await studio.screenshot('experiments-01-builder');

  // Above the threshold, Run asks first.
  await builder.getByLabel('Confirm runs costing more than').fill('0.01');
  await builder.getByRole('button', { name: 'Run 4 cells' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Run this experiment?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Run it' }).click();

  // The grid fills.
  await expect(page).toHaveURL(/\/experiments\/[0-9a-f-]{36}$/);
  const experimentUrl = page.url();
  const cells = page.getByTestId('experiment-cell');
  await expect(cells).toHaveCount(4);
  await studio.screenshot('experiments-02-running');
  await expect(page.locator('[data-testid="experiment-cell"][data-status="succeeded"]')).toHaveCount(4, { timeout: 60_000 });
  await expect(page.getByTestId('experiment-status')).toHaveText('Finished: 4 cells');
  await expect(page.getByRole('article', { name: 'Cell 2: Runware · Nano Banana Pro' })).toContainText('Billed$0.1391');
  await page.getByRole('button', { name: 'Favourite: cell 2' }).click();
  await expect(page.getByRole('button', { name: 'Favourite: cell 2' })).toHaveAttribute('aria-pressed', 'true');
  await studio.screenshot('experiments-03-finished');

  // Split view of two cells, moved from the keyboard.
  await page.getByLabel('Compare cell 1').check();
  await page.getByLabel('Compare cell 2').check();
  await page.getByRole('button', { name: 'Compare cells 1 and 2' }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare two cells' });
  await expect(dialog.getByTestId('split-view').getByRole('img')).toHaveCount(2);
  const slider = dialog.getByRole('slider', { name: 'Split position' });
  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveValue('48');
  await expect(dialog.getByRole('img', { name: /^Cell 2:/ })).toHaveAttribute('style', /inset\(0(px)? 0(px)? 0(px)? 48%\)/);
  await studio.screenshot('experiments-04-split-view');
  await dialog.getByRole('radio', { name: 'Side by side' }).click();
  await expect(dialog.getByRole('figure')).toHaveCount(2);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // One cell opened large, zoomable.
  await page.getByRole('button', { name: 'Open cell 3 large' }).click();
  const large = page.getByRole('dialog', { name: 'Cell 3: Local preview · Nano Banana 2' });
  await expect(large.getByRole('img', { name: 'Cell 3: Local preview · Nano Banana 2' })).toBeVisible();
  await large.getByRole('slider', { name: 'Zoom', exact: true }).fill('2');
  await expect(large.getByRole('img')).toHaveAttribute('style', /width: 200%/);
  await page.keyboard.press('Escape');
  await expect(large).toBeHidden();

  // A cell's settings go back to the studio form.
  await page.getByRole('button', { name: 'Use these settings: cell 2' }).click();
  await expect(page).toHaveURL(new RegExp(`^${url}/?$`));
  await expect(studio.prompt).toHaveValue(prompt);
  await expect(studio.prompt).toBeFocused();
  await studio.openOfferingPicker();
  await expect(studio.modelGroup.getByRole('radio', { name: 'Nano Banana Pro', exact: true })).toBeChecked();
  await expect(studio.providerGroup.getByRole('radio', { name: 'Runware', exact: true })).toBeChecked();
  await studio.closeOfferingPicker();
  await expect(studio.referenceThumbnails).toHaveCount(1);

  // After a reload the experiment is still there, listed and reopened.
  await page.goto(`${url}/experiments`);
  await page.reload();
  const saved = page.getByRole('list', { name: 'Saved experiments' });
  await expect(saved.getByRole('link', { name: /Coffee poster: models × providers/ })).toBeVisible();
  await expect(saved.locator('img').first()).toHaveJSProperty('complete', true);
  await studio.screenshot('experiments-05-saved');
  await saved.getByRole('link', { name: /Coffee poster: models × providers/ }).click();
  await expect(page).toHaveURL(experimentUrl);
  await expect(page.locator('[data-testid="experiment-cell"][data-status="succeeded"]')).toHaveCount(4);
  await expect(page.getByRole('button', { name: 'Favourite: cell 2' })).toHaveAttribute('aria-pressed', 'true');
});

test('"Compare across models" from the lightbox and a tile starts an experiment with that prompt; rename, duplicate with changes, delete', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.chooseModel('Nano Banana 2');
  await studio.chooseProvider('Local preview');
  await studio.chooseResolution('1K');
  const prompt = 'A lemon on a blue plate, compared across models';
  await studio.prompt.fill(prompt);
  await studio.generateButton.click();
  await expect(studio.galleryImages(prompt)).toHaveCount(1, { timeout: 60_000 });
  await studio.galleryImages(prompt).click();
  await studio.lightbox.getByRole('button', { name: 'Compare across models' }).click();

  await expect(page).toHaveURL(/\/experiments\/?$/);
  const builder = page.getByRole('complementary', { name: 'Experiment builder' });
  await expect(builder.getByLabel('Prompt', { exact: true })).toHaveValue(prompt);
  await expect(builder.getByLabel('Rows', { exact: true })).toHaveValue('model');
  await expect(builder.getByLabel('Columns', { exact: true })).toHaveValue('provider');
  await expect(builder).toContainText('Started from a gallery result');
  // Only the local provider is set up here: the Runware column is shown disabled, with the reason, and left out of Run.
  await expect(page.locator('[data-testid="planned-cell"][data-disabled="true"]')).toHaveCount(2);
  await builder.getByRole('button', { name: 'Run 2 cells' }).click();
  await expect(page.locator('[data-testid="experiment-cell"][data-status="succeeded"]')).toHaveCount(2, { timeout: 60_000 });

  await page.getByRole('button', { name: 'Rename the experiment' }).click();
  await page.getByLabel('Experiment name').fill('Lemon across models');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'Lemon across models' })).toBeVisible();

  await page.getByRole('button', { name: 'Duplicate with changes' }).click();
  await expect(page).toHaveURL(/\/experiments\/?$/);
  await expect(builder.getByLabel('Name', { exact: true })).toHaveValue('Lemon across models (copy)');
  await expect(builder.getByLabel('Name', { exact: true })).toBeFocused();
  await expect(builder.getByRole('radio', { name: 'List of variants' })).toHaveAttribute('aria-checked', 'true');
  await expect(builder.getByRole('group', { name: /^Variant \d$/ })).toHaveCount(2);

  await page
    .getByRole('list', { name: 'Saved experiments' })
    .getByRole('link', { name: /Lemon across models/ })
    .click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('button', { name: 'Delete it and its 2 images' }).click();
  await expect(page).toHaveURL(/\/experiments\/?$/);
  await expect(page.getByRole('heading', { name: 'Planned grid' })).toBeFocused();

  // The same from a gallery tile's context menu.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Studio' }).click();
  await studio.galleryImages(prompt).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Compare across models' }).click();
  await expect(page).toHaveURL(/\/experiments\/?$/);
  await expect(builder.getByLabel('Prompt', { exact: true })).toHaveValue(prompt);
  await expect(builder.getByLabel('Name', { exact: true })).toBeFocused();
  await expect(page.getByRole('list', { name: 'Saved experiments' }).getByRole('link', { name: /Lemon across models/ })).toHaveCount(0);
});
