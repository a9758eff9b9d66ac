import type { Generation, GenerationImage } from '../../../api/types.ts';
import type { LocalSubmission } from '../stores/gallery-store.ts';

/** One cell of the gallery grid. */
export type GalleryTile =
  | { kind: 'image'; key: string; generation: Generation; image: GenerationImage; imageIndex: number }
  | { kind: 'pending'; key: string; generation: Generation | null; submission: LocalSubmission | null; slot: number; slots: number }
  | { kind: 'failed'; key: string; generation: Generation | null; submission: LocalSubmission | null };

/** Pending cards shown per generation at most (a 20-image request shows 4 placeholders). */
const MAX_PENDING_SLOTS = 4;

/** Turns local submissions and server generations (newest first) into grid cells. */
export function buildGalleryTiles(submissions: LocalSubmission[], generations: Generation[], hiddenIds: Set<string>): GalleryTile[] {
  const tiles: GalleryTile[] = [];
  for (const submission of submissions) {
    if (submission.status === 'refused') {
      tiles.push({ kind: 'failed', key: submission.localId, generation: null, submission });
      continue;
    }
    const slots = Math.min(MAX_PENDING_SLOTS, submission.request.numberResults ?? 1);
    for (let slot = 0; slot < slots; slot += 1) {
      tiles.push({ kind: 'pending', key: `${submission.localId}:${slot}`, generation: null, submission, slot, slots });
    }
  }
  for (const generation of generations) {
    if (hiddenIds.has(generation.id)) continue;
    if (generation.status === 'queued' || generation.status === 'running') {
      const slots = Math.min(MAX_PENDING_SLOTS, generation.request.numberResults ?? 1);
      for (let slot = 0; slot < slots; slot += 1) {
        tiles.push({ kind: 'pending', key: `${generation.id}:${slot}`, generation, submission: null, slot, slots });
      }
    } else if (generation.status === 'succeeded' && generation.images.length > 0) {
      generation.images.forEach((image, imageIndex) => {
        tiles.push({ kind: 'image', key: `${generation.id}:${imageIndex}`, generation, image, imageIndex });
      });
    } else {
      tiles.push({ kind: 'failed', key: generation.id, generation, submission: null });
    }
  }
  return tiles;
}
