import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/** Where each run saves its screenshots (gitignored). */
const SCREENSHOT_DIRECTORY = join('test-results', 'screenshots');

/** The test photos copied into the repo (the shared folder does not exist on a user's machine). */
export const PHOTOS = {
  astronaut: join('e2e', 'fixtures', 'photos', 'astronaut.png'),
  chelsea: join('e2e', 'fixtures', 'photos', 'chelsea.png'),
  coffee: join('e2e', 'fixtures', 'photos', 'coffee.png'),
};

/** The studio as a user sees it, found by the accessible names the issue fixes. */
export class StudioPage {
  constructor(readonly page: Page) {}

  /** Opens the studio at `url` (STUDIO_URL by default). */
  async goto(url = process.env.STUDIO_URL): Promise<void> {
    if (!url) throw new Error('STUDIO_URL is not set; run through playwright.config.ts (global setup starts the servers).');
    await this.page.goto(url);
    await expect(this.generateButton).toBeVisible();
  }

  /** The compact model picker's button ("Nano Banana 2 · Local preview $0.00"). */
  get offeringPickerButton(): Locator {
    return this.page.locator('#studio-offering-picker');
  }
  /** Opens the model and provider lists (they open on demand). */
  async openOfferingPicker(): Promise<void> {
    if (!(await this.modelGroup.isVisible())) await this.offeringPickerButton.click();
    await expect(this.modelGroup).toBeVisible();
  }
  /** Closes the model and provider lists (Escape; focus returns to the picker's button). */
  async closeOfferingPicker(): Promise<void> {
    if (await this.modelGroup.isVisible()) await this.page.keyboard.press('Escape');
    await expect(this.modelGroup).toBeHidden();
  }
  get modelGroup(): Locator {
    return this.page.getByRole('radiogroup', { name: 'Model', exact: true });
  }
  get providerGroup(): Locator {
    return this.page.getByRole('radiogroup', { name: 'Provider', exact: true });
  }
  get prompt(): Locator {
    return this.page.getByLabel('Prompt', { exact: true });
  }
  get referenceInput(): Locator {
    return this.page.getByLabel('Reference images', { exact: true });
  }
  get resolutionGroup(): Locator {
    return this.page.getByRole('radiogroup', { name: 'Resolution', exact: true });
  }
  get aspectRatioGroup(): Locator {
    return this.page.getByRole('radiogroup', { name: 'Aspect ratio', exact: true });
  }
  get thinkingGroup(): Locator {
    return this.page.getByRole('radiogroup', { name: 'Thinking', exact: true });
  }
  get webSearch(): Locator {
    return this.page.getByRole('switch', { name: 'Web search', exact: true });
  }
  get imageSearch(): Locator {
    return this.page.getByRole('switch', { name: 'Image search', exact: true });
  }
  get numberOfImages(): Locator {
    return this.page.getByLabel('Number of images', { exact: true });
  }
  get seed(): Locator {
    return this.page.getByLabel('Seed', { exact: true });
  }
  get generateButton(): Locator {
    return this.page.getByRole('button', { name: 'Generate', exact: true });
  }
  get estimate(): Locator {
    return this.page.getByRole('region', { name: 'Estimated cost' });
  }
  get referenceThumbnails(): Locator {
    return this.page.getByRole('list', { name: 'Reference images in order' }).getByRole('listitem');
  }
  get notice(): Locator {
    return this.page.getByRole('status').filter({ hasText: 'not offered' });
  }
  get lightbox(): Locator {
    return this.page.getByRole('dialog');
  }

  async chooseModel(name: string): Promise<void> {
    await this.openOfferingPicker();
    await this.modelGroup.getByRole('radio', { name, exact: true }).check();
    await this.closeOfferingPicker();
  }
  async chooseProvider(name: string): Promise<void> {
    await this.openOfferingPicker();
    await this.providerGroup.getByRole('radio', { name, exact: true }).check();
    await this.closeOfferingPicker();
  }
  async chooseResolution(value: string): Promise<void> {
    await this.resolutionGroup.getByRole('radio', { name: value, exact: true }).check();
  }
  async chooseAspectRatio(value: string): Promise<void> {
    await this.aspectRatioGroup.getByRole('radio', { name: value, exact: true }).check();
  }
  async chooseThinking(value: string): Promise<void> {
    await this.thinkingGroup.getByRole('radio', { name: value, exact: true }).check();
  }

  /** Adds files through the tray's file input and waits until every thumbnail is uploaded. */
  async addReferences(paths: string[], expectedTotal: number): Promise<void> {
    await this.referenceInput.setInputFiles(paths);
    await expect(this.referenceThumbnails).toHaveCount(expectedTotal);
    await this.waitForUploads();
  }

  async waitForUploads(): Promise<void> {
    await expect(this.page.getByRole('progressbar')).toHaveCount(0, { timeout: 30_000 });
    await expect(this.referenceThumbnails.filter({ hasText: 'Failed' })).toHaveCount(0);
  }

  /** Gallery thumbnails whose alt text is `prompt`. */
  galleryImages(prompt: string): Locator {
    return this.page.locator('[data-gallery-tile="image"]').getByRole('img', { name: prompt, exact: true });
  }
  get pendingCards(): Locator {
    return this.page.locator('[data-gallery-tile="pending"]');
  }
  get failedCards(): Locator {
    return this.page.locator('[data-gallery-tile="failed"]');
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(SCREENSHOT_DIRECTORY, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOT_DIRECTORY, `${name}.png`) });
  }
}
