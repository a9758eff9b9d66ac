import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getOffering } from '../../../catalog/catalog.ts';
import type { ModelId } from '../../../catalog/types.ts';
import { createTestContext, imageSize, loadPhotoReference, acceptTestRequest, expectProviderError } from '../../testing/fakes/adapter-test-context.ts';
import { generateImages } from '../generate-images.ts';
import type { FakeProviderServer } from '../../testing/fakes/fake-server.ts';
import { FAST_ADAPTER_SETTINGS } from '../../testing/fast-adapter-settings.ts';
import { startGeminiFake } from '../../testing/fakes/gemini-fake.ts';
import type { ReferenceImageInput } from '../provider-types.ts';
import { createGeminiAdapter } from './gemini-adapter.ts';

const FAST = FAST_ADAPTER_SETTINGS.gemini;

let fake: FakeProviderServer;
let photos: ReferenceImageInput[];

beforeAll(async () => {
  fake = await startGeminiFake();
  photos = await Promise.all([
    loadPhotoReference('astronaut.png'),
    loadPhotoReference('chelsea.png'),
    loadPhotoReference('coffee.png'),
    loadPhotoReference('astronaut.png', 1),
  ]);
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.misbehave('none');
  fake.resetCalls();
});

const accept = (input: Parameters<typeof acceptTestRequest>[1]) => acceptTestRequest('gemini', input);

function context(model: ModelId, references: ReferenceImageInput[] = []) {
  return createTestContext({ offering: getOffering('gemini', model)!, apiKey: fake.apiKey, baseUrl: fake.url, references });
}

const submits = () => fake.calls.filter((call) => call.kind === 'submit');

