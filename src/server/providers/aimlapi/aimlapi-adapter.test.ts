import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getOffering } from '../../../catalog/catalog.ts';
import type { ModelId } from '../../../catalog/types.ts';
import { createTestContext, imageSize, loadPhotoReference, acceptTestRequest, expectProviderError } from '../../testing/fakes/adapter-test-context.ts';
import { startAimlapiFake } from '../../testing/fakes/aimlapi-fake.ts';
import { generateImages } from '../generate-images.ts';
import type { FakeProviderServer } from '../../testing/fakes/fake-server.ts';
import { FAST_ADAPTER_SETTINGS } from '../../testing/fast-adapter-settings.ts';
import type { ReferenceImageInput } from '../provider-types.ts';
import { createAimlapiAdapter } from './aimlapi-adapter.ts';

const FAST = FAST_ADAPTER_SETTINGS.aimlapi;

let fake: FakeProviderServer;
let photos: ReferenceImageInput[];

beforeAll(async () => {
  fake = await startAimlapiFake();
  photos = await Promise.all([loadPhotoReference('chelsea.png'), loadPhotoReference('coffee.png')]);
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.misbehave('none');
  fake.resetCalls();
});

const accept = (input: Parameters<typeof acceptTestRequest>[1]) => acceptTestRequest('aimlapi', input);

function context(model: ModelId, references: ReferenceImageInput[] = []) {
  return createTestContext({ offering: getOffering('aimlapi', model)!, apiKey: fake.apiKey, baseUrl: fake.url, references });
}

const submits = () => fake.calls.filter((call) => call.kind === 'submit');

describe('AI/ML API adapter: request body and result', () => {
  it("sends seed 004's fields, one call per Nano Banana 2 image, and bills credits_used / 2,000,000", async () => {
    const request = accept({
      model: 'nano-banana-2',
      prompt: 'A T-Rex relaxing on a beach, lying on a sun lounger and wearing sunglasses.',
      resolution: '1K',
      aspectRatio: '16:9',
      webSearch: false,
      numberResults: 2,
    });
    const result = await generateImages(createAimlapiAdapter(FAST), request, context('nano-banana-2'));
    expect(submits()).toHaveLength(2);
    for (const call of submits()) {
      expect(call.path).toBe('/v1/images/generations');
      expect(call.headers.authorization).toBe('Bearer <redacted>');
      expect(call.body).toEqual({
        model: 'google/nano-banana-2',
        prompt: 'A T-Rex relaxing on a beach, lying on a sun lounger and wearing sunglasses.',
        aspect_ratio: '16:9',
        resolution: '1K',
        enable_web_search: false,
      });
    }
    expect(result.images).toHaveLength(2);
    // Seed 004: "We obtained the following 1376x768 image".
    for (const image of result.images) expect(await imageSize(image.bytes)).toEqual({ width: 1376, height: 768, format: 'png' });
    expect(result.billedCost).toBeCloseTo((2 * 178_975) / 2_000_000, 10);
  });

  it('sends references as data URIs and Pro edits with num_images to google/nano-banana-pro-edit', async () => {
    const request = accept({
      model: 'nano-banana-pro',
      prompt: 'The cat drinking from the coffee cup',
      resolution: '2K',
      aspectRatio: '21:9',
      numberResults: 3,
      referenceImages: photos.map((photo) => photo.id),
    });
    const result = await generateImages(createAimlapiAdapter(FAST), request, context('nano-banana-pro', photos));
    expect(submits()).toHaveLength(1);
    expect(submits()[0]!.body).toEqual({
      model: 'google/nano-banana-pro-edit',
      prompt: 'The cat drinking from the coffee cup',
      aspect_ratio: '21:9',
      resolution: '2K',
      image_urls: photos.map((photo) => `data:image/png;base64,${photo.bytes.toString('base64')}`),
      num_images: 3,
    });
    expect(result.images).toHaveLength(3);
    for (const image of result.images) expect(await imageSize(image.bytes)).toEqual({ width: 3168, height: 1344, format: 'png' });
    expect(result.billedCost).toBeCloseTo((3 * 315_000) / 2_000_000, 10);
  });
});

