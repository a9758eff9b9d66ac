import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../catalog/catalog.ts';
import type { Offering } from '../../catalog/types.ts';
import { startAimlapiFake } from '../testing/fakes/aimlapi-fake.ts';
import type { FakeProviderServer } from '../testing/fakes/fake-server.ts';
import { startGeminiFake } from '../testing/fakes/gemini-fake.ts';
import { startRunflowFake } from '../testing/fakes/runflow-fake.ts';
import { FAST_ADAPTER_SETTINGS } from '../testing/fast-adapter-settings.ts';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Generation } from '../store/generations-store.ts';
import { createStudio, type Studio } from '../studio.ts';

/*
 * The studio (HTTP routes, SQLite, runner, adapters) against the fake
 * Gemini, Runflow and AI/ML API servers, as the "done when" asks:
 * every Gemini offering generates (Lite and 0.5K included, image search on
 * Nano Banana 2) with a computed cost that spend counts; Runflow edits upload
 * their references; Runflow Pro with web search; Lite at 2K or with web search
 * and the retired Gemini Nano Banana are refused with 400 naming what is
 * allowed; the key check endpoint never echoes a key.
 */

const PHOTOS = join(import.meta.dirname, '../../../e2e/fixtures/photos');

let directory: string;
let studio: Studio;
let app: ReturnType<typeof createApp>;
let gemini: FakeProviderServer;
let runflow: FakeProviderServer;
let aimlapi: FakeProviderServer;

beforeAll(async () => {
  [gemini, runflow, aimlapi] = await Promise.all([startGeminiFake(), startRunflowFake(), startAimlapiFake()]);
  directory = mkdtempSync(join(tmpdir(), 'studio-providers-'));
  const environment = {
    STUDIO_DATA_DIR: directory,
    GEMINI_API_KEY: gemini.apiKey,
    GEMINI_BASE_URL: gemini.url,
    RUNFLOW_API_KEY: runflow.apiKey,
    RUNFLOW_BASE_URL: runflow.url,
    AIMLAPI_API_KEY: aimlapi.apiKey,
    AIMLAPI_BASE_URL: aimlapi.url,
  };
  studio = createStudio(loadConfig(environment, directory), { adapterSettings: FAST_ADAPTER_SETTINGS, log: () => {} });
  app = createApp(studio, { staticDirectory: null, logError: () => {} });
});

afterAll(async () => {
  await studio.close();
  await Promise.all([gemini, runflow, aimlapi].map((fake) => fake.close()));
  rmSync(directory, { recursive: true, force: true });
});

async function generate(body: Record<string, unknown>): Promise<{ status: number; generation: Generation; text: string }> {
  const response = await app.request('/api/generations?wait=true', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, generation: JSON.parse(text) as Generation, text };
}

async function refusal(
  body: Record<string, unknown>,
): Promise<{ status: number; error: { code: string; field: string; message: string; allowed: unknown[] } }> {
  const response = await app.request('/api/generations', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, error: ((await response.json()) as { error: { code: string; field: string; message: string; allowed: unknown[] } }).error };
}

