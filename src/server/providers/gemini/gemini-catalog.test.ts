import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG, CATALOG_INDEX } from '../../../catalog/catalog.ts';
import { validateGenerationRequest } from '../../../catalog/validate.ts';
import type { FakeProviderServer } from '../../testing/fakes/fake-server.ts';
import { startGeminiFake } from '../../testing/fakes/gemini-fake.ts';
import type { ReferenceImageInput } from '../provider-types.ts';
import { toGeminiBody } from './gemini-adapter.ts';

/*
 * Cross-check of the catalog against the fake Gemini API (docs/PROVIDERS.md,
 * read independently): every resolution x aspect ratio and every capability
 * the catalog offers maps to a body the fake accepts. The fake validates the
 * whole body before its safety check, so with `refuse-prompt` on an accepted
 * body answers a PROHIBITED_CONTENT block without making an image.
 */

let fake: FakeProviderServer;
const STILL_LISTED = { listedModelIds: { gemini: ['gemini-2.5-flash-image'] } };
beforeAll(async () => {
  // Nano Banana is retired on Google's schedule; a key that still lists it is the only way the studio sends it.
  fake = await startGeminiFake({ serveNanoBanana: true });
});
afterAll(async () => {
  await fake.close();
});

async function check(model: string, body: unknown): Promise<string> {
  fake.misbehave('refuse-prompt');
  const response = await fetch(`${fake.url}/v1beta/models/${model}:generateContent`, {
    method: 'POST',
    headers: { 'x-goog-api-key': fake.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { promptFeedback?: { blockReason: string } };
  fake.misbehave('none');
  return answer.promptFeedback?.blockReason === 'PROHIBITED_CONTENT' ? 'accepted' : JSON.stringify(answer);
}

describe('every Gemini capability in the catalog is accepted by the fake Gemini API', () => {
  for (const offering of CATALOG.offerings.filter((candidate) => candidate.provider === 'gemini')) {
    it(`${offering.id}: every size`, async () => {
      const outcomes: string[] = [];
      for (const entry of offering.sizes) {
        const validation = validateGenerationRequest(
          { provider: 'gemini', model: offering.model, prompt: 'A size check', resolution: entry.resolution, aspectRatio: entry.aspectRatio },
          CATALOG_INDEX,
          STILL_LISTED,
        );
        if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
        outcomes.push(
          `${entry.resolution} ${entry.aspectRatio}: ` +
            (await check(offering.providerModelId, toGeminiBody({ request: validation.request, offering, references: [] }))),
        );
      }
      expect(outcomes.filter((outcome) => !outcome.endsWith(': accepted'))).toEqual([]);
    });

    it(`${offering.id}: every capability at once, with the most reference images`, async () => {
      const bytes = await sharp({ create: { width: 16, height: 12, channels: 3, background: '#0a0' } })
        .png()
        .toBuffer();
      const reference: ReferenceImageInput = {
        id: 'ref',
        sha256: createHash('sha256').update(bytes).digest('hex'),
        mimeType: 'image/png',
        bytes,
        width: 16,
        height: 12,
      };
      const references = Array.from({ length: offering.referenceImages.max }, () => reference);
      const validation = validateGenerationRequest(
        {
          provider: 'gemini',
          model: offering.model,
          prompt: 'A capability check',
          resolution: offering.resolutions.at(-1),
          aspectRatio: offering.aspectRatios.at(-1),
          numberResults: offering.numberResults.max,
          ...(offering.thinkingLevels.length > 0 ? { thinking: offering.thinkingLevels.at(-1) } : {}),
          ...(offering.grounding.webSearch ? { webSearch: true } : {}),
          ...(offering.grounding.imageSearch ? { imageSearch: true } : {}),
          referenceImages: references.map(() => `data:image/png;base64,${bytes.toString('base64')}`),
        },
        CATALOG_INDEX,
        STILL_LISTED,
      );
      if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
      expect(await check(offering.providerModelId, toGeminiBody({ request: validation.request, offering, references }))).toBe('accepted');
    });
  }
});
