import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getOffering } from '../../../catalog/catalog.ts';
import type { ModelId } from '../../../catalog/types.ts';
import {
  createTestContext,
  imageSize,
  loadPhotoReference,
  acceptTestRequest,
  expectProviderError,
  type MemoryProviderCache,
} from '../../testing/fakes/adapter-test-context.ts';
import type { FakeProviderServer } from '../../testing/fakes/fake-server.ts';
import { FAST_ADAPTER_SETTINGS } from '../../testing/fast-adapter-settings.ts';
import { startRunflowFake } from '../../testing/fakes/runflow-fake.ts';
import { generateImages, resumeImages } from '../generate-images.ts';
import type { ReferenceImageInput } from '../provider-types.ts';
import { createRunflowAdapter, runflowAssetCacheKey } from './runflow-adapter.ts';

const FAST = FAST_ADAPTER_SETTINGS.runflow;

let fake: FakeProviderServer;
let photos: ReferenceImageInput[];

beforeAll(async () => {
  fake = await startRunflowFake();
  photos = await Promise.all([loadPhotoReference('astronaut.png'), loadPhotoReference('coffee.png')]);
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.misbehave('none');
  fake.resetCalls();
});

const accept = (input: Parameters<typeof acceptTestRequest>[1]) => acceptTestRequest('runflow', input);

function context(model: ModelId, references: ReferenceImageInput[] = [], cache?: MemoryProviderCache) {
  return createTestContext({ offering: getOffering('runflow', model)!, apiKey: fake.apiKey, baseUrl: fake.url, references, ...(cache ? { cache } : {}) });
}

const submits = () => fake.calls.filter((call) => call.kind === 'submit');