async function upload(name: string): Promise<string> {
  const response = await app.request('/api/uploads', { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: readFileSync(join(PHOTOS, name)) });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const geminiOfferings = CATALOG.offerings.filter((offering) => offering.provider === 'gemini' && offering.lifecycle.status !== 'retired');

describe('Gemini through the studio', () => {
  it.each(geminiOfferings.flatMap((offering: Offering) => offering.resolutions.map((resolution) => [offering.id, resolution] as const)))(
    '%s at %s succeeds',
    async (id, resolution) => {
      const offering = geminiOfferings.find((candidate) => candidate.id === id)!;
      const { status, generation, text } = await generate({
        provider: 'gemini',
        model: offering.model,
        prompt: 'A lighthouse on a cliff at dusk',
        resolution,
        aspectRatio: '1:1',
        ...(offering.grounding.imageSearch ? { imageSearch: true, webSearch: true } : {}),
      });
      expect(status, text).toBe(200);
      expect(generation.status, text).toBe('succeeded');
      expect(generation.images).toHaveLength(1);
      expect(generation.actualCost).toBeNull();
      if (offering.model === 'nano-banana-2-lite') expect(generation.computedCost).toBeNull();
      else {
        expect(generation.computedCost).toBeGreaterThan(0);
        expect(generation.computedCostBasis).toMatch(/per million/);
      }
      if (offering.grounding.imageSearch) {
        expect(gemini.calls.filter((call) => call.kind === 'submit').at(-1)!.body).toMatchObject({
          tools: [{ googleSearch: { searchTypes: { webSearch: {}, imageSearch: {} } } }],
        });
      }
    },
  );

  it('counts computed costs in spend where nothing was billed', async () => {
    const spend = (await (await app.request('/api/spend')).json()) as { total: number; count: number; computed: { total: number; count: number } };
    expect(spend.computed.count).toBeGreaterThan(0);
    expect(spend.computed.total).toBeGreaterThan(0);
    expect(spend.total).toBeGreaterThanOrEqual(spend.computed.total);
  });

  it('refuses Nano Banana 2 Lite at 2K or with web search, naming what is allowed', async () => {
    const atTwoK = await refusal({ provider: 'gemini', model: 'nano-banana-2-lite', prompt: 'A fox', resolution: '2K' });
    expect(atTwoK).toMatchObject({ status: 400, error: { code: 'invalid_request', field: 'resolution', allowed: ['1K'] } });
    expect(atTwoK.error.message).toMatch(/choose one of 1K/);
    const withSearch = await refusal({ provider: 'gemini', model: 'nano-banana-2-lite', prompt: 'A fox', webSearch: true });
    expect(withSearch).toMatchObject({ status: 400, error: { field: 'webSearch', allowed: [false] } });
  });

  it('refuses the retired Gemini Nano Banana naming Nano Banana 2, serves it retired, and stores nothing', async () => {
    const before = studio.generations.listGenerations({ limit: 200 }).items.length;
    const retired = await refusal({ provider: 'gemini', model: 'nano-banana', prompt: 'A paper boat' });
    expect(retired).toMatchObject({ status: 400, error: { field: 'model', allowed: ['nano-banana-2'] } });
    expect(retired.error.message).toMatch(/retired on 2026-10-02; use Nano Banana 2 \(gemini\/nano-banana-2\) instead/);
    expect(studio.generations.listGenerations({ limit: 200 }).items.length).toBe(before);
    const catalog = (await (await app.request('/api/catalog')).json()) as { offerings: Offering[] };
    expect(catalog.offerings.find((offering) => offering.id === 'gemini/nano-banana')!.lifecycle).toMatchObject({
      status: 'retired',
      replacement: 'gemini/nano-banana-2',
    });
  });

  it('checks the key: lists the models, never echoes the key', async () => {
    const response = await app.request('/api/providers/gemini/check');
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).not.toContain(gemini.apiKey);
    const answer = JSON.parse(text) as { ok: boolean; method: string; models: Array<{ model: string | null; name: string }> };
    expect(answer).toMatchObject({ ok: true, method: 'model-list', verified: true, listedByProvider: true });
    expect(answer.models.map((model) => model.name).sort()).toEqual(['Nano Banana 2', 'Nano Banana 2 Lite', 'Nano Banana Pro']);
  });
});

describe('the local provider', () => {
  it('previews Nano Banana 2 Lite at its 1K size', async () => {
    const { generation, text } = await generate({ provider: 'local', model: 'nano-banana-2-lite', prompt: 'A quick fox', aspectRatio: '16:9' });
    expect(generation.status, text).toBe('succeeded');
    expect(generation.images[0]).toMatchObject({ width: 1376, height: 768 });
  });
});

