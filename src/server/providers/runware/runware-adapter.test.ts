import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getOffering } from '../../../catalog/catalog.ts';
import type { ModelId } from '../../../catalog/types.ts';
import {
  createTestContext,
  imageSize,
  loadPhotoReference,
  MemoryProviderCache,
  acceptTestRequest,
  expectProviderError,
} from '../../testing/fakes/adapter-test-context.ts';
import type { FakeProviderServer } from '../../testing/fakes/fake-server.ts';
import { FAST_ADAPTER_SETTINGS } from '../../testing/fast-adapter-settings.ts';
import { startRunwareFake } from '../../testing/fakes/runware-fake.ts';
import type { ReferenceImageInput } from '../provider-types.ts';
import { createRunwareAdapter, runwareUploadCacheKey } from './runware-adapter.ts';

const FAST = FAST_ADAPTER_SETTINGS.runware;

const TRI_REFERENCE_PROMPT =
  'Create a luxury fashion editorial composition that merges the subject from reference image 1, ' +
  'the jewelry styling motifs from reference image 2, and the architectural environment from reference image 3.';

let fake: FakeProviderServer;
let photos: ReferenceImageInput[];

beforeAll(async () => {
  fake = await startRunwareFake();
  photos = await Promise.all([loadPhotoReference('astronaut.png'), loadPhotoReference('chelsea.png'), loadPhotoReference('coffee.png')]);
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.misbehave('none');
  fake.resetCalls();
});

const accept = (input: Parameters<typeof acceptTestRequest>[1]) => acceptTestRequest('runware', input);

function context(model: ModelId, references: ReferenceImageInput[] = [], cache?: MemoryProviderCache) {
  return createTestContext({ offering: getOffering('runware', model)!, apiKey: fake.apiKey, baseUrl: fake.url, references, ...(cache ? { cache } : {}) });
}

/** A port nothing listens on. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves once the fake has answered at least one poll of the task. */
async function waitForFirstPoll(): Promise<void> {
  await vi.waitFor(() => expect(fake.calls.some((call) => call.kind === 'poll')).toBe(true), { timeout: 10_000, interval: 5 });
}

function submits() {
  return fake.calls.filter((call) => call.kind === 'submit');
}

const triReference = () =>
  accept({
    model: 'nano-banana-2',
    prompt: TRI_REFERENCE_PROMPT,
    resolution: '1K',
    aspectRatio: '3:2',
    thinking: 'high',
    advanced: { temperature: 0.72, topP: 0.95, safetyTolerance: 'off' },
    referenceImages: photos.map((photo) => photo.id),
  });

