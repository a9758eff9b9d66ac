import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOffering, CATALOG_INDEX } from '../../../catalog/catalog.ts';
import { findSizeEntry } from '../../../catalog/sizes.ts';
import { validateGenerationRequest } from '../../../catalog/validate.ts';
import type { GenerationRequest } from '../../../catalog/request.ts';
import type { RunwareExample, RunwareTask } from '../../../catalog/testing/runware-examples.ts';
import type { ModelId } from '../../../catalog/types.ts';
import { createTestContext, imageSize, loadPhotoReference, TEST_PHOTOS } from '../../testing/fakes/adapter-test-context.ts';
import type { FakeProviderServer } from '../../testing/fakes/fake-server.ts';
import { startRunwareFake } from '../../testing/fakes/runware-fake.ts';
import type { ReferenceImageInput } from '../provider-types.ts';
import { createRunwareAdapter, runwareUploadCacheKey } from './runware-adapter.ts';

/*
 * Every request/response example of the three Runware model pages (seeds
 * 000, 001, 003: twelve in all) is replayed: the example request becomes a
 * GenerationRequest, the catalog validates it, the adapter sends it to the
 * fake Runware server, and the body the fake received must be the seed's
 * body except for
 *   - taskUUID (a new UUID v4 per task),
 *   - the documented additions: numberResults, outputType, outputFormat,
 *     includeCost, deliveryMethod,
 *   - the reference values: the seed's input URLs become the imageUUIDs of
 *     the test photos uploaded with `imageUpload` (same count, same order),
 * and the billed cost must be the seed's `cost`.
 */

const SEEDS_DIRECTORY = fileURLToPath(new URL('../../../../docs/seeds/', import.meta.url));

interface SeedExample {
  file: string;
  name: string;
  request: RunwareTask;
  response: RunwareExample['response'];
}

/** Every top-level JSON object in a text, in order (seed 003 prints them unfenced and back to back). */
function jsonObjects(text: string): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index += 1;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"' && depth > 0) inString = true;
    else if (character === '{') {
      if (depth === 0) start = index;
      depth += 1;
    } else if (character === '}' && depth > 0) {
      depth -= 1;
      if (depth === 0) objects.push(JSON.parse(text.slice(start, index + 1)));
    }
  }
  return objects;
}

function readExamples(file: string): SeedExample[] {
  const text = readFileSync(`${SEEDS_DIRECTORY}${file}`, 'utf8');
  const examplesText = text.includes('## Examples') ? text.slice(text.indexOf('## Examples')) : text;
  const objects = jsonObjects(examplesText).filter((object) => object.taskType === 'imageInference');
  const examples: SeedExample[] = [];
  for (let index = 0; index < objects.length; index += 2) {
    // The seed pages' JSON, in the shapes the pages document.
    const request = objects[index] as unknown as RunwareTask;
    const response = objects[index + 1] as unknown as RunwareExample['response'];
    expect(response.taskUUID).toBe(request.taskUUID);
    examples.push({ file, name: request.positivePrompt.slice(0, 60), request, response });
  }
  return examples;
}

const EXAMPLES = [...readExamples('000_d06cf3e68a6a4bd5.txt'), ...readExamples('001_22455cd64c9e446c.txt'), ...readExamples('003_ed5d51c1c788f0ca.txt')];

const MODEL_BY_RUNWARE_ID: Record<string, ModelId> = { 'google:4@3': 'nano-banana-2', 'google:4@2': 'nano-banana-pro', 'google:4@1': 'nano-banana' };

let fake: FakeProviderServer;
const photos: ReferenceImageInput[] = [];

beforeAll(async () => {
  fake = await startRunwareFake();
  // Four distinct references: the three photos, and the astronaut mirrored.
  for (const name of TEST_PHOTOS) photos.push(await loadPhotoReference(name));
  photos.push(await loadPhotoReference('astronaut.png', 1));
});
afterAll(async () => {
  await fake.close();
});