describe('Gemini adapter: request body and result', () => {
  it(
    'sends text + inlineData parts, imageConfig, thinkingConfig and googleSearch with image search; ' +
      'one call per image; keeps token usage and computes the cost',
    async () => {
      const request = accept({
        model: 'nano-banana-2',
        prompt: 'Blend reference image 1 and reference image 2 into a poster',
        resolution: '2K',
        aspectRatio: '4:1',
        thinking: 'high',
        webSearch: true,
        imageSearch: true,
        numberResults: 2,
        referenceImages: photos.slice(0, 2).map((photo) => photo.id),
      });
      const result = await generateImages(createGeminiAdapter(FAST), request, context('nano-banana-2', photos.slice(0, 2)));
      expect(submits()).toHaveLength(2);
      for (const call of submits()) {
        expect(call.path).toBe('/v1beta/models/gemini-3.1-flash-image:generateContent');
        expect(call.headers['x-goog-api-key']).toBe('<redacted>');
        expect(call.body).toEqual({
          contents: [
            {
              role: 'user',
              parts: [
                { text: 'Blend reference image 1 and reference image 2 into a poster' },
                { inlineData: { mimeType: 'image/png', data: photos[0]!.bytes.toString('base64') } },
                { inlineData: { mimeType: 'image/png', data: photos[1]!.bytes.toString('base64') } },
              ],
            },
          ],
          generationConfig: {
            responseModalities: ['TEXT', 'IMAGE'],
            imageConfig: { aspectRatio: '4:1', imageSize: '2K' },
            thinkingConfig: { thinkingLevel: 'HIGH' },
          },
          tools: [{ googleSearch: { searchTypes: { webSearch: {}, imageSearch: {} } } }],
        });
      }
      expect(result.images).toHaveLength(2);
      for (const image of result.images) {
        expect(await imageSize(image.bytes)).toEqual({ width: 4096, height: 1024, format: 'png' });
        expect(image).toMatchObject({ mimeType: 'image/png', seed: null });
      }
      expect(result.billedCost).toBeNull();
      expect(result.warnings).toEqual(['The Gemini API said: Here is the image you asked for.']);
      expect(result.usage).toMatchObject({ candidatesTokenCount: 2 * (1680 + 8), thoughtsTokenCount: 2 * 180, modelVersion: 'gemini-3.1-flash-image' });
      expect((result.usage!.calls as unknown[]).length).toBe(2);
      expect(result.computedCost).toEqual({
        usd: 0.2016,
        basis: "3,360 image output tokens x $60 per million (Google's rate as quoted by third parties); thinking and prompt tokens not counted.",
      });
    },
  );

  it('sends 0.5K as imageSize "512" and web search alone as a plain googleSearch', async () => {
    const request = accept({ model: 'nano-banana-2', prompt: 'A tiny preview of a lighthouse', resolution: '0.5K', aspectRatio: '16:9', webSearch: true });
    const result = await generateImages(createGeminiAdapter(FAST), request, context('nano-banana-2'));
    expect(submits()[0]!.body).toMatchObject({ generationConfig: { imageConfig: { aspectRatio: '16:9', imageSize: '512' } }, tools: [{ googleSearch: {} }] });
    expect(await imageSize(result.images[0]!.bytes)).toEqual({ width: 688, height: 384, format: 'png' });
    expect(result.computedCost?.usd).toBe(0.04482);
  });

  it('makes Nano Banana 2 Lite images at 1K with thinking, and records no computed cost (its rate is unpublished)', async () => {
    const request = accept({
      model: 'nano-banana-2-lite',
      prompt: 'A quick sketch of a fox',
      aspectRatio: '4:5',
      thinking: 'minimal',
      referenceImages: [photos[0]!.id],
    });
    const result = await generateImages(createGeminiAdapter(FAST), request, context('nano-banana-2-lite', photos.slice(0, 1)));
    expect(submits()[0]!.path).toBe('/v1beta/models/gemini-3.1-flash-lite-image:generateContent');
    expect(submits()[0]!.body).toMatchObject({
      generationConfig: { imageConfig: { aspectRatio: '4:5', imageSize: '1K' }, thinkingConfig: { thinkingLevel: 'MINIMAL' } },
    });
    expect(await imageSize(result.images[0]!.bytes)).toEqual({ width: 928, height: 1152, format: 'png' });
    expect(result.computedCost).toBeUndefined();
  });

  it('omits imageSize for Gemini 2.5 Flash Image (1K only) and sends no thinking or tools by default, where a key still has it', async () => {
    const request = acceptTestRequest(
      'gemini',
      { model: 'nano-banana', prompt: 'A paper boat on a pond', aspectRatio: '21:9' },
      { listedModelIds: { gemini: ['gemini-2.5-flash-image'] } },
    );
    const stillServed = await startGeminiFake({ serveNanoBanana: true });
    const callContext = createTestContext({
      offering: getOffering('gemini', 'nano-banana')!,
      apiKey: stillServed.apiKey,
      baseUrl: stillServed.url,
      references: [],
    });
    const result = await generateImages(createGeminiAdapter(FAST), request, callContext).finally(() => stillServed.close());
    const stillServedSubmits = stillServed.calls.filter((call) => call.kind === 'submit');
    expect(stillServedSubmits[0]!.path).toBe('/v1beta/models/gemini-2.5-flash-image:generateContent');
    expect(stillServedSubmits[0]!.body).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'A paper boat on a pond' }] }],
      generationConfig: { responseModalities: ['TEXT', 'IMAGE'], imageConfig: { aspectRatio: '21:9' } },
    });
    expect(await imageSize(result.images[0]!.bytes)).toEqual({ width: 1536, height: 672, format: 'png' });
    expect(result.computedCost?.usd).toBe(0.0387);
  });

  it("a model Google no longer serves fails with Google's 404", async () => {
    const request = acceptTestRequest('gemini', { model: 'nano-banana', prompt: 'A paper boat' }, { listedModelIds: { gemini: ['gemini-2.5-flash-image'] } });
    const error = await expectProviderError(generateImages(createGeminiAdapter(FAST), request, context('nano-banana')));
    expect(error).toMatchObject({ httpStatus: 404, providerCode: 'NOT_FOUND' });
  });

  it('sends four references to Gemini 3 Pro at 4K', async () => {
    const request = accept({
      model: 'nano-banana-pro',
      prompt: 'A fashion collage of all four references',
      resolution: '4K',
      aspectRatio: '3:2',
      referenceImages: photos.map((photo) => photo.id),
    });
    const result = await generateImages(createGeminiAdapter(FAST), request, context('nano-banana-pro', photos));
    expect(result.computedCost?.usd).toBe(0.2444);
    const body = submits()[0]!.body as { contents: [{ parts: unknown[] }]; generationConfig: unknown };
    expect(body.contents[0].parts).toHaveLength(5);
    expect(body.generationConfig).toEqual({ responseModalities: ['TEXT', 'IMAGE'], imageConfig: { aspectRatio: '3:2', imageSize: '4K' } });
    expect(await imageSize(result.images[0]!.bytes)).toEqual({ width: 5096, height: 3392, format: 'png' });
  });
});

