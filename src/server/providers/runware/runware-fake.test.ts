import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeProviderServer } from '../../testing/fakes/fake-server.ts';
import { startRunwareFake } from '../../testing/fakes/runware-fake.ts';

/*
 * The fake Runware server is the oracle of the adapter tests, so it must
 * refuse what the real API refuses (docs/PROVIDERS.md, seeds 000/001/003),
 * in Runware's error shape.
 */

let fake: FakeProviderServer;
beforeAll(async () => {
  fake = await startRunwareFake();
});
afterAll(async () => {
  await fake.close();
});

const base = (overrides: Record<string, unknown> = {}) => ({
  taskType: 'imageInference',
  taskUUID: randomUUID(),
  model: 'google:4@3',
  positivePrompt: 'A red bicycle in the snow',
  width: 1024,
  height: 1024,
  ...overrides,
});

async function send(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(fake.url, {
    method: 'POST',
    headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

async function refusal(task: Record<string, unknown>) {
  const answer = await send([task]);
  expect(answer.status).toBe(400);
  expect(answer.json.data).toBeUndefined();
  return answer.json.errors!;
}

describe('fake Runware server: strictness', () => {
  it('accepts a valid task and bills only with includeCost', async () => {
    const withoutCost = await send([base()]);
    expect(withoutCost.status).toBe(200);
    expect(withoutCost.json.data![0]).not.toHaveProperty('cost');
    const withCost = await send([base({ includeCost: true, width: 1264, height: 848 })]);
    expect(withCost.json.data![0].cost).toBe(0.06895);
  });

  it('refuses missing and wrong auth', async () => {
    const missing = await fetch(fake.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([base()]) });
    expect(missing.status).toBe(401);
    expect((await missing.json()).errors[0].code).toBe('missingApiKey');
    const wrong = await send([base()], { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.json.errors![0]).toMatchObject({ code: 'invalidApiKey', parameter: 'apiKey' });
  });

  it('refuses a body that is not an array, and a bad taskUUID', async () => {
    expect((await send(base())).json.errors![0].code).toBe('invalidRequestBody');
    expect((await send('{')).json.errors![0].code).toBe('invalidRequestBody');
    expect((await refusal(base({ taskUUID: 'abc' })))[0].code).toBe('invalidTaskUUID');
  });

  it('refuses a field in the wrong place: thinking at top level, webSearch outside providerSettings.google', async () => {
    const thinking = await refusal(base({ thinking: 'HIGH' }));
    expect(thinking[0]).toMatchObject({ code: 'unsupportedParameter', parameter: 'thinking' });
    expect(thinking[0].message).toMatch(/settings\.thinking/);
    const webSearch = await refusal(base({ providerSettings: { webSearch: true } }));
    expect(webSearch[0]).toMatchObject({ parameter: 'providerSettings.webSearch' });
    const topLevelWebSearch = await refusal(base({ webSearch: true }));
    expect(topLevelWebSearch[0].message).toMatch(/providerSettings\.google\.webSearch/);
  });

  it('refuses settings a model does not take', async () => {
    expect((await refusal(base({ model: 'google:4@2', settings: { thinking: 'HIGH' } })))[0].parameter).toBe('settings.thinking');
    expect((await refusal(base({ model: 'google:4@2', providerSettings: { google: { imageSearch: false } } })))[0].parameter).toBe(
      'providerSettings.google.imageSearch',
    );
    expect((await refusal(base({ model: 'google:4@1', width: 1344, height: 768, settings: { temperature: 0.5 } })))[0].parameter).toBe('settings.temperature');
    expect((await refusal(base({ model: 'google:4@1', width: 1344, height: 768, seed: 1 })))[0].parameter).toBe('seed');
  });

  it('refuses wrong types and values', async () => {
    expect((await refusal(base({ settings: { thinking: 'high' } })))[0].parameter).toBe('settings.thinking');
    expect((await refusal(base({ settings: { temperature: '0.5' } })))[0].parameter).toBe('settings.temperature');
    expect((await refusal(base({ providerSettings: { google: { webSearch: 'yes' } } })))[0].parameter).toBe('providerSettings.google.webSearch');
    expect((await refusal(base({ numberResults: 21 })))[0].parameter).toBe('numberResults');
    expect((await refusal(base({ outputFormat: 'jpeg' })))[0].parameter).toBe('outputFormat');
    expect((await refusal(base({ width: '1024' })))[0].code).toBe('invalidDimensions');
  });

  it('refuses a size that is not in the model table, and resolution with width/height', async () => {
    const size = await refusal(base({ width: 1000, height: 1000 }));
    expect(size[0]).toMatchObject({ code: 'invalidDimensions' });
    expect(size[0].message).toMatch(/1000x1000 is not a supported size for google:4@3/);
    // Nano Banana 2's 1K 21:9 is 1584x672; Nano Banana Pro's is 1548x672 (seed 001).
    expect((await send([base({ model: 'google:4@2', width: 1584, height: 672 })])).status).toBe(400);
    expect((await send([base({ model: 'google:4@2', width: 1548, height: 672 })])).status).toBe(200);
    expect((await send([base({ model: 'google:4@2', width: 5096, height: 3392 })])).status).toBe(200);
    expect((await refusal(base({ resolution: '1K' })))[0].code).toBe('conflictingParameters');
    expect((await refusal(base({ width: undefined })))[0].code).toBe('invalidDimensions');
  });

  it('refuses a prompt out of length and too many references', async () => {
    expect((await refusal(base({ positivePrompt: 'ab' })))[0].parameter).toBe('positivePrompt');
    expect((await refusal(base({ model: 'google:4@1', width: 1344, height: 768, positivePrompt: 'x'.repeat(3001) })))[0].parameter).toBe('positivePrompt');
    const nine = Array.from({ length: 9 }, () => 'data:image/png;base64,AAAA');
    const references = await refusal(base({ model: 'google:4@1', width: 1344, height: 768, inputs: { referenceImages: nine } }));
    expect(references[0].message).toMatch(/1 to 8 images for google:4@1/);
    expect((await refusal(base({ inputs: { referenceImages: ['not-an-image'] } })))[0].parameter).toBe('inputs.referenceImages[0]');
  });

  it('refuses a reused taskUUID', async () => {
    const task = base();
    expect((await send([task])).status).toBe(200);
    expect((await refusal(task))[0].code).toBe('duplicateTaskUUID');
  });
});
