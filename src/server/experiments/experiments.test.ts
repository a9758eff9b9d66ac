import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRunwareFake } from '../testing/fakes/runware-fake.ts';
import type { FakeProviderServer } from '../testing/fakes/fake-server.ts';
import { getOffering } from '../../catalog/catalog.ts';
import { resolveOutputSize } from '../../catalog/sizes.ts';
import { startStudioServer, type StudioServerProcess } from '../testing/studio-server-process.ts';
import type { Experiment, ExperimentDryRun } from './experiments.ts';

let dataDirectory: string;
let server: StudioServerProcess;
let runware: FakeProviderServer;

beforeAll(async () => {
  dataDirectory = mkdtempSync(join(tmpdir(), 'studio-experiments-test-'));
  runware = await startRunwareFake();
  server = await startStudioServer({ dataDirectory, environment: { RUNWARE_API_KEY: runware.apiKey, RUNWARE_BASE_URL: runware.url } });
});

afterAll(async () => {
  // Unset when beforeAll failed, which the declared types cannot say.
  await (server as StudioServerProcess | undefined)?.stop();
  await (runware as FakeProviderServer | undefined)?.close();
  rmSync(dataDirectory, { recursive: true, force: true });
});

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function countStored(): Promise<{ experiments: number; generations: number }> {
  const experiments = (await (await call('GET', '/api/experiments')).json()) as { items: unknown[] };
  const generations = (await (await call('GET', '/api/generations')).json()) as { items: unknown[] };
  return { experiments: experiments.items.length, generations: generations.items.length };
}

function imageFiles(): string[] {
  return readdirSync(join(dataDirectory, 'images')).filter((name) => name !== 'thumbnails');
}

/** Models x providers: row-major, rows the models, columns the providers. */
const GRID = {
  name: 'Poster: models x providers',
  base: { prompt: 'A premium commercial poster of a banana in a gallery', model: 'nano-banana-2', resolution: '1K', aspectRatio: '3:2' },
  variants: [
    { model: 'nano-banana-2', provider: 'local' },
    { model: 'nano-banana-2', provider: 'runware' },
    { model: 'nano-banana-pro', provider: 'local' },
    { model: 'nano-banana-pro', provider: 'runware' },
  ],
  layout: { columns: 2, rowLabels: ['Nano Banana 2', 'Nano Banana Pro'], columnLabels: ['Local preview', 'Runware'] },
};