describe('Gemini adapter: key check', () => {
  it("lists the image models of the key, free, and reports Google's refusal of a wrong key", async () => {
    const adapter = createGeminiAdapter(FAST);
    const result = await adapter.checkKey!({ apiKey: fake.apiKey, baseUrl: fake.url, signal: new AbortController().signal });
    expect(result).toMatchObject({ method: 'model-list', verified: true });
    expect(result.listedModelIds!.sort()).toEqual(['gemini-3-pro-image', 'gemini-3.1-flash-image', 'gemini-3.1-flash-lite-image']);
    expect(fake.calls.at(-1)).toMatchObject({ method: 'GET', path: '/v1beta/models' });
    const error = await expectProviderError(adapter.checkKey!({ apiKey: 'wrong', baseUrl: fake.url, signal: new AbortController().signal }));
    expect(error).toMatchObject({ httpStatus: 400, providerMessage: 'API key not valid. Please pass a valid API key.' });
  });
});

describe('Gemini adapter: faults', () => {
  const simple = () => accept({ model: 'nano-banana-2', prompt: 'A red bicycle in the snow' });

  it('an invalid key names GEMINI_API_KEY', async () => {
    fake.misbehave('reject-key');
    const error = await expectProviderError(generateImages(createGeminiAdapter(FAST), simple(), context('nano-banana-2')));
    expect(error).toMatchObject({ providerCode: 'INVALID_ARGUMENT', httpStatus: 400, providerMessage: 'API key not valid. Please pass a valid API key.' });
    expect(error.message).toMatch(/The Gemini API rejected the API key in GEMINI_API_KEY; check it at https:\/\/aistudio\.google\.com\/apikey/);
  });

  it('a used-up quota says to check billing', async () => {
    fake.misbehave('no-credit', { times: 5 });
    const error = await expectProviderError(generateImages(createGeminiAdapter(FAST), simple(), context('nano-banana-2')));
    expect(error.providerCode).toBe('RESOURCE_EXHAUSTED');
    expect(error.message).toMatch(/quota of the key in GEMINI_API_KEY is used up/);
  });

  it('a blocked prompt says to rephrase', async () => {
    fake.misbehave('refuse-prompt');
    const error = await expectProviderError(generateImages(createGeminiAdapter(FAST), simple(), context('nano-banana-2')));
    expect(error.providerCode).toBe('PROHIBITED_CONTENT');
    expect(error.message).toMatch(/refused the prompt on safety grounds; rephrase it/);
  });

  it('retries 429 RESOURCE_EXHAUSTED and 503 UNAVAILABLE', async () => {
    fake.misbehave('rate-limit', { times: 1 });
    await generateImages(createGeminiAdapter(FAST), simple(), context('nano-banana-2'));
    fake.misbehave('unavailable', { times: 2 });
    const result = await generateImages(createGeminiAdapter(FAST), simple(), context('nano-banana-2'));
    expect(result.images).toHaveLength(1);
    expect(submits()).toHaveLength(5);
  });

  it('a 500, a malformed answer, a dropped connection and a timeout each fail once, never resubmitted', async () => {
    fake.misbehave('server-error');
    expect((await expectProviderError(generateImages(createGeminiAdapter(FAST), simple(), context('nano-banana-2')))).message).toMatch(
      /The Gemini API is having trouble \(HTTP 500\)/,
    );
    fake.misbehave('malformed-json');
    expect((await expectProviderError(generateImages(createGeminiAdapter(FAST), simple(), context('nano-banana-2')))).providerCode).toBe('malformed_response');
    fake.misbehave('drop-connection');
    expect((await expectProviderError(generateImages(createGeminiAdapter(FAST), simple(), context('nano-banana-2')))).message).toMatch(/not sent again/);
    fake.misbehave('slow', { delayMs: 300, times: 1 });
    expect(
      (await expectProviderError(generateImages(createGeminiAdapter({ ...FAST, requestTimeoutMs: 100 }), simple(), context('nano-banana-2')))).providerCode,
    ).toBe('timeout');
    expect(submits()).toHaveLength(4);
  });

  it('cancelling aborts the call', async () => {
    fake.misbehave('slow', { delayMs: 2_000, times: 1 });
    const callContext = context('nano-banana-2');
    setTimeout(() => callContext.cancel(), 100);
    const error = await expectProviderError(generateImages(createGeminiAdapter(FAST), simple(), callContext));
    expect(error.providerCode).toBe('cancelled');
  });
});

