import OpenAI, { APIError } from 'openai';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAimlapiFake } from '../../testing/fakes/aimlapi-fake.ts';
import type { FakeProviderServer } from '../../testing/fakes/fake-server.ts';

/*
 * The fake AI/ML API against the official OpenAI SDK, which AI/ML API
 * documents as a client (`images.generate` with `baseURL`): the SDK's body
 * (model, prompt and AI/ML API's own fields passed through) is accepted, and
 * the SDK reads the fake's answer (`data[].url`, `meta.usage.credits_used`).
 * If the fake drifted from the documented ids or shapes, these tests fail.
 */

let fake: FakeProviderServer;
let client: OpenAI;
let referenceDataUri: string;
beforeAll(async () => {
  fake = await startAimlapiFake();
  client = new OpenAI({ apiKey: fake.apiKey, baseURL: `${fake.url}/v1`, maxRetries: 0 });
  const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c60' } })
    .png()
    .toBuffer();
  referenceDataUri = `data:image/png;base64,${bytes.toString('base64')}`;
});
afterAll(async () => {
  await fake.close();
});

/** AI/ML API's fields beyond OpenAI's image parameters; the SDK sends them unchanged. */
type AimlapiExtra = { aspect_ratio?: string; resolution?: string; image_urls?: string[]; enable_web_search?: boolean; num_images?: number };

async function generate(model: string, extra: AimlapiExtra) {
  return client.images.generate({ model, prompt: 'A ceramic teapot on a wooden table', ...extra } as OpenAI.Images.ImageGenerateParamsNonStreaming);
}

async function sizeOf(url: string): Promise<{ width: number; height: number }> {
  const metadata = await sharp(Buffer.from(await (await fetch(url)).arrayBuffer())).metadata();
  return { width: metadata.width, height: metadata.height };
}

describe('the fake AI/ML API speaks what the OpenAI SDK sends and reads', () => {
  it('Nano Banana 2 with web search at 2K 16:9', async () => {
    const response = await generate('google/nano-banana-2', { aspect_ratio: '16:9', resolution: '2K', enable_web_search: true });
    expect(response.data).toHaveLength(1);
    expect(await sizeOf(response.data![0]!.url!)).toEqual({ width: 2752, height: 1536 });
    expect((response as unknown as { meta: { usage: { credits_used: number } } }).meta.usage.credits_used).toBeGreaterThan(0);
    const submit = fake.calls.filter((call) => call.kind === 'submit').at(-1)!;
    expect(submit).toMatchObject({ method: 'POST', path: '/v1/images/generations' });
    expect(submit.headers.authorization).toBe('Bearer <redacted>');
    expect(submit.body).toEqual({
      model: 'google/nano-banana-2',
      prompt: 'A ceramic teapot on a wooden table',
      aspect_ratio: '16:9',
      resolution: '2K',
      enable_web_search: true,
    });
  });

  it('the documented Pro edit id and its alias, with up to 14 references', async () => {
    for (const model of ['google/nano-banana-pro-edit', 'google/gemini-3-pro-image-preview-edit']) {
      const response = await generate(model, { image_urls: Array.from({ length: 14 }, () => referenceDataUri), aspect_ratio: '3:2', num_images: 2 });
      expect(response.data, model).toHaveLength(2);
      expect(await sizeOf(response.data![0]!.url!)).toEqual({ width: 1264, height: 848 });
    }
  });

  it('refuses what AI/ML API does not document, which the SDK raises as APIError', async () => {
    const undocumented = await generate('google/gemini-3-pro-image-edit', { image_urls: [referenceDataUri] }).catch((error: unknown) => error);
    expect(undocumented).toBeInstanceOf(APIError);
    expect((undocumented as APIError).status).toBe(400);
    const tooMany = await generate('google/nano-banana-2', { image_urls: Array.from({ length: 6 }, () => referenceDataUri) }).catch((error: unknown) => error);
    expect((tooMany as APIError).status).toBe(400);
    const wrongKey = await new OpenAI({ apiKey: 'not-the-key', baseURL: `${fake.url}/v1`, maxRetries: 0 }).images
      .generate({ model: 'google/nano-banana-2', prompt: 'A test' })
      .catch((error: unknown) => error);
    expect((wrongKey as APIError).status).toBe(401);
  });
});