describe('a key that still lists Gemini Nano Banana', () => {
  it('offers it with a warning after the key check, and generates', async () => {
    const stillServed = await startGeminiFake({ serveNanoBanana: true });
    const ownDirectory = mkdtempSync(join(tmpdir(), 'studio-providers-nb-'));
    const ownStudio = createStudio(
      loadConfig({ STUDIO_DATA_DIR: ownDirectory, GEMINI_API_KEY: stillServed.apiKey, GEMINI_BASE_URL: stillServed.url }, ownDirectory),
      { adapterSettings: FAST_ADAPTER_SETTINGS, log: () => {} },
    );
    const ownApp = createApp(ownStudio, { staticDirectory: null, logError: () => {} });
    try {
      const body = JSON.stringify({ provider: 'gemini', model: 'nano-banana', prompt: 'A paper boat' });
      const post = () => ownApp.request('/api/generations?wait=true', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      expect((await post()).status).toBe(400);
      const check = (await (await ownApp.request('/api/providers/gemini/check')).json()) as { models: Array<{ providerModelId: string }> };
      expect(check.models.map((model) => model.providerModelId)).toContain('gemini-2.5-flash-image');
      const catalog = (await (await ownApp.request('/api/catalog')).json()) as { offerings: Offering[] };
      const lifecycle = catalog.offerings.find((offering) => offering.id === 'gemini/nano-banana')!.lifecycle;
      expect(lifecycle).toMatchObject({ status: 'deprecated', date: '2026-10-02', replacement: 'gemini/nano-banana-2' });
      expect(lifecycle.note).toMatch(/still lists it/);
      const response = await post();
      const generation = (await response.json()) as Generation;
      expect(generation.status).toBe('succeeded');
      expect(generation.computedCost).toBeCloseTo(0.0387, 8);
    } finally {
      await ownStudio.close();
      await stillServed.close();
      rmSync(ownDirectory, { recursive: true, force: true });
    }
  });
});

describe('Runflow and AI/ML API through the studio', () => {
  it('Runflow edits with 2 references upload them; the fake sees https asset URLs, not data: URIs', async () => {
    const references = [await upload('astronaut.png'), await upload('coffee.png')];
    runflow.resetCalls();
    const { status, generation, text } = await generate({
      provider: 'runflow',
      model: 'nano-banana-2',
      prompt: 'Put the astronaut in the coffee cup',
      referenceImages: references,
    });
    expect(status, text).toBe(200);
    expect(generation.status, text).toBe('succeeded');
    const uploads = runflow.calls.filter((call) => call.kind === 'upload');
    expect(uploads.filter((call) => call.method === 'PUT')).toHaveLength(2);
    const submit = runflow.calls.find((call) => call.kind === 'submit')!;
    expect(submit.path).toBe('/v1/models/google/nano-banana-2/edit/runs');
    const imageUrls = (submit.body as { input: { image_urls: string[] } }).input.image_urls;
    expect(imageUrls).toHaveLength(2);
    for (const url of imageUrls) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\/assets\//);

    // The same references again are not uploaded again.
    runflow.resetCalls();
    expect(
      (await generate({ provider: 'runflow', model: 'nano-banana-2', prompt: 'The astronaut again', referenceImages: references })).generation.status,
    ).toBe('succeeded');
    expect(runflow.calls.filter((call) => call.kind === 'upload')).toEqual([]);
  });

  it('Runflow Pro with web search succeeds', async () => {
    runflow.resetCalls();
    const { generation, text } = await generate({
      provider: 'runflow',
      model: 'nano-banana-pro',
      prompt: "Today's weather in Lisbon as a poster",
      webSearch: true,
    });
    expect(generation.status, text).toBe('succeeded');
    expect(runflow.calls.find((call) => call.kind === 'submit')!.body).toMatchObject({ input: { enable_web_search: true } });
  });

  it('AI/ML API Pro edits go to the documented edit id', async () => {
    aimlapi.resetCalls();
    const references = [await upload('astronaut.png'), await upload('chelsea.png')];
    const { generation, text } = await generate({
      provider: 'aimlapi',
      model: 'nano-banana-pro',
      prompt: 'The cat in a space suit',
      referenceImages: references,
    });
    expect(generation.status, text).toBe('succeeded');
    expect(aimlapi.calls.find((call) => call.kind === 'submit')!.body).toMatchObject({ model: 'google/nano-banana-pro-edit' });
  });

  it('key checks: Runflow proves its key for free, AI/ML API says plainly it cannot, an unknown provider is 404', async () => {
    const runflowAnswer = (await (await app.request('/api/providers/runflow/check')).json()) as Record<string, unknown>;
    expect(runflowAnswer).toMatchObject({ ok: true, method: 'probe', verified: true, listedByProvider: false });
    const aimlapiAnswer = (await (await app.request('/api/providers/aimlapi/check')).json()) as Record<string, unknown>;
    expect(aimlapiAnswer).toMatchObject({ ok: true, method: 'none', verified: false });
    expect(aimlapiAnswer.message).toMatch(/no free way to check a key/);
    expect((await app.request('/api/providers/replicate/check')).status).toBe(404);
    expect((await app.request('/api/providers/runware/check')).status).toBe(400);
    runflow.misbehave('reject-key');
    const refused = (await (await app.request('/api/providers/runflow/check')).json()) as Record<string, unknown>;
    runflow.misbehave('none');
    expect(refused).toMatchObject({ ok: false, providerCode: 'UNAUTHORIZED', httpStatus: 401 });
    expect(JSON.stringify(refused)).not.toContain(runflow.apiKey);
  });
});