describe('Runflow adapter: request body and result', () => {
  it('creates a text-to-image run with every setting mapped, polls it, and bills its cost', async () => {
    const request = accept({
      model: 'nano-banana-2',
      prompt: 'A bioluminescent treehouse hotel at twilight',
      resolution: '2K',
      aspectRatio: '16:9',
      numberResults: 2,
      seed: 42,
      thinking: 'high',
      webSearch: true,
      outputFormat: 'webp',
      advanced: { safetyTolerance: '2' },
    });
    const callContext = context('nano-banana-2');
    const result = await createRunflowAdapter(FAST).generate(request, callContext);

    expect(submits()).toHaveLength(1);
    expect(submits()[0]!.path).toBe('/v1/models/google/nano-banana-2/runs');
    expect(submits()[0]!.headers.authorization).toBe('Bearer <redacted>');
    expect(submits()[0]!.body).toEqual({
      input: {
        prompt: 'A bioluminescent treehouse hotel at twilight',
        resolution: '2K',
        aspect_ratio: '16:9',
        num_images: 2,
        output_format: 'webp',
        enable_web_search: true,
        thinking_level: 'high',
        safety_tolerance: '2',
        seed: 42,
      },
      metadata: { studioGenerationId: callContext.generationId },
    });
    expect(fake.calls.filter((call) => call.kind === 'poll').length).toBeGreaterThanOrEqual(2);
    expect(result.images).toHaveLength(2);
    for (const image of result.images) expect(await imageSize(image.bytes)).toEqual({ width: 2752, height: 1536, format: 'webp' });
    expect(result.images[0]!.seed).toBe(42);
    // The fake's 2K price ($0.12, an assumption) + $0.015 web search + $0.002 thinking high, per image.
    expect(result.billedCost).toBeCloseTo(2 * (0.12 + 0.015 + 0.002), 10);
    const runId = (callContext.acceptedStates.at(-1)!.runs as Array<{ runId: string }>)[0]!.runId;
    expect(callContext.acceptedStates).toEqual([
      { runs: [{ numImages: 2, status: 'submitting', runId: null }] },
      { runs: [{ numImages: 2, status: 'created', runId }] },
    ]);
  });

  it(
    'uploads references first (start, PUT without the key, confirm), ' + 'sends their https URLs to the /edit model and reads the image_urls output shape',
    async () => {
      fake.misbehave('image-urls-shape');
      const references = photos.slice(0, 2);
      const request = accept({ model: 'nano-banana-2', prompt: 'Put the astronaut in the coffee cup', referenceImages: references.map((photo) => photo.id) });
      const callContext = context('nano-banana-2', references);
      const result = await createRunflowAdapter(FAST).generate(request, callContext);
      const uploads = fake.calls.filter((call) => call.kind === 'upload');
      expect(uploads.map((call) => `${call.method} ${call.path.replace(/asset_[0-9a-f]+/, 'ID')}`)).toEqual(
        expect.arrayContaining(['POST /v1/asset-uploads', 'PUT /presigned-uploads/ID', 'POST /v1/asset-uploads/ID/confirmations']),
      );
      expect(uploads).toHaveLength(6);
      for (const put of uploads.filter((call) => call.method === 'PUT')) expect(put.headers.authorization).toBeUndefined();
      expect(submits()[0]!.path).toBe('/v1/models/google/nano-banana-2/edit/runs');
      const input = (submits()[0]!.body as { input: { image_urls: string[] } }).input;
      expect(input).toMatchObject({
        prompt: 'Put the astronaut in the coffee cup',
        resolution: '1K',
        aspect_ratio: 'auto',
        num_images: 1,
        output_format: 'png',
      });
      expect(input.image_urls).toHaveLength(2);
      for (const url of input.image_urls) expect(url).toMatch(new RegExp(`^${fake.origin}/files/assets/asset_[0-9a-f]+/`));
      // auto: the fake follows the first reference (512x512, 1:1).
      expect(await imageSize(result.images[0]!.bytes)).toEqual({ width: 1024, height: 1024, format: 'png' });
      expect(result.billedCost).toBeCloseTo(0.08, 10);

      // The same references again: no second upload (cached by sha256 for this key).
      fake.misbehave('none');
      fake.resetCalls();
      await createRunflowAdapter(FAST).generate(request, context('nano-banana-2', references, callContext.cache));
      expect(fake.calls.filter((call) => call.kind === 'upload')).toEqual([]);
      expect((submits()[0]!.body as { input: { image_urls: string[] } }).input.image_urls).toEqual(input.image_urls);

      // Once the cached URLs may have expired they are fetched again, still without uploading.
      fake.resetCalls();
      await createRunflowAdapter({ ...FAST, assetUrlFreshMs: 0 }).generate(request, context('nano-banana-2', references, callContext.cache));
      expect(fake.calls.filter((call) => call.kind === 'upload')).toEqual([]);
      expect(fake.calls.filter((call) => call.path.startsWith('/v1/assets/')).map((call) => call.method)).toEqual(['GET', 'GET']);

      // Another key is another account: it uploads its own copies.
      expect(runflowAssetCacheKey(fake.url, 'another-key', references[0]!.sha256)).not.toBe(runflowAssetCacheKey(fake.url, fake.apiKey, references[0]!.sha256));
    },
  );

  it('sends web search to Nano Banana Pro, and reads runs that say status instead of status_code', async () => {
    fake.misbehave('status-field');
    const request = accept({ model: 'nano-banana-pro', prompt: "Today's weather over Lisbon as a poster", webSearch: true });
    const result = await createRunflowAdapter(FAST).generate(request, context('nano-banana-pro'));
    expect(submits()[0]!.body).toMatchObject({ input: { enable_web_search: true } });
    expect(fake.calls.some((call) => call.kind === 'poll')).toBe(true);
    expect(result.images).toHaveLength(1);
    expect(result.billedCost).toBeCloseTo(0.165, 10);
  });

  it('checks a key for free by looking up a run that does not exist', async () => {
    const adapter = createRunflowAdapter(FAST);
    expect(await adapter.checkKey!({ apiKey: fake.apiKey, baseUrl: fake.url, signal: new AbortController().signal })).toMatchObject({
      method: 'probe',
      verified: true,
      listedModelIds: null,
    });
    const error = await expectProviderError(adapter.checkKey!({ apiKey: 'wrong', baseUrl: fake.url, signal: new AbortController().signal }));
    expect(error).toMatchObject({ httpStatus: 401, providerCode: 'UNAUTHORIZED' });
    expect(submits()).toEqual([]);
  });

  it('makes 4 Pro images in one run (num_images 4) and bills the run', async () => {
    const request = accept({ model: 'nano-banana-pro', prompt: 'A brass telescope', aspectRatio: '3:2', numberResults: 4 });
    const result = await createRunflowAdapter(FAST).generate(request, context('nano-banana-pro'));
    expect(submits().map((call) => (call.body as { input: { num_images: number } }).input.num_images)).toEqual([4]);
    expect(result.images).toHaveLength(4);
    expect(result.billedCost).toBeCloseTo(4 * 0.15, 10);
    for (const image of result.images) expect(await imageSize(image.bytes)).toEqual({ width: 1264, height: 848, format: 'png' });
  });
});