describe('Runware adapter: request body and result', () => {
  it('sends the Tri-Reference Fashion Collage body with uploaded references and records the billed cost', async () => {
    const adapter = createRunwareAdapter(FAST);
    const callContext = context('nano-banana-2', photos);
    const result = await adapter.generate(triReference(), callContext);

    const uploads = fake.calls.filter((call) => call.kind === 'upload');
    expect(uploads).toHaveLength(3);
    const uploadedImages = uploads.map((call) => {
      const body = call.body as Array<Record<string, unknown>>;
      expect(body).toEqual([{ taskType: 'imageUpload', taskUUID: expect.any(String), image: expect.stringMatching(/^data:image\/png;base64,/) }]);
      return body[0]!.image;
    });
    expect(uploadedImages.sort()).toEqual(photos.map((photo) => `data:image/png;base64,${photo.bytes.toString('base64')}`).sort());
    const uploadedUuids = [...callContext.cache.entries.values()];
    expect(uploadedUuids).toHaveLength(3);

    expect(submits()).toHaveLength(1);
    const body = submits()[0]!.body as Array<Record<string, unknown>>;
    expect(body).toHaveLength(1);
    expect(body[0]).toEqual({
      taskType: 'imageInference',
      taskUUID: callContext.acceptedStates[0]!.tasks && (callContext.acceptedStates[0]!.tasks as Array<{ taskUUID: string }>)[0]!.taskUUID,
      model: 'google:4@3',
      positivePrompt: TRI_REFERENCE_PROMPT,
      width: 1264,
      height: 848,
      numberResults: 1,
      outputType: 'URL',
      outputFormat: 'JPG',
      includeCost: true,
      deliveryMethod: 'async',
      settings: { temperature: 0.72, topP: 0.95, thinking: 'HIGH' },
      providerSettings: { google: { safetyTolerance: 'off' } },
      inputs: { referenceImages: photos.map((photo) => callContext.cache.get(runwareUploadCacheKey(fake.url, photo.sha256))) },
    });
    expect(submits()[0]!.headers.authorization).toBe('Bearer <redacted>');
    expect(fake.calls.some((call) => call.kind === 'poll')).toBe(true);

    expect(result.images).toHaveLength(1);
    const size = await imageSize(result.images[0]!.bytes);
    expect(size).toEqual({ width: 1264, height: 848, format: 'jpeg' });
    expect(result.images[0]!.mimeType).toBe('image/jpeg');
    expect(typeof result.images[0]!.seed).toBe('number');
    expect(result.billedCost).toBeCloseTo(0.06979, 10);
    expect(result.warnings).toEqual([]);
    expect(callContext.acceptedStates).toEqual([{ deliveryMethod: 'async', tasks: [{ taskUUID: body[0]!.taskUUID, numberResults: 1 }] }]);
  });

  it('reuses uploaded reference images across generations (no second upload)', async () => {
    const adapter = createRunwareAdapter(FAST);
    const cache = new MemoryProviderCache();
    await adapter.generate(triReference(), context('nano-banana-2', photos, cache));
    await adapter.generate(triReference(), context('nano-banana-2', photos, cache));
    expect(fake.calls.filter((call) => call.kind === 'upload')).toHaveLength(3);
    const [first, second] = submits().map((call) => (call.body as Array<{ inputs: { referenceImages: string[] }; taskUUID: string }>)[0]!);
    expect(second!.inputs.referenceImages).toEqual(first!.inputs.referenceImages);
    expect(second!.taskUUID).not.toBe(first!.taskUUID);
  });

  it('uploads the same photo used twice only once', async () => {
    const twice = [photos[0]!, photos[0]!];
    const request = accept({
      model: 'nano-banana',
      prompt: 'Two astronauts side by side',
      aspectRatio: '16:9',
      referenceImages: twice.map((photo) => photo.id),
    });
    const callContext = context('nano-banana', twice);
    await createRunwareAdapter(FAST).generate(request, callContext);
    expect(fake.calls.filter((call) => call.kind === 'upload')).toHaveLength(1);
    const uuid = callContext.cache.get(runwareUploadCacheKey(fake.url, photos[0]!.sha256));
    expect((submits()[0]!.body as Array<{ inputs: unknown }>)[0]!.inputs).toEqual({ referenceImages: [uuid, uuid] });
  });

  it('uploads again, once, when a cached imageUUID is unknown to Runware', async () => {
    const adapter = createRunwareAdapter(FAST);
    const cache = new MemoryProviderCache();
    for (const photo of photos) cache.set(runwareUploadCacheKey(fake.url, photo.sha256), '0b9c5a4e-4f8e-4d3c-9a7e-1c2d3e4f5a6b');
    const result = await adapter.generate(triReference(), context('nano-banana-2', photos, cache));
    expect(result.images).toHaveLength(1);
    expect(fake.calls.filter((call) => call.kind === 'upload')).toHaveLength(3);
    const bodies = submits().map((call) => (call.body as Array<{ taskUUID: string }>)[0]!);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]!.taskUUID).not.toBe(bodies[1]!.taskUUID);
  });

  it('sends references as data URIs with sync delivery when so configured', async () => {
    const adapter = createRunwareAdapter({ ...FAST, referenceStrategy: 'dataUri', deliveryMethod: 'sync' });
    const result = await adapter.generate(triReference(), context('nano-banana-2', photos));
    expect(fake.calls.map((call) => call.kind)).toEqual(['submit', 'image']);
    const task = (submits()[0]!.body as Array<Record<string, unknown>>)[0]!;
    expect(task.deliveryMethod).toBe('sync');
    expect(task.inputs).toEqual({ referenceImages: photos.map((photo) => `data:image/png;base64,${photo.bytes.toString('base64')}`) });
    expect(result.billedCost).toBeCloseTo(0.06979, 10);
  });

  it('makes several images in one task, sums their cost and keeps each seed', async () => {
    const adapter = createRunwareAdapter(FAST);
    const request = accept({
      model: 'nano-banana-pro',
      prompt: 'A lighthouse at dawn',
      resolution: '4K',
      aspectRatio: '21:9',
      numberResults: 3,
      seed: 100,
      outputFormat: 'png',
    });
    const result = await adapter.generate(request, context('nano-banana-pro'));
    const task = (submits()[0]!.body as Array<Record<string, unknown>>)[0]!;
    expect(task).toMatchObject({ model: 'google:4@2', width: 6336, height: 2688, seed: 100, numberResults: 3, outputFormat: 'PNG' });
    expect(result.images.map((image) => image.seed)).toEqual([100, 101, 102]);
    for (const image of result.images) expect(await imageSize(image.bytes)).toEqual({ width: 6336, height: 2688, format: 'png' });
    expect(result.billedCost).toBeCloseTo(3 * 0.244, 10);
  });

  it('returns base64 output without any download', async () => {
    const adapter = createRunwareAdapter({ ...FAST, outputType: 'base64Data', deliveryMethod: 'sync' });
    const request = accept({ model: 'nano-banana', prompt: 'A paper boat', aspectRatio: '16:9', outputFormat: 'webp' });
    const result = await adapter.generate(request, context('nano-banana'));
    expect(fake.calls.map((call) => call.kind)).toEqual(['submit']);
    expect(await imageSize(result.images[0]!.bytes)).toEqual({ width: 1344, height: 768, format: 'webp' });
    expect(result.images[0]!.mimeType).toBe('image/webp');
    expect(result.billedCost).toBeCloseTo(0.039, 10);
  });
});