describe('experiments through a real studio server, local and a fake Runware', () => {
  let experiment: Experiment;

  it('a dry run answers every cell with its estimate, equal to POST /api/estimate, and stores nothing', async () => {
    const response = await call('POST', '/api/experiments?dryRun=true', GRID);
    expect(response.status).toBe(200);
    const dryRun = (await response.json()) as ExperimentDryRun;
    expect(dryRun).not.toHaveProperty('id');
    expect(dryRun.cells).toHaveLength(4);
    let total = 0;
    for (const cell of dryRun.cells) {
      const { seed: _seed, ...request } = cell.request;
      const estimate = (await (await call('POST', '/api/estimate', { ...request, seed: cell.request.seed })).json()) as {
        total: number;
        min: number;
        max: number;
      };
      expect(cell.estimatedCost).toEqual({ currency: 'USD', total: estimate.total, min: estimate.min, max: estimate.max });
      total += estimate.total;
    }
    expect(dryRun.estimatedCost.total).toBeCloseTo(total, 8);
    expect(dryRun.estimatedCost.total).toBeGreaterThan(0);
    expect(await countStored()).toEqual({ experiments: 0, generations: 0 });
    expect(runware.calls).toHaveLength(0);
  });

  it('one bad cell refuses the whole experiment, naming the cell, and nothing is stored or sent', async () => {
    const response = await call('POST', '/api/experiments', {
      ...GRID,
      variants: [...GRID.variants, { provider: 'runware', model: 'nano-banana-pro', aspectRatio: '8:1' }],
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; field: string; allowed: string[]; message: string } };
    expect(error.code).toBe('invalid_request');
    expect(error.field).toBe('variants.4.aspectRatio');
    expect(error.allowed).toContain('3:2');
    expect(error.message).toMatch(/Cell 5/);

    const unconfigured = await call('POST', '/api/experiments', { ...GRID, variants: [GRID.variants[0], { provider: 'gemini' }] });
    expect(unconfigured.status).toBe(400);
    expect(((await unconfigured.json()) as { error: { code: string; field: string } }).error).toMatchObject({
      code: 'provider_not_configured',
      field: 'variants.1.provider',
    });

    const tooMany = await call('POST', '/api/experiments', { base: GRID.base, variants: Array.from({ length: 25 }, () => ({ provider: 'local' })) });
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: { field: string } }).error.field).toBe('variants');

    expect(await countStored()).toEqual({ experiments: 0, generations: 0 });
    expect(runware.calls).toHaveLength(0);
  });

  it('a 2x2 grid finishes with every cell the right size and one shared seed', async () => {
    const response = await call('POST', '/api/experiments', GRID);
    expect(response.status).toBe(202);
    experiment = (await response.json()) as Experiment;
    expect(experiment.status).toBe('running');
    expect(experiment.cells.map((cell) => cell.index)).toEqual([0, 1, 2, 3]);
    const seeds = new Set(experiment.cells.map((cell) => cell.request.seed));
    expect(seeds.size).toBe(1);
    const [seed] = [...seeds];
    expect(Number.isInteger(seed)).toBe(true);

    await vi.waitFor(
      async () => {
        experiment = (await (await call('GET', `/api/experiments/${experiment.id}`)).json()) as Experiment;
        expect(experiment.status).toBe('finished');
      },
      { timeout: 60_000, interval: 250 },
    );
    for (const cell of experiment.cells) {
      const generation = cell.generation!;
      expect(generation.status, generation.error?.message).toBe('succeeded');
      expect(generation.experimentId).toBe(experiment.id);
      expect(generation.experimentCell).toBe(cell.index);
      const offering = getOffering(cell.request.provider, cell.request.model)!;
      const expected = resolveOutputSize(offering, '1K', '3:2');
      const image = generation.images[0]!;
      expect({ width: image.width, height: image.height }).toEqual(expected);
      const bytes = Buffer.from(await (await call('GET', image.url)).arrayBuffer());
      const metadata = await sharp(bytes).metadata();
      expect({ width: metadata.width, height: metadata.height }).toEqual(expected);
      expect(image.seed).toBe(seed);
    }
    // The Runware tasks carried the shared seed.
    const submitted = runware.calls.flatMap((entry) => (Array.isArray(entry.body) ? entry.body : [])) as Array<{ taskType?: string; seed?: number }>;
    expect(submitted.filter((task) => task.taskType === 'imageInference').map((task) => task.seed)).toEqual([seed, seed]);
    expect(experiment.actualCost).toBeGreaterThan(0);
  });

  it('lists the experiment and its generations, renames it, marks a favourite, exports a contact sheet and JSON', async () => {
    const list = (await (await call('GET', '/api/experiments')).json()) as { items: Experiment[] };
    expect(list.items.map((item) => item.id)).toEqual([experiment.id]);
    expect(list.items[0]!.cells[0]).not.toHaveProperty('generation');
    expect(list.items[0]!.cells.every((cell) => cell.thumbnailUrl)).toBe(true);

    const cells = (await (await call('GET', `/api/generations?experiment=${experiment.id}`)).json()) as { items: Array<{ experimentCell: number }> };
    expect(cells.items.map((item) => item.experimentCell).sort()).toEqual([0, 1, 2, 3]);

    const patched = await call('PATCH', `/api/experiments/${experiment.id}`, { name: 'Renamed', favouriteCell: 3 });
    expect(patched.status).toBe(200);
    expect((await patched.json()) as Experiment).toMatchObject({ name: 'Renamed', favouriteCell: 3 });
    expect((await call('PATCH', `/api/experiments/${experiment.id}`, { favouriteCell: 4 })).status).toBe(400);

    const sheet = await call('GET', `/api/experiments/${experiment.id}/contact-sheet.png`);
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('content-type')).toBe('image/png');
    const metadata = await sharp(Buffer.from(await sheet.arrayBuffer())).metadata();
    expect(metadata.format).toBe('png');
    // Two columns of 360 px cells, plus the row labels and margins.
    expect(metadata.width).toBeGreaterThan(2 * 360);

    const exported = await call('GET', `/api/experiments/${experiment.id}/export.json`);
    expect(exported.headers.get('content-disposition')).toContain('renamed.json');
    const body = (await exported.json()) as Experiment;
    expect(body.cells[0]!.generation?.images).toHaveLength(1);
  });

  it('deleting the experiment removes its cells’ generations and their image files', async () => {
    const filesBefore = imageFiles();
    const ownFiles = new Set(experiment.cells.map((cell) => cell.generation!.images[0]!.id));
    expect(ownFiles.size).toBe(4);
    expect((await call('DELETE', `/api/experiments/${experiment.id}`)).status).toBe(204);
    expect((await call('GET', `/api/experiments/${experiment.id}`)).status).toBe(404);
    for (const cell of experiment.cells) expect((await call('GET', `/api/generations/${cell.generationId}`)).status).toBe(404);
    expect(await countStored()).toEqual({ experiments: 0, generations: 0 });
    expect(filesBefore.length).toBeGreaterThanOrEqual(4);
    expect(imageFiles()).toEqual([]);
    expect((await call('DELETE', `/api/experiments/${experiment.id}`)).status).toBe(404);
  });

  it('a failed cell is run again on Retry, replacing its generation', async () => {
    runware.misbehave('refuse-prompt', { times: 1 });
    const created = (await (
      await call('POST', '/api/experiments', { base: GRID.base, variants: [{ provider: 'runware' }, { provider: 'local' }] })
    ).json()) as Experiment;
    let current = created;
    await vi.waitFor(
      async () => {
        current = (await (await call('GET', `/api/experiments/${created.id}`)).json()) as Experiment;
        expect(current.status).toBe('finished');
      },
      { timeout: 60_000, interval: 250 },
    );
    expect(current.cells.map((cell) => cell.status)).toEqual(['failed', 'succeeded']);
    expect((await call('POST', `/api/experiments/${created.id}/cells/1/retry`)).status).toBe(409);
    const retried = await call('POST', `/api/experiments/${created.id}/cells/0/retry`);
    expect(retried.status).toBe(202);
    const failedId = current.cells[0]!.generationId;
    await vi.waitFor(
      async () => {
        current = (await (await call('GET', `/api/experiments/${created.id}`)).json()) as Experiment;
        expect(current.cells.map((cell) => cell.status)).toEqual(['succeeded', 'succeeded']);
      },
      { timeout: 60_000, interval: 250 },
    );
    expect(current.cells[0]!.generationId).not.toBe(failedId);
    expect((await call('GET', `/api/generations/${failedId}`)).status).toBe(404);
    expect((await call('DELETE', `/api/experiments/${created.id}`)).status).toBe(204);
  });
});