describe('Runflow adapter: faults', () => {
  const simple = () => accept({ model: 'nano-banana-2', prompt: 'A red bicycle in the snow', aspectRatio: '1:1' });

  it('a rejected key names RUNFLOW_API_KEY', async () => {
    fake.misbehave('reject-key');
    const error = await expectProviderError(createRunflowAdapter(FAST).generate(simple(), context('nano-banana-2')));
    expect(error).toMatchObject({ providerCode: 'UNAUTHORIZED', httpStatus: 401 });
    expect(error.message).toMatch(/Runflow rejected the API key in RUNFLOW_API_KEY; check it at https:\/\/app\.runflow\.io/);
  });

  it('no credit says to top up', async () => {
    fake.misbehave('no-credit');
    const error = await expectProviderError(createRunflowAdapter(FAST).generate(simple(), context('nano-banana-2')));
    expect(error).toMatchObject({ providerCode: 'INSUFFICIENT_CREDIT', httpStatus: 402 });
    expect(error.message).toMatch(/no credit left; top it up/);
  });

  it('a prompt refused by the content policy says to rephrase', async () => {
    fake.misbehave('refuse-prompt');
    const error = await expectProviderError(createRunflowAdapter(FAST).generate(simple(), context('nano-banana-2')));
    expect(error.providerCode).toBe('CONTENT_POLICY_VIOLATION');
    expect(error.message).toMatch(/refused the prompt on safety grounds; rephrase it/);
  });

  it('retries 429 and 503 (nothing created) and creates the run once', async () => {
    fake.misbehave('unavailable', { times: 1 });
    await createRunflowAdapter(FAST).generate(simple(), context('nano-banana-2'));
    fake.misbehave('rate-limit', { times: 1 });
    const result = await createRunflowAdapter(FAST).generate(simple(), context('nano-banana-2'));
    expect(result.images).toHaveLength(1);
    expect(submits()).toHaveLength(4);
  });

  it('a 500 on create is reported, not retried', async () => {
    fake.misbehave('server-error');
    const error = await expectProviderError(createRunflowAdapter(FAST).generate(simple(), context('nano-banana-2')));
    expect(error).toMatchObject({ providerCode: 'INTERNAL_ERROR', httpStatus: 500, retryable: true });
    expect(error.message).toMatch(/Runflow is having trouble \(HTTP 500\)/);
    expect(submits()).toHaveLength(1);
  });

  it('a malformed create answer is reported and not sent again', async () => {
    fake.misbehave('malformed-json');
    const error = await expectProviderError(createRunflowAdapter(FAST).generate(simple(), context('nano-banana-2')));
    expect(error.providerCode).toBe('malformed_response');
    expect(error.message).toMatch(/not sent again/);
    expect(submits()).toHaveLength(1);
  });

  it('a dropped connection on create is not resubmitted', async () => {
    fake.misbehave('drop-connection');
    const error = await expectProviderError(createRunflowAdapter(FAST).generate(simple(), context('nano-banana-2')));
    expect(error.message).toMatch(/Runflow may have started it, so it was not sent again/);
    expect(submits()).toHaveLength(1);
  });

  it('a create that times out is not resubmitted', async () => {
    fake.misbehave('slow', { delayMs: 300, times: 1 });
    const error = await expectProviderError(createRunflowAdapter({ ...FAST, requestTimeoutMs: 100 }).generate(simple(), context('nano-banana-2')));
    expect(error.providerCode).toBe('timeout');
    expect(submits()).toHaveLength(1);
  });

  it('gives up polling after the overall timeout', async () => {
    fake.misbehave('processing', { polls: 1000 });
    const error = await expectProviderError(createRunflowAdapter({ ...FAST, overallTimeoutMs: 150 }).generate(simple(), context('nano-banana-2')));
    expect(error.providerCode).toBe('timeout');
    expect(error.message).toMatch(/did not finish run run_[0-9a-f]+ within/);
  });

  it('an expired output URL gives image_url_expired', async () => {
    fake.misbehave('expire-image-urls');
    const error = await expectProviderError(createRunflowAdapter(FAST).generate(simple(), context('nano-banana-2')));
    expect(error).toMatchObject({ providerCode: 'image_url_expired', httpStatus: 404 });
  });

  it('resumes a created run after a restart by polling it: one create, the images arrive', async () => {
    fake.misbehave('processing', { polls: 3 });
    const request = simple();
    const first = context('nano-banana-2');
    const run = createRunflowAdapter(FAST).generate(request, first);
    await vi.waitFor(() => expect(fake.calls.some((call) => call.kind === 'poll')).toBe(true), { interval: 5 });
    first.cancel();
    const cancelled = await expectProviderError(run);
    expect(cancelled.providerCode).toBe('cancelled');
    const saved = JSON.parse(JSON.stringify(first.acceptedStates.at(-1)));
    expect(saved.runs[0].status).toBe('created');

    const result = await createRunflowAdapter(FAST).resume!(request, saved, context('nano-banana-2'));
    expect(submits()).toHaveLength(1);
    expect(result.images).toHaveLength(1);
    expect(result.billedCost).toBeCloseTo(0.08, 10);
  });

  it('resume of a run whose create was in flight does not create it again', async () => {
    const request = simple();
    const error = await expectProviderError(
      createRunflowAdapter(FAST).resume!(request, { runs: [{ numImages: 1, status: 'submitting', runId: null }] }, context('nano-banana-2')),
    );
    expect(error.providerCode).toBe('no_images');
    expect(submits()).toHaveLength(0);
  });
});

