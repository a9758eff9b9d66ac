import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG, CATALOG_INDEX } from '../../../catalog/catalog.ts';
import { validateGenerationRequest } from '../../../catalog/validate.ts';
import type { FakeProviderServer } from '../../testing/fakes/fake-server.ts';
import { startRunflowFake } from '../../testing/fakes/runflow-fake.ts';
import { toRunflowInput } from './runflow-settings.ts';

/*
 * Cross-check of the catalog against the fake Runflow server (seed 002's
 * schema, read independently): every resolution x aspect ratio (auto
 * included) and every capability the catalog offers for Runflow maps to an
 * input the fake accepts (201; the fake makes images only when polled).
 */

let fake: FakeProviderServer;
beforeAll(async () => {
  fake = await startRunflowFake();
});
afterAll(async () => {
  await fake.close();
});

async function create(providerModelId: string, input: unknown): Promise<string> {
  const response = await fetch(`${fake.url}/v1/models/${providerModelId}/runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ input }),
  });
  return response.status === 201 ? 'created' : JSON.stringify(await response.json());
}

/** Runflow's upload flow, by hand: start, PUT to the presigned URL, confirm; returns the asset's https URL. */
async function uploadAsset(bytes: Buffer): Promise<string> {
  const headers = { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' };
  const started = (await (
    await fetch(`${fake.url}/v1/asset-uploads`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ filename: 'reference.png', mime_type: 'image/png', size_bytes: bytes.length }),
    })
  ).json()) as { asset_id: string; upload_url: string };
  expect((await fetch(started.upload_url, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: new Uint8Array(bytes) })).status).toBe(200);
  const asset = (await (
    await fetch(`${fake.url}/v1/asset-uploads/${started.asset_id}/confirmations`, { method: 'POST', headers, body: JSON.stringify({ folder_id: null }) })
  ).json()) as { url: string };
  return asset.url;
}

describe('every Runflow capability in the catalog is accepted by the fake Runflow server', () => {
  for (const offering of CATALOG.offerings.filter((candidate) => candidate.provider === 'runflow')) {
    it(`${offering.id}: every resolution and aspect ratio`, async () => {
      const outcomes: string[] = [];
      for (const resolution of offering.resolutions) {
        for (const aspectRatio of offering.aspectRatios) {
          if (aspectRatio !== 'auto' && !offering.sizes.some((entry) => entry.resolution === resolution && entry.aspectRatio === aspectRatio)) continue;
          const validation = validateGenerationRequest(
            { provider: 'runflow', model: offering.model, prompt: 'A size check', resolution, aspectRatio },
            CATALOG_INDEX,
          );
          if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
          const input = toRunflowInput({ request: validation.request, offering, numImages: 1, imageUrls: [] });
          outcomes.push(`${resolution} ${aspectRatio}: ${await create(validation.request.providerModelId, input)}`);
        }
      }
      expect(outcomes.length).toBeGreaterThan(10);
      expect(outcomes.filter((outcome) => !outcome.endsWith(': created'))).toEqual([]);
    });

    it(`${offering.id}: every capability at once, with the most reference images, on the edit model`, async () => {
      const bytes = await sharp({ create: { width: 16, height: 12, channels: 3, background: '#0a0' } })
        .png()
        .toBuffer();
      const reference = `data:image/png;base64,${bytes.toString('base64')}`;
      const assetUrl = await uploadAsset(bytes);
      const validation = validateGenerationRequest(
        {
          provider: 'runflow',
          model: offering.model,
          prompt: 'x'.repeat(offering.prompt.max ?? 100),
          resolution: offering.resolutions.at(-1),
          aspectRatio: offering.aspectRatios[0],
          numberResults: offering.numberResults.max,
          ...(offering.seed ? { seed: offering.seed.max } : {}),
          ...(offering.thinkingLevels.length > 0 ? { thinking: offering.thinkingLevels.at(-1) } : {}),
          ...(offering.grounding.webSearch ? { webSearch: true } : {}),
          ...(offering.advanced.safetyTolerance ? { advanced: { safetyTolerance: offering.advanced.safetyTolerance.values.at(-1) } } : {}),
          referenceImages: Array.from({ length: offering.referenceImages.max }, () => reference),
          outputFormat: offering.outputFormats.at(-1),
        },
        CATALOG_INDEX,
      );
      if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
      expect(validation.request.providerModelId).toBe(offering.providerEditModelId);
      const input = toRunflowInput({
        request: validation.request,
        offering,
        numImages: offering.numberResults.perCall,
        imageUrls: validation.request.referenceImages.map(() => assetUrl),
      });
      expect(await create(validation.request.providerModelId, input)).toBe('created');
    });
  }
});