describe('AI/ML API adapter: faults', () => {
  const simple = () => accept({ model: 'nano-banana-2', prompt: 'A red bicycle in the snow' });

  it('a rejected key names AIMLAPI_API_KEY', async () => {
    fake.misbehave('reject-key');
    const error = await expectProviderError(generateImages(createAimlapiAdapter(FAST), simple(), context('nano-banana-2')));
    expect(error).toMatchObject({ providerCode: '401', httpStatus: 401 });
    expect(error.message).toMatch(/AI\/ML API rejected the API key in AIMLAPI_API_KEY; check it at https:\/\/aimlapi\.com\/app/);
  });

  it('out of credits (403) says to top up', async () => {
    fake.misbehave('no-credit');
    const error = await expectProviderError(generateImages(createAimlapiAdapter(FAST), simple(), context('nano-banana-2')));
    expect(error.httpStatus).toBe(403);
    expect(error.message).toMatch(/no credit left; top it up/);
  });

  it('a moderated prompt says to rephrase', async () => {
    fake.misbehave('refuse-prompt');
    const error = await expectProviderError(generateImages(createAimlapiAdapter(FAST), simple(), context('nano-banana-2')));
    expect(error.message).toMatch(/refused the prompt on safety grounds/);
  });

  it('retries a 429 and bills one call', async () => {
    fake.misbehave('rate-limit', { times: 2 });
    const result = await generateImages(createAimlapiAdapter(FAST), simple(), context('nano-banana-2'));
    expect(submits()).toHaveLength(3);
    expect(result.billedCost).toBeCloseTo(178_975 / 2_000_000, 10);
  });

  it('a 500 is reported and not retried', async () => {
    fake.misbehave('server-error');
    const error = await expectProviderError(generateImages(createAimlapiAdapter(FAST), simple(), context('nano-banana-2')));
    expect(error).toMatchObject({ httpStatus: 500, retryable: true });
    expect(submits()).toHaveLength(1);
  });

  it('a malformed answer, a dropped connection and a timeout are never resubmitted', async () => {
    fake.misbehave('malformed-json');
    expect((await expectProviderError(generateImages(createAimlapiAdapter(FAST), simple(), context('nano-banana-2')))).providerCode).toBe('malformed_response');
    fake.misbehave('drop-connection');
    expect((await expectProviderError(generateImages(createAimlapiAdapter(FAST), simple(), context('nano-banana-2')))).message).toMatch(/not sent again/);
    fake.misbehave('slow', { delayMs: 300, times: 1 });
    expect(
      (await expectProviderError(generateImages(createAimlapiAdapter({ ...FAST, requestTimeoutMs: 100 }), simple(), context('nano-banana-2')))).providerCode,
    ).toBe('timeout');
    expect(submits()).toHaveLength(3);
  });

  it('keeps the images of the calls that worked when one of several fails', async () => {
    fake.misbehave('server-error', { times: 1 });
    const request = accept({ model: 'nano-banana-2', prompt: 'A red bicycle in the snow', numberResults: 3 });
    const result = await generateImages(createAimlapiAdapter(FAST), request, context('nano-banana-2'));
    expect(result.images).toHaveLength(2);
    expect(result.billedCost).toBeCloseTo((2 * 178_975) / 2_000_000, 10);
    expect(result.warnings.join(' ')).toMatch(/made only part of the images.*HTTP 500/);
  });

  it('an expired image URL gives image_url_expired', async () => {
    fake.misbehave('expire-image-urls');
    const error = await expectProviderError(generateImages(createAimlapiAdapter(FAST), simple(), context('nano-banana-2')));
    expect(error.providerCode).toBe('image_url_expired');
  });
});

describe('fake AI/ML API: strictness', () => {
  async function post(body: unknown) {
    const response = await fetch(`${fake.url}/v1/images/generations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  }

  it('refuses fields a model does not take, values outside its lists, and too many image_urls', async () => {
    const numImages = await post({ model: 'google/nano-banana-2', prompt: 'x', num_images: 2 });
    expect(numImages.status).toBe(400);
    expect(numImages.json).toMatchObject({ message: 'Body validation error!', statusCode: '400', path: '/v1/images/generations' });
    expect(numImages.json.errors[0].path).toBe('num_images');
    expect((await post({ model: 'google/nano-banana-2', prompt: 'x', aspect_ratio: '21:9' })).json.errors[0].path).toBe('aspect_ratio');
    expect((await post({ model: 'google/nano-banana-2', prompt: 'x', resolution: '0.5K' })).json.errors[0].path).toBe('resolution');
    const six = Array.from({ length: 6 }, () => `data:image/png;base64,${photos[0]!.bytes.toString('base64')}`);
    expect((await post({ model: 'google/nano-banana-2', prompt: 'x', image_urls: six })).json.errors[0].path).toBe('image_urls');
    expect((await post({ model: 'google/nano-banana-pro', prompt: 'x', image_urls: six.slice(0, 1) })).json.errors[0].path).toBe('image_urls');
    expect((await post({ model: 'google/nano-banana-pro-edit', prompt: 'x' })).json.errors[0].path).toBe('image_urls');
    expect((await post({ model: 'google/nano-banana-pro', prompt: 'x', num_images: 5 })).json.errors[0].path).toBe('num_images');
    expect((await post({ model: 'google/nano-banana-2' })).json.errors[0].path).toBe('prompt');
  });
});
