import { ApiError, GoogleGenAI, MediaModality, ThinkingLevel, type Content, type Part } from '@google/genai';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeProviderServer } from '../../testing/fakes/fake-server.ts';
import { startGeminiFake } from '../../testing/fakes/gemini-fake.ts';

/*
 * The fake Gemini API against Google's official SDK (@google/genai): the fake
 * accepts what the SDK sends for each model the studio uses, and the SDK
 * parses what the fake answers, including a multi-turn chat whose second turn
 * must send the first answer's thought signatures back unchanged. If the fake
 * drifts from the real wire format (a renamed field, a model id Google no
 * longer serves), these tests fail.
 */

let fake: FakeProviderServer;
let client: GoogleGenAI;
beforeAll(async () => {
  fake = await startGeminiFake();
  client = new GoogleGenAI({ apiKey: fake.apiKey, httpOptions: { baseUrl: fake.url } });
});
afterAll(async () => {
  await fake.close();
});

async function imageSize(part: Part | undefined): Promise<{ width: number; height: number }> {
  const data = part?.inlineData?.data;
  if (!data) throw new Error('no inlineData image in the answer');
  const metadata = await sharp(Buffer.from(data, 'base64')).metadata();
  return { width: metadata.width, height: metadata.height };
}

function imagePart(parts: Part[] | undefined): Part | undefined {
  return parts?.find((part) => part.inlineData && part.thought !== true);
}

