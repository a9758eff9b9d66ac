import { describe, expect, it } from 'vitest';
import { CATALOG, CATALOG_INDEX } from './catalog.ts';
import type { GenerationRequest } from './request.ts';
import { validateGenerationRequest } from './validate.ts';

const PROMPT = 'A quiet harbour at dawn, fishing boats, soft mist';
const ids = (count: number) => Array.from({ length: count }, (_, index) => `upload-${String(index).padStart(8, '0')}`);

/** Validates and returns the refusal issues (fails the test if the request was accepted). */
function refusal(request: unknown) {
  const result = validateGenerationRequest(request, CATALOG_INDEX);
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.request)}`);
  return result.issues;
}

describe('validateGenerationRequest accepts', () => {
  it('the minimal request, filling the offering defaults', () => {
    const result = validateGenerationRequest({ provider: 'local', model: 'nano-banana-2', prompt: PROMPT }, CATALOG_INDEX);
    expect(result).toEqual({
      ok: true,
      offeringId: 'local/nano-banana-2',
      request: {
        provider: 'local',
        model: 'nano-banana-2',
        prompt: PROMPT,
        resolution: '1K',
        aspectRatio: '1:1',
        referenceImages: [],
        numberResults: 1,
        outputFormat: 'jpeg',
        providerModelId: 'local-preview:nano-banana-2',
      },
    });
  });

  it('a data URI reference and an upload id', () => {
    const result = validateGenerationRequest(
      {
        provider: 'runware',
        model: 'nano-banana',
        prompt: PROMPT,
        referenceImages: ['data:image/png;base64,iVBORw0KGgo=', 'f1c3a9e2-1111-4222-8333-944455556666'],
      },
      CATALOG_INDEX,
    );
    expect(result.ok).toBe(true);
  });

  it('routes Runflow requests with references to the /edit model', () => {
    const result = validateGenerationRequest({ provider: 'runflow', model: 'nano-banana-2', prompt: PROMPT, referenceImages: ids(2) }, CATALOG_INDEX);
    expect(result.ok && result.request.providerModelId).toBe('google/nano-banana-2/edit');
    const textOnly = validateGenerationRequest({ provider: 'runflow', model: 'nano-banana-2', prompt: PROMPT }, CATALOG_INDEX);
    expect(textOnly.ok && textOnly.request.providerModelId).toBe('google/nano-banana-2');
  });

  it('every offering default', () => {
    for (const offering of CATALOG.offerings.filter((candidate) => candidate.lifecycle.status !== 'retired')) {
      const result = validateGenerationRequest({ provider: offering.provider, model: offering.model, prompt: PROMPT }, CATALOG_INDEX);
      expect(result.ok, offering.id).toBe(true);
    }
  });
});

describe('validateGenerationRequest refuses, naming the offering and the allowed values', () => {
  it('9 references on runware/nano-banana', () => {
    const [issue] = refusal({ provider: 'runware', model: 'nano-banana', prompt: PROMPT, referenceImages: ids(9) });
    expect(issue).toEqual({
      field: 'referenceImages',
      message: '9 reference images given; runware/nano-banana accepts at most 8',
      allowed: [0, 8],
    });
  });

  it('6 references on aimlapi/nano-banana-2', () => {
    const [issue] = refusal({ provider: 'aimlapi', model: 'nano-banana-2', prompt: PROMPT, referenceImages: ids(6) });
    expect(issue).toMatchObject({ field: 'referenceImages', allowed: [0, 5] });
    expect(issue!.message).toBe('6 reference images given; aimlapi/nano-banana-2 accepts at most 5');
  });

  it("references on runflow's text-only model", () => {
    const [issue] = refusal({
      provider: 'runflow',
      model: 'nano-banana-2',
      prompt: PROMPT,
      providerModelId: 'google/nano-banana-2',
      referenceImages: ids(1),
    });
    expect(issue).toMatchObject({ field: 'referenceImages', allowed: [0, 0] });
    expect(issue!.message).toBe(
      'google/nano-banana-2 on runflow/nano-banana-2 is text to image only and takes no reference images; remove them, ' +
        'or use google/nano-banana-2/edit (up to 8)',
    );
  });

  it("no references on runflow's edit model", () => {
    const [issue] = refusal({ provider: 'runflow', model: 'nano-banana-pro', prompt: PROMPT, providerModelId: 'google/nano-banana-pro/edit' });
    expect(issue).toMatchObject({ field: 'referenceImages', allowed: [1, 8] });
  });

  it('thinking on nano-banana-pro', () => {
    for (const provider of ['runware', 'gemini', 'local'] as const) {
      const [issue] = refusal({ provider, model: 'nano-banana-pro', prompt: PROMPT, thinking: 'high' });
      expect(issue).toEqual({ field: 'thinking', message: `thinking is not offered by ${provider}/nano-banana-pro; leave it out`, allowed: [] });
    }
  });

  it('a thinking level on nano-banana-2 lists the levels', () => {
    const issues = refusal({ provider: 'runware', model: 'nano-banana-2', prompt: PROMPT, thinking: 'medium' });
    expect(issues[0]).toMatchObject({ field: 'thinking', allowed: ['minimal', 'high'] });
    expect(issues[0]!.message).toMatch(/choose one of minimal, high/);
  });

  it('image search on nano-banana-pro', () => {
    const [issue] = refusal({ provider: 'runware', model: 'nano-banana-pro', prompt: PROMPT, imageSearch: true });
    expect(issue).toEqual({
      field: 'imageSearch',
      message: 'image search grounding is not offered by runware/nano-banana-pro; set imageSearch to false or leave it out',
      allowed: [false],
    });
  });

  it('8:1 on nano-banana-pro', () => {
    const [issue] = refusal({ provider: 'runware', model: 'nano-banana-pro', prompt: PROMPT, aspectRatio: '8:1' });
    expect(issue).toEqual({
      field: 'aspectRatio',
      message: 'aspectRatio 8:1 is not offered by runware/nano-banana-pro; choose one of 1:1, 3:2, 2:3, 4:3, 3:4, 4:5, 5:4, 9:16, 16:9, 21:9',
      allowed: ['1:1', '3:2', '2:3', '4:3', '3:4', '4:5', '5:4', '9:16', '16:9', '21:9'],
    });
  });

  it('0.5K on nano-banana-pro', () => {
    const [issue] = refusal({ provider: 'runware', model: 'nano-banana-pro', prompt: PROMPT, resolution: '0.5K' });
    expect(issue).toEqual({
      field: 'resolution',
      message: 'resolution 0.5K is not offered by runware/nano-banana-pro; choose one of 1K, 2K, 4K',
      allowed: ['1K', '2K', '4K'],
    });
  });

  it('a 1-character and a 3001-character prompt on runware/nano-banana', () => {
    const [short] = refusal({ provider: 'runware', model: 'nano-banana', prompt: 'x' });
    expect(short).toEqual({ field: 'prompt', message: 'prompt has 1 character; runware/nano-banana accepts 2 to 3000 characters', allowed: [2, 3000] });
    const [long] = refusal({ provider: 'runware', model: 'nano-banana', prompt: 'x'.repeat(3001) });
    expect(long).toEqual({ field: 'prompt', message: 'prompt has 3001 characters; runware/nano-banana accepts 2 to 3000 characters', allowed: [2, 3000] });
    expect(validateGenerationRequest({ provider: 'runware', model: 'nano-banana', prompt: 'x'.repeat(3000) }, CATALOG_INDEX).ok).toBe(true);
    expect(validateGenerationRequest({ provider: 'runware', model: 'nano-banana', prompt: 'xy' }, CATALOG_INDEX).ok).toBe(true);
  });

  it('an unknown model', () => {
    const [issue] = refusal({ provider: 'runware', model: 'nano-banana-3', prompt: PROMPT });
    expect(issue).toEqual({
      field: 'model',
      message: 'model "nano-banana-3" is not known; choose one of nano-banana, nano-banana-pro, nano-banana-2, nano-banana-2-lite',
      allowed: ['nano-banana', 'nano-banana-pro', 'nano-banana-2', 'nano-banana-2-lite'],
    });
  });

  it('a retired offering, naming its replacement, unless the key check still lists it', () => {
    const [issue] = refusal({ provider: 'gemini', model: 'nano-banana', prompt: PROMPT });
    expect(issue).toEqual({
      field: 'model',
      message: 'Nano Banana on Gemini API (gemini/nano-banana) was retired on 2026-10-02; use Nano Banana 2 (gemini/nano-banana-2) instead',
      allowed: ['nano-banana-2'],
    });
    const listed = validateGenerationRequest({ provider: 'gemini', model: 'nano-banana', prompt: PROMPT }, CATALOG_INDEX, {
      listedModelIds: { gemini: ['gemini-2.5-flash-image'] },
    });
    expect(listed.ok).toBe(true);
  });

  it('Nano Banana 2 Lite at 2K or with web search, naming what is allowed', () => {
    expect(refusal({ provider: 'gemini', model: 'nano-banana-2-lite', prompt: PROMPT, resolution: '2K' })).toEqual([
      { field: 'resolution', message: 'resolution 2K is not offered by gemini/nano-banana-2-lite; choose one of 1K', allowed: ['1K'] },
    ]);
    expect(refusal({ provider: 'gemini', model: 'nano-banana-2-lite', prompt: PROMPT, webSearch: true })).toEqual([
      {
        field: 'webSearch',
        message: 'web search grounding is not offered by gemini/nano-banana-2-lite; set webSearch to false or leave it out',
        allowed: [false],
      },
    ]);
  });

  it('an unknown provider', () => {
    const [issue] = refusal({ provider: 'replicate', model: 'nano-banana-2', prompt: PROMPT });
    expect(issue).toEqual({
      field: 'provider',
      message: 'provider "replicate" is not known; choose one of local, runware, runflow, aimlapi, gemini',
      allowed: ['local', 'runware', 'runflow', 'aimlapi', 'gemini'],
    });
  });

  it('a provider that does not sell the model', () => {
    const [issue] = refusal({ provider: 'runflow', model: 'nano-banana', prompt: PROMPT });
    expect(issue).toEqual({
      field: 'provider',
      message: 'runflow does not offer nano-banana; choose one of local, runware, gemini',
      allowed: ['local', 'runware', 'gemini'],
    });
  });

  it('unknown fields instead of dropping them', () => {
    const [issue] = refusal({ provider: 'local', model: 'nano-banana-2', prompt: PROMPT, negativePrompt: 'blur' });
    expect(issue!.field).toBe('negativePrompt');
    expect(issue!.message).toMatch(/negativePrompt is not part of a GenerationRequest; the fields are provider, model, prompt/);
  });

  it('a seed where the offering takes none, and advanced settings it does not offer', () => {
    const issues = refusal({ provider: 'runware', model: 'nano-banana', prompt: PROMPT, seed: 7, advanced: { temperature: 0.5 } });
    expect(issues.map((issue) => issue.field)).toEqual(['seed', 'advanced.temperature']);
    expect(issues[1]!.message).toBe('temperature is not offered by runware/nano-banana; it offers safetyTolerance');
  });

  it('out-of-range numbers with their range', () => {
    const request: GenerationRequest = {
      provider: 'runflow',
      model: 'nano-banana-2',
      prompt: PROMPT,
      numberResults: 5,
      advanced: { safetyTolerance: '7' },
    };
    const issues = refusal(request);
    expect(issues).toEqual([
      { field: 'numberResults', message: 'numberResults 5 is not offered by runflow/nano-banana-2; choose 1 to 4', allowed: [1, 4] },
      {
        field: 'advanced.safetyTolerance',
        message: 'safetyTolerance 7 is not offered by runflow/nano-banana-2; choose one of 1, 2, 3, 4, 5, 6',
        allowed: ['1', '2', '3', '4', '5', '6'],
      },
    ]);
  });

  it('an output format the provider cannot return', () => {
    const [issue] = refusal({ provider: 'gemini', model: 'nano-banana-2', prompt: PROMPT, outputFormat: 'jpeg' });
    expect(issue).toEqual({ field: 'outputFormat', message: 'outputFormat jpeg is not offered by gemini/nano-banana-2; choose one of png', allowed: ['png'] });
  });

  it('a missing prompt and a reference that is neither an upload id nor a data URI', () => {
    const issues = refusal({ provider: 'local', model: 'nano-banana-2', referenceImages: ['https://example.com/a.png'] });
    expect(issues.map((issue) => issue.field).sort()).toEqual(['prompt', 'referenceImages.0']);
  });
});
