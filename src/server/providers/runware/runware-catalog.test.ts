import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG, CATALOG_INDEX } from '../../../catalog/catalog.ts';
import { estimateCost } from '../../../catalog/estimate.ts';
import { validateGenerationRequest } from '../../../catalog/validate.ts';
import type { FakeProviderServer } from '../../testing/fakes/fake-server.ts';
import { startRunwareFake } from '../../testing/fakes/runware-fake.ts';
import { toRunwareInferenceTask } from './runware-mapping.ts';

/*
 * Cross-check of the catalog against the fake Runware server, whose size
 * tables are read independently from the seed documents: every resolution x
 * aspect ratio the catalog offers for Runware maps to a body the fake
 * accepts. The fake checks the whole task before its safety check, so with
 * `refuse-prompt` on, an accepted task answers `contentBlocked` without
 * rendering an image, and a refused one answers with the validation error.
 */

let fake: FakeProviderServer;
beforeAll(async () => {
  fake = await startRunwareFake();
});
afterAll(async () => {
  await fake.close();
});

const offerings = CATALOG.offerings.filter((offering) => offering.provider === 'runware');

describe('every Runware size in the catalog is accepted by the fake Runware server', () => {
  for (const offering of offerings) {
    it(`${offering.id}: ${offering.sizes.length} sizes`, async () => {
      expect(offering.sizes.length).toBeGreaterThan(0);
      const outcomes: string[] = [];
      for (const entry of offering.sizes) {
        const validation = validateGenerationRequest(
          {
            provider: 'runware',
            model: offering.model,
            prompt: 'A size check',
            resolution: entry.resolution,
            aspectRatio: entry.aspectRatio,
          },
          CATALOG_INDEX,
        );
        if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
        const task = toRunwareInferenceTask({
          request: validation.request,
          offering,
          taskUUID: randomUUID(),
          numberResults: 1,
          referenceImages: [],
          outputType: 'URL',
          deliveryMethod: 'sync',
        });
        fake.misbehave('refuse-prompt');
        const response = await fetch(fake.url, {
          method: 'POST',
          headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify([task]),
        });
        const body = (await response.json()) as { errors?: Array<{ code: string; message: string }> };
        outcomes.push(`${entry.resolution} ${entry.aspectRatio} ${task.width}x${task.height}: ${body.errors?.[0]?.code ?? 'no error'}`);
      }
      expect(outcomes.filter((outcome) => !outcome.endsWith(': contentBlocked'))).toEqual([]);
    });

    it(`${offering.id}: every capability the catalog offers at once is accepted`, async () => {
      const reference = `data:image/png;base64,${(
        await sharp({ create: { width: 16, height: 12, channels: 3, background: '#0a0' } })
          .png()
          .toBuffer()
      ).toString('base64')}`;
      const advanced: Record<string, unknown> = {};
      if (offering.advanced.temperature) advanced.temperature = offering.advanced.temperature.max;
      if (offering.advanced.topP) advanced.topP = offering.advanced.topP.min;
      if (offering.advanced.systemPrompt) advanced.systemPrompt = 'Be precise.';
      if (offering.advanced.safetyTolerance) advanced.safetyTolerance = offering.advanced.safetyTolerance.values.at(-1);
      const validation = validateGenerationRequest(
        {
          provider: 'runware',
          model: offering.model,
          prompt: 'x'.repeat(offering.prompt.max ?? 100),
          resolution: offering.resolutions.at(-1),
          aspectRatio: offering.sizes.find((entry) => entry.resolution === offering.resolutions.at(-1))!.aspectRatio,
          numberResults: offering.numberResults.max,
          ...(offering.seed ? { seed: offering.seed.max } : {}),
          ...(offering.thinkingLevels.length > 0 ? { thinking: offering.thinkingLevels.at(-1) } : {}),
          ...(offering.grounding.webSearch ? { webSearch: true } : {}),
          ...(offering.grounding.imageSearch ? { imageSearch: true } : {}),
          ...(Object.keys(advanced).length > 0 ? { advanced } : {}),
          referenceImages: Array.from({ length: offering.referenceImages.max }, () => reference),
          outputFormat: offering.outputFormats.at(-1),
        },
        CATALOG_INDEX,
      );
      if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
      const task = toRunwareInferenceTask({
        request: validation.request,
        offering,
        taskUUID: randomUUID(),
        numberResults: offering.numberResults.perCall,
        referenceImages: validation.request.referenceImages,
        outputType: 'URL',
        deliveryMethod: 'async',
      });
      fake.misbehave('refuse-prompt');
      const response = await fetch(fake.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify([task]),
      });
      expect(((await response.json()) as { errors: Array<{ code: string }> }).errors).toEqual([expect.objectContaining({ code: 'contentBlocked' })]);
    });
  }
});

describe('the catalog estimate equals what the fake Runware server bills (seed prices)', () => {
  for (const offering of offerings) {
    it(`${offering.id}: every resolution, with 0 and 3 reference images, web search on where offered`, async () => {
      fake.misbehave('none');
      const reference = `data:image/png;base64,${(
        await sharp({ create: { width: 16, height: 12, channels: 3, background: '#0a0' } })
          .png()
          .toBuffer()
      ).toString('base64')}`;
      const mismatches: string[] = [];
      for (const resolution of offering.resolutions) {
        for (const referenceCount of [0, 3]) {
          const input = {
            provider: 'runware' as const,
            model: offering.model,
            prompt: 'A price check',
            resolution,
            aspectRatio: offering.sizes.find((entry) => entry.resolution === resolution)!.aspectRatio,
            ...(offering.grounding.webSearch ? { webSearch: true } : {}),
            referenceImages: Array.from({ length: referenceCount }, () => reference),
          };
          const validation = validateGenerationRequest(input, CATALOG_INDEX);
          if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
          const task = toRunwareInferenceTask({
            request: validation.request,
            offering,
            taskUUID: randomUUID(),
            numberResults: 1,
            referenceImages: validation.request.referenceImages,
            outputType: 'base64Data',
            deliveryMethod: 'sync',
          });
          const response = await fetch(fake.url, {
            method: 'POST',
            headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' },
            body: JSON.stringify([task]),
          });
          const billed = ((await response.json()) as { data: Array<{ cost: number }> }).data[0]!.cost;
          const estimate = estimateCost(input, CATALOG_INDEX);
          if (estimate.total === null || Math.abs(estimate.total - billed) > 1e-9)
            mismatches.push(`${resolution}, ${referenceCount} references: estimate ${estimate.total}, billed ${billed}`);
        }
      }
      expect(mismatches).toEqual([]);
    });
  }
});