describe('Runware adapter: key check', () => {
  it("asks about a task that was never sent: free, no inference; a wrong key is Runware's 401", async () => {
    const adapter = createRunwareAdapter(FAST);
    const signal = new AbortController().signal;
    expect(await adapter.checkKey!({ apiKey: fake.apiKey, baseUrl: fake.url, signal })).toMatchObject({
      method: 'probe',
      verified: true,
      listedModelIds: null,
    });
    expect(fake.calls.map((call) => call.kind)).toEqual(['poll']);
    const error = await expectProviderError(adapter.checkKey!({ apiKey: 'not-the-key', baseUrl: fake.url, signal }));
    expect(error).toMatchObject({ httpStatus: 401, providerCode: 'invalidApiKey' });
    expect(error.message).toMatch(/RUNWARE_API_KEY/);
  });
});

describe('Runware adapter: faults', () => {
  const simple = () => accept({ model: 'nano-banana-2', prompt: 'A red bicycle in the snow' });

  it('a rejected key gives an actionable error naming RUNWARE_API_KEY', async () => {
    fake.misbehave('reject-key');
    const error = await expectProviderError(createRunwareAdapter(FAST).generate(simple(), context('nano-banana-2')));
    expect(error.providerCode).toBe('invalidApiKey');
    expect(error.httpStatus).toBe(401);
    expect(error.message).toMatch(/Runware rejected the API key in RUNWARE_API_KEY; check it at https:\/\/my\.runware\.ai/);
    expect(submits()).toHaveLength(1);
  });

  it('no credit says to top up', async () => {
    fake.misbehave('no-credit');
    const error = await expectProviderError(createRunwareAdapter(FAST).generate(simple(), context('nano-banana-2')));
    expect(error.providerCode).toBe('insufficientCredits');
    expect(error.message).toMatch(/no credit left; top it up/);
  });

  it('a refused prompt says to rephrase', async () => {
    fake.misbehave('refuse-prompt');
    const error = await expectProviderError(createRunwareAdapter(FAST).generate(simple(), context('nano-banana-2')));
    expect(error.providerCode).toBe('contentBlocked');
    expect(error.message).toMatch(/refused the prompt on safety grounds; rephrase it/);
    expect(error.providerMessage).toMatch(/safety filter/);
  });

  it('retries a 429 (not accepted) and then succeeds with one accepted task', async () => {
    fake.misbehave('rate-limit', { times: 2 });
    const result = await createRunwareAdapter(FAST).generate(simple(), context('nano-banana-2'));
    expect(result.images).toHaveLength(1);
    expect(submits()).toHaveLength(3);
    const uuids = new Set(submits().map((call) => (call.body as Array<{ taskUUID: string }>)[0]!.taskUUID));
    expect(uuids.size).toBe(1);
  });

  it('gives up on a 429 that lasts, with a rate-limit sentence', async () => {
    fake.misbehave('rate-limit', { times: 10 });
    const error = await expectProviderError(createRunwareAdapter(FAST).generate(simple(), context('nano-banana-2')));
    expect(error.httpStatus).toBe(429);
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/rate-limiting/);
    expect(submits()).toHaveLength(3);
  });

  it('a 500 is not resubmitted: the adapter asks about the task, then reports the error', async () => {
    fake.misbehave('server-error');
    const error = await expectProviderError(createRunwareAdapter(FAST).generate(simple(), context('nano-banana-2')));
    expect(error.httpStatus).toBe(500);
    expect(error.providerCode).toBe('internalServerError');
    expect(error.message).toMatch(/Runware is having trouble \(HTTP 500\)/);
    expect(submits()).toHaveLength(1);
    expect(fake.calls.filter((call) => call.kind === 'poll').length).toBeGreaterThanOrEqual(1);
  });

  it('a malformed answer gives a clear error and no resubmit', async () => {
    fake.misbehave('malformed-json');
    const error = await expectProviderError(createRunwareAdapter(FAST).generate(simple(), context('nano-banana-2')));
    expect(error.providerCode).toBe('malformed_response');
    expect(error.message).toMatch(/Runware sent an answer the studio cannot read/);
    expect(submits()).toHaveLength(1);
  });

  it('a dropped connection after acceptance is recovered by polling, never by a second submit', async () => {
    fake.misbehave('drop-connection');
    for (const deliveryMethod of ['async', 'sync'] as const) {
      fake.resetCalls();
      fake.misbehave('drop-connection');
      const result = await createRunwareAdapter({ ...FAST, deliveryMethod }).generate(simple(), context('nano-banana-2'));
      expect(result.images).toHaveLength(1);
      expect(result.billedCost).toBeCloseTo(0.06895, 10);
      expect(submits()).toHaveLength(1);
    }
  });

  it('a submit timeout switches to polling the accepted task', async () => {
    fake.misbehave('slow', { delayMs: 400, times: 1 });
    const result = await createRunwareAdapter({ ...FAST, requestTimeoutMs: 150 }).generate(simple(), context('nano-banana-2'));
    expect(result.images).toHaveLength(1);
    expect(submits()).toHaveLength(1);
  });

  it('an image URL that expires before download gives image_url_expired', async () => {
    fake.misbehave('expire-image-urls');
    const error = await expectProviderError(createRunwareAdapter(FAST).generate(simple(), context('nano-banana-2')));
    expect(error.providerCode).toBe('image_url_expired');
    expect(error.httpStatus).toBe(404);
    expect(error.message).toMatch(/answered 404/);
  });

  it('an image downloaded at once survives the URL expiring later', async () => {
    const result = await createRunwareAdapter(FAST).generate(simple(), context('nano-banana-2'));
    fake.misbehave('expire-image-urls');
    const imageCall = fake.calls.find((call) => call.kind === 'image')!;
    expect((await fetch(`${fake.origin}${imageCall.path}`)).status).toBe(404);
    expect(await imageSize(result.images[0]!.bytes)).toEqual({ width: 1024, height: 1024, format: 'jpeg' });
  });

  it('cancelling stops polling with a cancelled error', async () => {
    fake.misbehave('processing', { polls: 1000 });
    const callContext = context('nano-banana-2');
    const run = createRunwareAdapter(FAST).generate(simple(), callContext);
    await waitForFirstPoll();
    callContext.cancel();
    const error = await expectProviderError(run);
    expect(error.providerCode).toBe('cancelled');
    expect(submits()).toHaveLength(1);
  });

  it('gives up after the overall timeout while the task stays processing', async () => {
    fake.misbehave('processing', { polls: 1000 });
    const error = await expectProviderError(createRunwareAdapter({ ...FAST, overallTimeoutMs: 200 }).generate(simple(), context('nano-banana-2')));
    expect(error.providerCode).toBe('timeout');
    expect(error.message).toMatch(/did not finish the task within/);
  });

  it('resumes an accepted task after a restart: one submit, the images arrive', async () => {
    fake.misbehave('processing', { polls: 4 });
    const request = accept({ model: 'nano-banana-2', prompt: 'A glass greenhouse at night', resolution: '2K', aspectRatio: '16:9', numberResults: 2 });
    const firstContext = context('nano-banana-2');
    // The "restart": the generation is aborted once the task is accepted and has been polled once.
    const firstRun = createRunwareAdapter(FAST).generate(request, firstContext);
    await waitForFirstPoll();
    firstContext.cancel();
    await expectProviderError(firstRun);
    const saved = firstContext.acceptedStates.at(-1)!;

    const adapter = createRunwareAdapter(FAST);
    const result = await adapter.resume!(request, JSON.parse(JSON.stringify(saved)), context('nano-banana-2'));
    expect(submits()).toHaveLength(1);
    expect(result.images).toHaveLength(2);
    for (const image of result.images) expect(await imageSize(image.bytes)).toEqual({ width: 2752, height: 1536, format: 'jpeg' });
    expect(result.billedCost).toBeCloseTo(2 * 0.10255, 10);
  });

  it('resume of a task Runware does not know says so', async () => {
    const request = accept({ model: 'nano-banana-2', prompt: 'A glass greenhouse at night' });
    const error = await expectProviderError(
      createRunwareAdapter(FAST).resume!(
        request,
        { deliveryMethod: 'async', tasks: [{ taskUUID: '6f1c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f', numberResults: 1 }] },
        context('nano-banana-2'),
      ),
    );
    expect(error.message).toMatch(/no longer knows the task started before the restart/);
    expect(submits()).toHaveLength(0);
  });

  it('an unreachable server is reported as such (connection refused, retried, nothing accepted)', async () => {
    const port = await freePort();
    const callContext = createTestContext({ offering: getOffering('runware', 'nano-banana-2')!, apiKey: 'k', baseUrl: `http://127.0.0.1:${port}/v1` });
    const error = await expectProviderError(createRunwareAdapter(FAST).generate(simple(), callContext));
    expect(error.providerCode).toBe('connection_refused');
    expect(error.message).toMatch(new RegExp(`Could not reach Runware at http://127.0.0.1:${port} \\(ECONNREFUSED\\).*RUNWARE_BASE_URL`));
  });
});