describe('the n-image split above the adapter (generateImages), with Runflow runs of at most 2 images', () => {
  const twoPerCall = () => {
    const offering = getOffering('runflow', 'nano-banana-2')!;
    return createTestContext({ offering: { ...offering, numberResults: { ...offering.numberResults, perCall: 2 } }, apiKey: fake.apiKey, baseUrl: fake.url });
  };
  const fourImages = () => accept({ model: 'nano-banana-2', prompt: 'Four lanterns on a pier', aspectRatio: '1:1', numberResults: 4 });

  it('makes ceil(4 / 2) runs, merges images and costs, and saves one state per call', async () => {
    const callContext = twoPerCall();
    const result = await generateImages(createRunflowAdapter(FAST), fourImages(), callContext);
    expect(submits().map((call) => (call.body as { input: { num_images: number } }).input.num_images)).toEqual([2, 2]);
    expect(result.images).toHaveLength(4);
    expect(result.billedCost).toBeCloseTo(2 * 0.08 * 2, 10);
    const saved = callContext.acceptedStates.at(-1) as { splitCalls: Array<{ numberResults: number; state: { runs: Array<{ status: string }> } }> };
    expect(saved.splitCalls.map((call) => [call.numberResults, call.state.runs[0]!.status])).toEqual([
      [2, 'created'],
      [2, 'created'],
    ]);
  });

  it('after a restart, resumes the call Runflow accepted and sends only the call never sent', async () => {
    const created = createTestContext({ offering: getOffering('runflow', 'nano-banana-2')!, apiKey: fake.apiKey, baseUrl: fake.url });
    await createRunflowAdapter(FAST).generate(accept({ model: 'nano-banana-2', prompt: 'Four lanterns on a pier', numberResults: 2 }), created);
    fake.resetCalls();
    const state = {
      splitCalls: [
        { numberResults: 2, state: JSON.parse(JSON.stringify(created.acceptedStates.at(-1))) },
        { numberResults: 2, state: null },
      ],
    };
    const callContext = twoPerCall();
    const result = await resumeImages(createRunflowAdapter(FAST), fourImages(), state, callContext);
    expect(submits()).toHaveLength(1);
    expect(result.images).toHaveLength(4);
    const saved = callContext.acceptedStates.at(-1) as { splitCalls: Array<{ state: unknown }> };
    expect(saved.splitCalls.every((call) => call.state !== null)).toBe(true);
  });
});

