import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect as baseExpect, test as baseTest, type Page } from '@playwright/test';
import { StudioPage } from './pages/studio-page.ts';
import { startStudioServer } from './support/studio-server.ts';
import { expect, test } from './support/test.ts';

/** Collects Content-Security-Policy violations the page reports (besides the console errors the fixture checks). */
async function collectCspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = violations;
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

test('the built studio carries the security headers and runs a generation with no CSP violation, live, without polling', async ({ page }) => {
  const violations = await collectCspViolations(page);
  const polled: string[] = [];
  page.on('request', (request) => {
    if (/\/api\/generations\/[^/?]+$/.test(new URL(request.url()).pathname) && request.method() === 'GET') polled.push(request.url());
  });
  const response = await page.goto(process.env.STUDIO_URL!);
  const headers = response!.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['content-security-policy']).not.toContain('unsafe-eval');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');

  const studio = new StudioPage(page);
  await expect(studio.generateButton).toBeVisible();
  await studio.chooseModel('Nano Banana 2');
  await studio.chooseProvider('Local preview');
  await studio.addReferences([`e2e/fixtures/photos/coffee.png`], 1);
  const prompt = `Live events e2e ${Date.now()}`;
  await studio.prompt.fill(prompt);
  await studio.chooseResolution('1K');
  await studio.generateButton.click();
  await expect(studio.galleryImages(prompt)).toHaveCount(1, { timeout: 60_000 });
  // The lightbox (a dialog that injects its own styles) opens under the policy too.
  await studio.galleryImages(prompt).first().click();
  await expect(studio.lightbox).toBeVisible();
  await page.keyboard.press('Escape');
  // The result arrived over /api/events: the browser never polled the generation.
  expect(polled).toEqual([]);
  expect(await violations()).toEqual([]);
});

baseTest('a page on another origin cannot frame the studio', async ({ page }) => {
  const studioUrl = process.env.STUDIO_URL!;
  const framer: Server = createServer((_, response) => {
    response.setHeader('Content-Type', 'text/html');
    response.end(`<!doctype html><title>Not the studio</title><h1>Win a prize</h1><iframe id="studio" src="${studioUrl}" width="800" height="600"></iframe>`);
  });
  await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve));
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (/frame-ancestors|Refused to (display|frame)/i.test(message.text())) refusals.push(message.text());
  });
  try {
    // localhost vs 127.0.0.1: a different origin from the studio's.
    await page.goto(`http://localhost:${(framer.address() as AddressInfo).port}/`);
    await baseExpect(page.getByRole('heading', { name: 'Win a prize' })).toBeVisible();
    await baseExpect.poll(() => refusals.length, { timeout: 15_000 }).toBeGreaterThan(0);
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
    // The frame holds Chromium's error page, never the studio.
    const studioInFrame = frame
      ? await frame
          .locator('button', { hasText: 'Generate' })
          .count()
          .catch(() => 0)
      : 0;
    baseExpect(studioInFrame).toBe(0);
  } finally {
    await new Promise<void>((resolve) => framer.close(() => resolve()));
  }
});

test('with an access token the studio asks for it, refuses a wrong one, works once signed in, and signs out', async ({ page }) => {
  const token = 'e2e-access-token-7f3a9c';
  const server = await startStudioServer({ STUDIO_ACCESS_TOKEN: token });
  try {
    const violations = await collectCspViolations(page);
    await page.goto(server.url);
    await expect(page.getByRole('heading', { name: 'Sign in to Banana Studio' })).toBeVisible();
    // The API refuses without the token.
    expect((await page.request.get(`${server.url}/api/generations`)).status()).toBe(401);
    const field = page.getByLabel('Access token', { exact: true });
    await expect(field).toBeFocused();
    await field.fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('not right');
    await field.fill(token);
    await page.keyboard.press('Enter');
    const studio = new StudioPage(page);
    await expect(studio.generateButton).toBeVisible();
    // Focus moves from the gone form to the studio's title, not to the page body.
    await expect(page.getByRole('heading', { name: 'Banana Studio', level: 1 })).toBeFocused();
    // The session cookie is HttpOnly and SameSite=Strict; the page's script cannot read it.
    const cookies = await page.context().cookies(server.url);
    const session = cookies.find((cookie) => cookie.name === 'banana_studio_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');
    expect(await page.evaluate(() => document.cookie)).not.toContain('banana_studio_session');
    await studio.chooseProvider('Local preview');
    const prompt = `Signed in ${Date.now()}`;
    await studio.prompt.fill(prompt);
    await studio.generateButton.click();
    await expect(studio.galleryImages(prompt)).toHaveCount(1, { timeout: 60_000 });
    // The token never reaches the page.
    expect(await page.content()).not.toContain(token);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to Banana Studio' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Sign in to Banana Studio' })).toBeVisible();
    expect(await violations()).toEqual([]);
  } finally {
    await server.stop();
  }
});
