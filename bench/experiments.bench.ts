/**
 * `npm run bench -- experiments`: an experiment of 12 local cells (issue 12 "Done when").
 *
 * - In the browser (Debian's chromium through @playwright/test, 1440 x 900):
 *   the Experiments view's builder set to 3 seeds x 4 aspect ratios on the
 *   local provider (Nano Banana 2, 1K), then Run; the time from the click to
 *   the first and to the last cell image decoded on screen (ms, page clock,
 *   polled every animation frame). Median of 3 runs.
 * - Over HTTP, the server's own cost per cell: `POST /api/experiments` of
 *   the same 12 cells (validate all, store, create 12 generations) divided by
 *   12; `?dryRun=true` divided by 12; `GET /api/experiments/:id` with 12
 *   embedded generations; and the wall time of the 12-cell experiment minus
 *   that of the same 12 requests sent as single generations, per cell (what
 *   running them as an experiment adds). Medians of 3.
 */
import { execFileSync } from 'node:child_process';

import type { Page } from '@playwright/test';
import { startStudioServer } from '../e2e/support/studio-server.ts';
import { launchBenchBrowser } from './bench-browser.ts';

const RUNS = 3;
const ASPECT_RATIOS = ['1:1', '16:9', '3:2', '2:3'];

/** A number of ms without decimals. */
const whole = (value: number) => value.toFixed(0);

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const twelveCells = (prompt: string) => ({
  name: 'bench',
  base: { provider: 'local', model: 'nano-banana-2', prompt, resolution: '1K', numberResults: 1 },
  variants: [1, 2, 3].flatMap((seed) => ASPECT_RATIOS.map((aspectRatio) => ({ seed: 1000 + seed, aspectRatio }))),
});

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

interface CellState {
  status: string;
}

async function waitFinished(url: string, id: string): Promise<void> {
  for (;;) {
    const experiment = (await (await fetch(`${url}/api/experiments/${id}`)).json()) as { status: string; cells: CellState[] };
    if (experiment.status === 'finished') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function waitGenerations(url: string, ids: string[]): Promise<void> {
  for (const id of ids) {
    for (;;) {
      const generation = (await (await fetch(`${url}/api/generations/${id}`)).json()) as { status: string };
      if (generation.status === 'succeeded' || generation.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

async function measureServer(url: string): Promise<void> {
  const create: number[] = [];
  const dryRun: number[] = [];
  const read: number[] = [];
  const added: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const body = twelveCells(`Bench experiment ${run}: a lemon on a blue plate`);
    const post = (path: string, json: unknown) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(json) });
    const [, dryMs] = await timed(async () => (await post('/api/experiments?dryRun=true', body)).json() as Promise<unknown>);
    dryRun.push(dryMs / 12);
    const started = performance.now();
    const [experiment, createMs] = await timed(async () => (await (await post('/api/experiments', body)).json()) as { id: string });
    create.push(createMs / 12);
    await waitFinished(url, experiment.id);
    const experimentWall = performance.now() - started;
    const [, readMs] = await timed(async () => (await fetch(`${url}/api/experiments/${experiment.id}`)).json() as Promise<unknown>);
    read.push(readMs);

    const singlesStarted = performance.now();
    const ids: string[] = [];
    for (const variant of body.variants) {
      const generation = (await (await post('/api/generations', { ...body.base, ...variant, prompt: `${body.base.prompt} (single)` })).json()) as {
        id: string;
      };
      ids.push(generation.id);
    }
    await waitGenerations(url, ids);
    const singlesWall = performance.now() - singlesStarted;
    added.push((experimentWall - singlesWall) / 12);
  }
  console.log(`server: POST /api/experiments (12 local cells)       ${median(create).toFixed(2)} ms per cell`);
  console.log(`server: POST /api/experiments?dryRun=true (12 cells) ${median(dryRun).toFixed(2)} ms per cell`);
  console.log(`server: GET /api/experiments/:id (12 embedded)       ${median(read).toFixed(1)} ms`);
  console.log(`server: experiment wall time minus 12 singles        ${median(added).toFixed(1)} ms per cell (noise is +-50 ms; 2 local cells run at once)`);
}

/** Sets the builder to seeds x aspect ratios on the local provider, clicks Run, and times the cells' images (page clock). */
async function measureScreen(page: Page, url: string, run: number): Promise<{ first: number; last: number }> {
  await page.goto(`${url}/experiments`);
  const builder = page.getByRole('complementary', { name: 'Experiment builder' });
  await builder.getByLabel('Prompt', { exact: true }).fill(`Bench run ${run}: a pear on a green cloth`);
  await builder.getByLabel('Rows', { exact: true }).selectOption('seed');
  await builder.getByLabel('Number of seeds').fill('3');
  await builder.getByLabel('Columns', { exact: true }).selectOption('aspectRatio');
  const values = builder.getByRole('group', { name: 'Columns: values' });
  for (const ratio of ['3:2', '2:3']) await values.getByRole('button', { name: ratio, exact: true }).click();
  await builder.getByLabel('Confirm runs costing more than').fill('100');
  const run12 = builder.getByRole('button', { name: 'Run 12 cells' });
  await run12.waitFor();
  // A string, not a function: tsx would wrap named functions in a helper the page does not have.
  await page.evaluate(`window.__benchRunButton = document.evaluate("//button[normalize-space()='Run 12 cells']", document, null, 9, null).singleNodeValue`);
  return page.evaluate(`new Promise((resolve) => {
    const clicked = performance.now();
    let first = 0;
    const tick = () => {
      const loaded = [...document.querySelectorAll('[data-testid="experiment-cell"] img')].filter((image) => image.complete && image.naturalWidth > 0).length;
      if (loaded >= 1 && !first) first = performance.now() - clicked;
      if (loaded >= 12) resolve({ first, last: performance.now() - clicked });
      else requestAnimationFrame(tick);
    };
    window.__benchRunButton.click();
    requestAnimationFrame(tick);
  })`);
}

export default async function benchExperiments(): Promise<void> {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  const server = await startStudioServer();
  try {
    const browser = await launchBenchBrowser();
    try {
      const firsts: number[] = [];
      const lasts: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        const { first, last } = await measureScreen(page, server.url, run);
        firsts.push(first);
        lasts.push(last);
        await page.close();
      }
      console.log(`screen: Run -> first cell image on screen (12 local cells, 1K) ${median(firsts).toFixed(0)} ms (runs: ${firsts.map(whole).join(', ')})`);
      console.log(`screen: Run -> last cell image on screen                       ${median(lasts).toFixed(0)} ms (runs: ${lasts.map(whole).join(', ')})`);
    } finally {
      await browser.close();
    }
    await measureServer(server.url);
  } finally {
    await server.stop();
  }
}
