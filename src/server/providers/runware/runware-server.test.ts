import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FakeProviderServer } from '../../testing/fakes/fake-server.ts';
import { startAimlapiFake } from '../../testing/fakes/aimlapi-fake.ts';
import { startGeminiFake } from '../../testing/fakes/gemini-fake.ts';
import { startRunflowFake } from '../../testing/fakes/runflow-fake.ts';
import { startRunwareFake } from '../../testing/fakes/runware-fake.ts';
import { startStudioServer, type StudioServerProcess } from '../../testing/studio-server-process.ts';
import type { RunwareTask } from '../../../catalog/testing/runware-examples.ts';

/*
 * The real studio server (src/server/main.ts) pointed at the four fake
 * providers through RUNWARE_/RUNFLOW_/AIMLAPI_/GEMINI_ API_KEY and BASE_URL:
 * the resulting Generations (status, stored image sizes, actualCost), a
 * failing generation that leaves the others and the history alone, and a
 * Runware task resumed after a server restart without a second submit.
 */

const PHOTOS = join(import.meta.dirname, '../../../../e2e/fixtures/photos');

interface Generation {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  actualCost: number | null;
  images: Array<{ id: string; url: string; width: number; height: number; mimeType: string; seed: number | null }>;
  warnings: string[];
  error: { code: string; message: string; providerCode?: string } | null;
}

let dataDirectory: string;
let server: StudioServerProcess;
let runware: FakeProviderServer;
let runflow: FakeProviderServer;
let aimlapi: FakeProviderServer;
let gemini: FakeProviderServer;
let environment: Record<string, string>;

beforeAll(async () => {
  [runware, runflow, aimlapi, gemini] = await Promise.all([startRunwareFake(), startRunflowFake(), startAimlapiFake(), startGeminiFake()]);
  environment = {
    RUNWARE_API_KEY: runware.apiKey,
    RUNWARE_BASE_URL: runware.url,
    RUNFLOW_API_KEY: runflow.apiKey,
    RUNFLOW_BASE_URL: runflow.url,
    AIMLAPI_API_KEY: aimlapi.apiKey,
    AIMLAPI_BASE_URL: aimlapi.url,
    GEMINI_API_KEY: gemini.apiKey,
    GEMINI_BASE_URL: gemini.url,
  };
  dataDirectory = mkdtempSync(join(tmpdir(), 'studio-providers-test-'));
  server = await startStudioServer({ dataDirectory, environment });
}, 60_000);

afterAll(async () => {
  await server.stop();
  await Promise.all([runware, runflow, aimlapi, gemini].map((fake) => fake.close()));
  rmSync(dataDirectory, { recursive: true, force: true });
});