describe('the fake Gemini API speaks what @google/genai sends and reads', () => {
  const cases = [
    { model: 'gemini-3.1-flash-image', imageSize: '512', aspectRatio: '16:9', size: { width: 688, height: 384 }, thinking: true },
    { model: 'gemini-3.1-flash-image', imageSize: '2K', aspectRatio: '1:1', size: { width: 2048, height: 2048 }, thinking: true },
    { model: 'gemini-3-pro-image', imageSize: '1K', aspectRatio: '3:2', size: { width: 1264, height: 848 }, thinking: false },
    { model: 'gemini-3.1-flash-lite-image', imageSize: '1K', aspectRatio: '9:16', size: { width: 768, height: 1376 }, thinking: true },
  ];

  for (const entry of cases) {
    it(`generateContent on ${entry.model} at ${entry.imageSize} ${entry.aspectRatio}`, async () => {
      const response = await client.models.generateContent({
        model: entry.model,
        contents: 'A lighthouse at dusk, flat illustration',
        config: {
          responseModalities: ['TEXT', 'IMAGE'],
          imageConfig: { aspectRatio: entry.aspectRatio, imageSize: entry.imageSize },
          ...(entry.thinking ? { thinkingConfig: { thinkingLevel: ThinkingLevel.HIGH } } : { thinkingConfig: { includeThoughts: true } }),
        },
      });
      const parts = response.candidates?.[0]?.content?.parts;
      expect(await imageSize(imagePart(parts))).toEqual(entry.size);
      expect(response.text).toMatch(/image/);
      expect(response.usageMetadata?.candidatesTokensDetails?.find((detail) => detail.modality === MediaModality.IMAGE)?.tokenCount).toBeGreaterThan(0);
      expect(response.modelVersion).toBe(entry.model);
      const submit = fake.calls.at(-1)!;
      expect(submit.path).toBe(`/v1beta/models/${entry.model}:generateContent`);
      expect(submit.headers['x-goog-api-key']).toBe('<redacted>');
    });
  }

  it('image search grounding on Nano Banana 2, as the SDK spells it', async () => {
    const response = await client.models.generateContent({
      model: 'gemini-3.1-flash-image',
      contents: 'The current skyline of Lisbon as a poster',
      config: { responseModalities: ['TEXT', 'IMAGE'], tools: [{ googleSearch: { searchTypes: { webSearch: {}, imageSearch: {} } } }] },
    });
    expect(imagePart(response.candidates?.[0]?.content?.parts)).toBeTruthy();
    expect(fake.calls.at(-1)!.body).toMatchObject({ tools: [{ googleSearch: { searchTypes: { webSearch: {}, imageSearch: {} } } }] });
  });

  it('answers 404 NOT_FOUND for ids Google no longer serves, which the SDK raises as ApiError', async () => {
    for (const model of ['gemini-3.1-flash-image-preview', 'gemini-3-pro-image-preview', 'gemini-2.5-flash-image']) {
      const failure = await client.models.generateContent({ model, contents: 'A test' }).catch((error: unknown) => error);
      expect(failure, model).toBeInstanceOf(ApiError);
      expect((failure as ApiError).status, model).toBe(404);
    }
  });

  it('refuses image search on Pro and 2K on Lite, as Google does', async () => {
    const search = await client.models
      .generateContent({ model: 'gemini-3-pro-image', contents: 'A test', config: { tools: [{ googleSearch: { searchTypes: { imageSearch: {} } } }] } })
      .catch((error: unknown) => error);
    expect((search as ApiError).status).toBe(400);
    const lite = await client.models
      .generateContent({ model: 'gemini-3.1-flash-lite-image', contents: 'A test', config: { imageConfig: { imageSize: '2K' } } })
      .catch((error: unknown) => error);
    expect((lite as ApiError).status).toBe(400);
  });

  it("lists the key's models for models.list, and refuses a wrong key", async () => {
    const names: string[] = [];
    for await (const model of await client.models.list()) names.push(model.name ?? '');
    expect(names).toEqual(expect.arrayContaining(['models/gemini-3.1-flash-image', 'models/gemini-3-pro-image', 'models/gemini-3.1-flash-lite-image']));
    expect(names).not.toContain('models/gemini-2.5-flash-image');
    const wrong = new GoogleGenAI({ apiKey: 'not-the-key', httpOptions: { baseUrl: fake.url } });
    const failure = await wrong.models.generateContent({ model: 'gemini-3.1-flash-image', contents: 'A test' }).catch((error: unknown) => error);
    expect((failure as ApiError).status).toBe(400);
    expect((failure as ApiError).message).toMatch(/API key not valid/);
  });

  it("a multi-turn chat: the second turn sends the first answer's thought signatures back unchanged", async () => {
    const chat = client.chats.create({
      model: 'gemini-3.1-flash-image',
      config: { responseModalities: ['TEXT', 'IMAGE'], imageConfig: { aspectRatio: '1:1', imageSize: '1K' } },
    });
    const first = await chat.sendMessage({ message: 'A red bicycle against a white wall' });
    const firstParts = first.candidates?.[0]?.content?.parts ?? [];
    const signatures = firstParts.map((part) => part.thoughtSignature).filter((signature): signature is string => typeof signature === 'string');
    expect(signatures.length).toBeGreaterThanOrEqual(2);

    const second = await chat.sendMessage({ message: 'Make the bicycle blue' });
    expect(await imageSize(imagePart(second.candidates?.[0]?.content?.parts))).toEqual({ width: 1024, height: 1024 });
    const sent = fake.calls.at(-1)!.body as { contents: Content[] };
    expect(sent.contents.map((content) => content.role)).toEqual(['user', 'model', 'user']);
    const sentBack = (sent.contents[1]!.parts ?? []).map((part) => part.thoughtSignature).filter((signature) => typeof signature === 'string');
    expect(sentBack).toEqual(signatures);
  });

  it('refuses a model turn whose image lost its thought signature', async () => {
    const first = await client.models.generateContent({
      model: 'gemini-3.1-flash-image',
      contents: 'A green kite',
      config: { responseModalities: ['TEXT', 'IMAGE'] },
    });
    const stripped = (first.candidates?.[0]?.content?.parts ?? []).map(({ thoughtSignature: _signature, ...part }) => part);
    const failure = await client.models
      .generateContent({
        model: 'gemini-3.1-flash-image',
        contents: [
          { role: 'user', parts: [{ text: 'A green kite' }] },
          { role: 'model', parts: stripped },
          { role: 'user', parts: [{ text: 'Now at night' }] },
        ],
      })
      .catch((error: unknown) => error);
    expect((failure as ApiError).status).toBe(400);
    expect((failure as ApiError).message).toMatch(/thought_signature/);
  });
});