describe('fake Gemini API: strictness', () => {
  async function post(model: string, body: unknown, key: string | null = fake.apiKey) {
    const response = await fetch(`${fake.url}/v1beta/models/${model}:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'x-goog-api-key': key } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  }
  const text = { contents: [{ parts: [{ text: 'a cat' }] }] };

  it("refuses missing auth, unknown fields and misplaced settings in Google's error format", async () => {
    expect((await post('gemini-3.1-flash-image', text, null)).json.error.status).toBe('PERMISSION_DENIED');
    const unknownField = await post('gemini-3.1-flash-image', { ...text, imageConfig: { aspectRatio: '1:1' } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.json.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(unknownField.json.error.message).toMatch(/Unknown name "imageConfig"/);
    expect((await post('gemini-3.1-flash-image', { ...text, generationConfig: { thinkingLevel: 'HIGH' } })).json.error.message).toMatch(
      /Unknown name "thinkingLevel"/,
    );
  });

  it('refuses per-model settings: imageSize and thinking and search on 2.5, unsupported ratios, too many references', async () => {
    expect((await post('gemini-2.5-flash-image', text)).status).toBe(404);
    expect((await post('gemini-3.1-flash-lite-image', { ...text, generationConfig: { imageConfig: { imageSize: '2K' } } })).status).toBe(400);
    expect((await post('gemini-3.1-flash-lite-image', { ...text, tools: [{ googleSearch: {} }] })).json.error.message).toMatch(/Search as tool is not enabled/);
    expect((await post('gemini-3-pro-image', { ...text, tools: [{ googleSearch: { searchTypes: { imageSearch: {} } } }] })).json.error.message).toMatch(
      /Image search is not supported/,
    );
    expect((await post('gemini-3-pro-image', { ...text, generationConfig: { imageConfig: { aspectRatio: '8:1' } } })).status).toBe(400);
    const image = { inlineData: { mimeType: 'image/png', data: photos[0]!.bytes.toString('base64') } };
    expect(
      (await post('gemini-3.1-flash-image', { contents: [{ parts: [{ text: 'x' }, ...Array.from({ length: 15 }, () => image)] }] })).json.error.message,
    ).toMatch(/at most 14/);
    expect((await post('gemini-9-image', text)).status).toBe(404);
  });
});