async function upload(name: string): Promise<string> {
  const response = await fetch(`${server.url}/api/uploads`, {
    method: 'POST',
    headers: { 'Content-Type': 'image/png' },
    body: readFileSync(join(PHOTOS, name)),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function generate(body: Record<string, unknown>, wait = true): Promise<Generation> {
  const response = await fetch(`${server.url}/api/generations${wait ? '?wait=true' : ''}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(wait ? 200 : 202);
  return (await response.json()) as Generation;
}

async function getGeneration(id: string): Promise<Generation> {
  return (await (await fetch(`${server.url}/api/generations/${id}`)).json()) as Generation;
}

async function storedImageSize(url: string): Promise<{ width: number; height: number; format: string }> {
  const response = await fetch(`${server.url}${url}`);
  expect(response.status).toBe(200);
  const metadata = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
  return { width: metadata.width, height: metadata.height, format: metadata.format };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await condition())) throw new Error('condition not met in time');
    },
    { timeout: timeoutMs, interval: 50 },
  );
}

describe('the studio server with the fake hosted providers', () => {
  let triReference: Generation;

  it('Runware: the Tri-Reference Fashion Collage is stored at 1264x848 with the billed $0.06979', async () => {
    const references = [await upload('astronaut.png'), await upload('chelsea.png'), await upload('coffee.png')];
    triReference = await generate({
      provider: 'runware',
      model: 'nano-banana-2',
      prompt: 'Create a luxury fashion editorial composition that merges reference image 1, 2 and 3.',
      resolution: '1K',
      aspectRatio: '3:2',
      thinking: 'high',
      advanced: { temperature: 0.72, topP: 0.95, safetyTolerance: 'off' },
      referenceImages: references,
    });
    expect(triReference.status).toBe('succeeded');
    expect(triReference.actualCost).toBeCloseTo(0.06979, 10);
    expect(triReference.images).toHaveLength(1);
    expect(triReference.images[0]).toMatchObject({ width: 1264, height: 848, mimeType: 'image/jpeg' });
    expect(await storedImageSize(triReference.images[0]!.url)).toEqual({ width: 1264, height: 848, format: 'jpeg' });
    const body = (runware.calls.find((call) => call.kind === 'submit')!.body as RunwareTask[])[0]!;
    expect(body.inputs?.referenceImages).toHaveLength(3);
    expect(body.settings).toEqual({ temperature: 0.72, topP: 0.95, thinking: 'HIGH' });
  });

  it('Runware: uploaded references are reused by the next generation (provider cache in SQLite)', async () => {
    const uploadsBefore = runware.calls.filter((call) => call.kind === 'upload').length;
    const references = [await upload('astronaut.png'), await upload('chelsea.png'), await upload('coffee.png')];
    const again = await generate({
      provider: 'runware',
      model: 'nano-banana-pro',
      prompt: 'A four-source collage of the references',
      resolution: '2K',
      aspectRatio: '3:2',
      referenceImages: references,
    });
    expect(again.status).toBe('succeeded');
    expect(runware.calls.filter((call) => call.kind === 'upload').length).toBe(uploadsBefore);
    expect(again.actualCost).toBeCloseTo(0.138 + 3 * 0.0011, 10);
    expect(again.images[0]).toMatchObject({ width: 2528, height: 1696 });
  });

  it('Runflow, AI/ML API and Gemini each produce a stored image of the right size and their billed cost', async () => {
    const runflowGeneration = await generate({
      provider: 'runflow',
      model: 'nano-banana-2',
      prompt: 'A bioluminescent treehouse hotel',
      resolution: '2K',
      aspectRatio: '16:9',
      outputFormat: 'jpeg',
    });
    expect(runflowGeneration).toMatchObject({ status: 'succeeded', images: [{ width: 2752, height: 1536, mimeType: 'image/jpeg' }] });
    expect(runflowGeneration.actualCost).toBeCloseTo(0.12, 10);

    const aimlapiGeneration = await generate({
      provider: 'aimlapi',
      model: 'nano-banana-2',
      prompt: 'A T-Rex relaxing on a beach',
      aspectRatio: '16:9',
      numberResults: 2,
    });
    expect(aimlapiGeneration.status).toBe('succeeded');
    expect(aimlapiGeneration.images.map((image) => [image.width, image.height])).toEqual([
      [1376, 768],
      [1376, 768],
    ]);
    expect(aimlapiGeneration.actualCost).toBeCloseTo((2 * 178_975) / 2_000_000, 10);

    const geminiGeneration = await generate({
      provider: 'gemini',
      model: 'nano-banana-pro',
      prompt: 'A brass observatory',
      resolution: '2K',
      aspectRatio: '9:16',
    });
    expect(geminiGeneration).toMatchObject({ status: 'succeeded', actualCost: null, images: [{ width: 1536, height: 2752, mimeType: 'image/png' }] });
    expect(await storedImageSize(geminiGeneration.images[0]!.url)).toEqual({ width: 1536, height: 2752, format: 'png' });
  });

  it("a failing generation records the provider's message and leaves the other generations and the history untouched", async () => {
    const before = (await (await fetch(`${server.url}/api/generations?limit=100`)).json()) as { items: Generation[] };
    runware.misbehave('reject-key');
    const failed = await generate({ provider: 'runware', model: 'nano-banana-2', prompt: 'A red bicycle in the snow' });
    runware.misbehave('none');
    expect(failed.status).toBe('failed');
    expect(failed.images).toEqual([]);
    expect(failed.actualCost).toBeNull();
    expect(failed.error).toMatchObject({ code: 'provider_error', providerCode: 'invalidApiKey' });
    expect(failed.error!.message).toMatch(/Runware rejected the API key in RUNWARE_API_KEY/);

    runware.misbehave('expire-image-urls');
    const expired = await generate({ provider: 'runware', model: 'nano-banana-2', prompt: 'A blue bicycle in the snow' });
    runware.misbehave('none');
    expect(expired.error).toMatchObject({ code: 'provider_error', providerCode: 'image_url_expired' });

    const after = (await (await fetch(`${server.url}/api/generations?limit=100`)).json()) as { items: Generation[] };
    expect(after.items.map((item) => item.id)).toEqual([expired.id, failed.id, ...before.items.map((item) => item.id)]);
    for (const item of before.items) {
      expect(after.items.find((candidate) => candidate.id === item.id)).toEqual(item);
      for (const image of item.images) expect((await fetch(`${server.url}${image.url}`)).status).toBe(200);
    }
  });

  it('a provider URL that expires after the generation changes nothing: the images were stored at once', async () => {
    runware.misbehave('expire-image-urls');
    const stored = await getGeneration(triReference.id);
    expect(stored.status).toBe('succeeded');
    expect(await storedImageSize(stored.images[0]!.url)).toEqual({ width: 1264, height: 848, format: 'jpeg' });
    runware.misbehave('none');
  });

  it('a Runware task and a Runflow run accepted before a restart are resumed by polling, never submitted twice', async () => {
    runware.resetCalls();
    runflow.resetCalls();
    runware.misbehave('processing', { polls: 3 });
    runflow.misbehave('processing', { polls: 3 });
    const pendingRunware = await generate(
      { provider: 'runware', model: 'nano-banana-2', prompt: 'A glass greenhouse at night', resolution: '0.5K', aspectRatio: '8:1', numberResults: 2 },
      false,
    );
    const pendingRunflow = await generate(
      { provider: 'runflow', model: 'nano-banana-2', prompt: 'A glass greenhouse at dawn', resolution: '1K', aspectRatio: '4:3' },
      false,
    );
    await until(() => runware.calls.some((call) => call.kind === 'poll') && runflow.calls.some((call) => call.kind === 'poll'));
    runware.misbehave('none');
    runflow.misbehave('none');
    await server.stop();
    expect(runware.calls.filter((call) => call.kind === 'submit')).toHaveLength(1);
    expect(runflow.calls.filter((call) => call.kind === 'submit')).toHaveLength(1);

    server = await startStudioServer({ dataDirectory, environment });
    expect(server.output()).toMatch(/2 resumed/);
    const finished = async (id: string) => !['queued', 'running'].includes((await getGeneration(id)).status);
    await until(async () => (await finished(pendingRunware.id)) && (await finished(pendingRunflow.id)));

    const resumedRunware = await getGeneration(pendingRunware.id);
    expect(resumedRunware.status).toBe('succeeded');
    expect(resumedRunware.images.map((image) => [image.width, image.height])).toEqual([
      [1536, 192],
      [1536, 192],
    ]);
    expect(resumedRunware.actualCost).toBeCloseTo(2 * 0.04657, 10);
    const resumedRunflow = await getGeneration(pendingRunflow.id);
    expect(resumedRunflow).toMatchObject({ status: 'succeeded', images: [{ width: 1200, height: 896 }] });
    expect(resumedRunflow.actualCost).toBeCloseTo(0.08, 10);
    expect(runware.calls.filter((call) => call.kind === 'submit')).toHaveLength(1);
    expect(runflow.calls.filter((call) => call.kind === 'submit')).toHaveLength(1);
    // The history from before the restart is intact.
    expect((await getGeneration(triReference.id)).status).toBe('succeeded');
  });

  it('a user can cancel a running hosted generation', async () => {
    runware.misbehave('processing', { polls: 1000 });
    const running = await generate({ provider: 'runware', model: 'nano-banana-2', prompt: 'A slow lighthouse' }, false);
    await until(() => runware.calls.some((call) => call.kind === 'poll' && JSON.stringify(call.body).includes('getResponse')));
    const cancel = await fetch(`${server.url}/api/generations/${running.id}/cancel`, { method: 'POST' });
    expect(cancel.status).toBeLessThan(300);
    await until(async () => (await getGeneration(running.id)).status === 'failed');
    expect((await getGeneration(running.id)).error).toMatchObject({ code: 'cancelled' });
    runware.misbehave('none');
  });

  it('no provider key appears in any answer or log line, even when a key is rejected', async () => {
    runware.misbehave('reject-key');
    const rejected = await generate({ provider: 'runware', model: 'nano-banana-2', prompt: 'A key that Runware refuses' });
    runware.misbehave('none');
    expect(rejected.status).toBe('failed');
    expect(rejected.error?.message).toMatch(/RUNWARE_API_KEY/);

    const answers = await Promise.all(
      ['/api/health', '/api/catalog', '/api/generations?limit=100', `/api/generations/${rejected.id}`, '/api/spend?since=2000-01-01T00:00:00.000Z'].map(
        async (path) => `${path}: ${await (await fetch(server.url + path)).text()}`,
      ),
    );
    const everything = [...answers, server.output()].join('\n');
    expect(everything).toContain('RUNWARE_API_KEY');
    for (const key of [runware.apiKey, runflow.apiKey, aimlapi.apiKey, gemini.apiKey]) {
      expect(key.length).toBeGreaterThan(8);
      expect(everything).not.toContain(key);
    }
  });
});