/** The studio request a designer would make to reproduce a seed example. */
function toGenerationRequest(example: SeedExample, referenceIds: string[]): GenerationRequest {
  const seedRequest = example.request;
  const model = MODEL_BY_RUNWARE_ID[seedRequest.model]!;
  const offering = getOffering('runware', model)!;
  const size = findSizeEntry(offering, seedRequest.width, seedRequest.height);
  if (!size) throw new Error(`${seedRequest.width}x${seedRequest.height} is not in the ${offering.id} table`);
  const settings = seedRequest.settings ?? {};
  const google = seedRequest.providerSettings?.google ?? {};
  const advanced: NonNullable<GenerationRequest['advanced']> = {};
  if (settings.temperature !== undefined) advanced.temperature = settings.temperature;
  if (settings.topP !== undefined) advanced.topP = settings.topP;
  if (settings.systemPrompt !== undefined) advanced.systemPrompt = settings.systemPrompt;
  if (google.safetyTolerance !== undefined) advanced.safetyTolerance = google.safetyTolerance;
  return {
    provider: 'runware',
    model,
    prompt: seedRequest.positivePrompt,
    resolution: size.resolution,
    aspectRatio: size.aspectRatio,
    ...(seedRequest.seed !== undefined ? { seed: seedRequest.seed } : {}),
    ...(settings.thinking !== undefined ? { thinking: settings.thinking.toLowerCase() as 'minimal' | 'high' } : {}),
    ...(google.webSearch !== undefined ? { webSearch: google.webSearch } : {}),
    ...(google.imageSearch !== undefined ? { imageSearch: google.imageSearch } : {}),
    ...(Object.keys(advanced).length > 0 ? { advanced } : {}),
    ...(referenceIds.length > 0 ? { referenceImages: referenceIds } : {}),
  };
}

describe('Runware seed examples replayed through the adapter', () => {
  it('finds the twelve examples (4 per model page)', () => {
    expect(EXAMPLES.map((example) => example.file)).toEqual([
      ...Array(4).fill('000_d06cf3e68a6a4bd5.txt'),
      ...Array(4).fill('001_22455cd64c9e446c.txt'),
      ...Array(4).fill('003_ed5d51c1c788f0ca.txt'),
    ]);
  });

  for (const [index, example] of EXAMPLES.entries()) {
    it(`${example.file} #${(index % 4) + 1}: ${example.name}…`, async () => {
      fake.resetCalls();
      const seedReferences: string[] = example.request.inputs?.referenceImages ?? [];
      const references = photos.slice(0, seedReferences.length);
      expect(references).toHaveLength(seedReferences.length);

      const validation = validateGenerationRequest(
        toGenerationRequest(
          example,
          references.map((photo) => photo.id),
        ),
        CATALOG_INDEX,
      );
      if (!validation.ok) throw new Error(`refused: ${JSON.stringify(validation.issues)}`);
      const offering = getOffering('runware', validation.request.model)!;
      const context = createTestContext({ offering, apiKey: fake.apiKey, baseUrl: fake.url, references });
      const result = await createRunwareAdapter({ pollInitialDelayMs: 20, pollMaxDelayMs: 50 }).generate(validation.request, context);

      const submits = fake.calls.filter((call) => call.kind === 'submit');
      expect(submits).toHaveLength(1);
      const sent = (submits[0]!.body as Array<Record<string, unknown>>)[0]!;

      // The documented differences, checked one by one...
      expect(sent.taskUUID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(sent.taskUUID).not.toBe(example.request.taskUUID);
      expect({
        numberResults: sent.numberResults,
        outputType: sent.outputType,
        outputFormat: sent.outputFormat,
        includeCost: sent.includeCost,
        deliveryMethod: sent.deliveryMethod,
      }).toEqual({ numberResults: 1, outputType: 'URL', outputFormat: 'JPG', includeCost: true, deliveryMethod: 'async' });
      const uploadedUuids = references.map((photo) => context.cache.get(runwareUploadCacheKey(fake.url, photo.sha256)));
      expect(uploadedUuids.every((uuid) => typeof uuid === 'string')).toBe(true);

      // ...and otherwise the seed's body exactly.
      const expected: Record<string, unknown> = { ...structuredClone(example.request) };
      expected.taskUUID = sent.taskUUID;
      Object.assign(expected, { numberResults: 1, outputType: 'URL', outputFormat: 'JPG', includeCost: true, deliveryMethod: 'async' });
      if (example.request.inputs) expected.inputs = { ...example.request.inputs, referenceImages: uploadedUuids };
      expect(sent).toEqual(expected);

      // The result: the image of the seed's size, and the seed's billed cost.
      expect(result.images).toHaveLength(1);
      expect(await imageSize(result.images[0]!.bytes)).toMatchObject({ width: example.request.width, height: example.request.height });
      expect(Math.abs(result.billedCost! - example.response.cost)).toBeLessThan(1e-6);
    });
  }
});
