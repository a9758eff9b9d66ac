import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG, CATALOG_INDEX } from '../../../catalog/catalog.ts';
import { validateGenerationRequest } from '../../../catalog/validate.ts';
import { startAimlapiFake } from '../../testing/fakes/aimlapi-fake.ts';
import type { FakeProviderServer } from '../../testing/fakes/fake-server.ts';
import { toAimlapiBody } from './aimlapi-adapter.ts';

/*
 * Cross-check of the catalog against the fake AI/ML API (seed 004 and
 * docs/PROVIDERS.md, read independently): every resolution x aspect ratio
 * and every capability the catalog offers maps to a body the fake accepts.
 * The fake validates the whole body before its moderation check, so with
 * `refuse-prompt` on an accepted body answers the moderation refusal
 * without making an image, and a refused one "Body validation error!".
 */

let fake: FakeProviderServer;
beforeAll(async () => {
  fake = await startAimlapiFake();
});
afterAll(async () => {
  await fake.close();
});

async function check(body: unknown): Promise<string> {
  fake.misbehave('refuse-prompt');
  const response = await fetch(`${fake.url}/v1/images/generations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { message: string; errors?: unknown };
  fake.misbehave('none');
  return /moderation/.test(answer.message) ? 'accepted' : JSON.stringify(answer);
}

describe('every AI/ML API capability in the catalog is accepted by the fake AI/ML API', () => {
  for (const offering of CATALOG.offerings.filter((candidate) => candidate.provider === 'aimlapi')) {
    it(`${offering.id}: every size`, async () => {
      const outcomes: string[] = [];
      for (const entry of offering.sizes) {
        const validation = validateGenerationRequest(
          {
            provider: 'aimlapi',
            model: offering.model,
            prompt: 'A size check',
            resolution: entry.resolution,
            aspectRatio: entry.aspectRatio,
          },
          CATALOG_INDEX,
        );
        if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
        outcomes.push(
          `${entry.resolution} ${entry.aspectRatio}: ${await check(toAimlapiBody({ request: validation.request, offering, numImages: 1, imageUrls: [] }))}`,
        );
      }
      expect(outcomes.filter((outcome) => !outcome.endsWith(': accepted'))).toEqual([]);
    });

    it(`${offering.id}: every capability at once, with the most reference images`, async () => {
      const reference = `data:image/png;base64,${(
        await sharp({ create: { width: 16, height: 12, channels: 3, background: '#0a0' } })
          .png()
          .toBuffer()
      ).toString('base64')}`;
      const validation = validateGenerationRequest(
        {
          provider: 'aimlapi',
          model: offering.model,
          prompt: 'A capability check',
          resolution: offering.resolutions.at(-1),
          aspectRatio: offering.aspectRatios.at(-1),
          numberResults: offering.numberResults.max,
          ...(offering.grounding.webSearch ? { webSearch: true } : {}),
          referenceImages: Array.from({ length: offering.referenceImages.max }, () => reference),
        },
        CATALOG_INDEX,
      );
      if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
      const body = toAimlapiBody({
        request: validation.request,
        offering,
        numImages: offering.numberResults.perCall,
        imageUrls: validation.request.referenceImages,
      });
      expect(await check(body)).toBe('accepted');
    });
  }
});