describe('fake Runflow server: strictness', () => {
  async function create(path: string, body: unknown) {
    const response = await fetch(`${fake.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  }

  it("refuses unknown fields, wrong types and values in Runflow's 422 format", async () => {
    const answer = await create('/v1/models/google/nano-banana-2/runs', {
      input: { prompt: 'ok prompt', aspect_ratio: '5:3', num_images: 5, safety_tolerance: 4, thinking: 'high', resolution: '3K' },
      webhook: 'x',
    });
    expect(answer.status).toBe(422);
    expect(answer.json.code).toBe('VALIDATION_ERROR');
    expect(answer.json.errors.map((entry: { field: string }) => entry.field).sort()).toEqual(
      ['input.aspect_ratio', 'input.num_images', 'input.resolution', 'input.safety_tolerance', 'input.thinking', 'webhook'].sort(),
    );
  });

  it('refuses image_urls on the text model, requires them on /edit, and Pro takes no thinking_level', async () => {
    expect((await create('/v1/models/google/nano-banana-2/runs', { input: { prompt: 'ok prompt', image_urls: [] } })).json.errors[0].field).toBe(
      'input.image_urls',
    );
    expect((await create('/v1/models/google/nano-banana-2/edit/runs', { input: { prompt: 'ok prompt' } })).json.errors[0].field).toBe('input.image_urls');
    expect((await create('/v1/models/google/nano-banana-pro/runs', { input: { prompt: 'ok prompt', thinking_level: 'high' } })).json.errors[0].field).toBe(
      'input.thinking_level',
    );
    expect((await create('/v1/models/google/nano-banana-pro/runs', { input: { prompt: 'ok prompt', aspect_ratio: '8:1' } })).json.errors[0].field).toBe(
      'input.aspect_ratio',
    );
    expect((await create('/v1/models/google/nano-banana-3/runs', { input: { prompt: 'ok prompt' } })).json.code).toBe('MODEL_NOT_FOUND');
    expect((await create('/v1/models/google/nano-banana-2/runs', { input: { prompt: 'ok' } })).json.errors[0].field).toBe('input.prompt');
  });

  it('refuses a missing key and an unknown run', async () => {
    const response = await fetch(`${fake.url}/v1/runs/run_nope`, { headers: { authorization: 'Bearer wrong' } });
    expect(response.status).toBe(401);
    const unknown = await fetch(`${fake.url}/v1/runs/run_nope`, { headers: { authorization: `Bearer ${fake.apiKey}` } });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { code: string }).code).toBe('RUN_NOT_FOUND');
  });
});
