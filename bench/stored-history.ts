import { CATALOG_INDEX } from '../src/catalog/catalog.ts';
import { randomUUID } from 'node:crypto';
import { validateGenerationRequest } from '../src/catalog/validate.ts';
import type { Studio } from '../src/server/studio.ts';

/** A stored image file a seeded generation points at: its sha256 name and size in bytes. */
export interface SeededImageFile {
  sha256: string;
  bytes: number;
}

/**
 * Inserts `count` finished `local` generations (2 images of 1024x1024 px each,
 * prompts varied so `q` filters something) directly through the store, in one
 * transaction, spread over the last 30 days. `imageFile(index, position, id)`
 * names the file of each image. For the benchmarks only.
 */
export function storeFinishedGenerations(studio: Studio, count: number, imageFile: (index: number, position: number, id: string) => SeededImageFile): void {
  const models = ['nano-banana', 'nano-banana-pro', 'nano-banana-2'] as const;
  const words = ['banana', 'poster', 'astronaut', 'coffee', 'cat', 'neon', 'studio', 'portrait', 'landscape', 'product'];
  const start = Date.now() - 30 * 24 * 3600 * 1000;
  studio.database.transaction(() => {
    for (let index = 0; index < count; index += 1) {
      const validation = validateGenerationRequest(
        {
          provider: 'local',
          model: models[index % models.length]!,
          prompt: `A ${words[index % words.length]} ${words[(index * 7) % words.length]} number ${index}, premium commercial lighting`,
          seed: index,
          numberResults: 2,
        },
        CATALOG_INDEX,
      );
      if (!validation.ok) throw new Error(validation.issues[0]!.message);
      const id = randomUUID();
      studio.generations.insertGeneration({
        id,
        createdAt: new Date(start + index * 250_000).toISOString(),
        request: validation.request,
        offeringId: validation.offeringId,
        estimatedCost: { currency: 'USD', total: 0, min: 0, max: 0 },
      });
      studio.generations.markGenerationRunning(id, new Date().toISOString());
      studio.generations.completeGeneration(id, {
        images: [0, 1].map((position) => {
          const file = imageFile(index, position, id);
          return { id: randomUUID(), sha256: file.sha256, mimeType: 'image/jpeg', width: 1024, height: 1024, seed: index + position, bytes: file.bytes };
        }),
        actualCost: 0,
        warnings: [],
        usage: null,
        durationMs: 400,
      });
    }
  })();
}
