import type { Generation, GenerationImage } from '../../../api/types.ts';
import type { LocalSubmission } from '../stores/gallery-store.ts';

/** One cell of the gallery grid. */
export type GalleryTile =
  | {
      kind: 'image'; key: string; generation: Generation; image: GenerationImage; imageIndex: number;
      /** Edits folded under this tile (gallery "Fold edits"); absent or 0 when none. */
      foldedEdits?: number;
    }
  | { kind: 'pending'; key: string; generation: Generation | null; submission: LocalSubmission | null; slot: number; slots: number }
  | { kind: 'failed'; key: string; generation: Generation | null; submission: LocalSubmission | null };

/** Pending cards shown per generation at most (a 20-image request shows 4 placeholders). */
const MAX_PENDING_SLOTS = 4;

/** Turns local submissions and server generations (newest first) into grid cells. */
export function buildGalleryTiles(
  submissions: LocalSubmission[],
  generations: Generation[],
  hiddenIds: Set<string>,
  /** Edits folded under a generation, by its id (lineage-order.ts). */
  foldedEdits?: Map<string, number>,
): GalleryTile[] {
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
        const folded = imageIndex === 0 ? foldedEdits?.get(generation.id) : undefined;
        tiles.push({ kind: 'image', key: `${generation.id}:${imageIndex}`, generation, image, imageIndex, ...(folded ? { foldedEdits: folded } : {}) });
      });
    } else {
      tiles.push({ kind: 'failed', key: generation.id, generation, submission: null });
    }
  }
  return tiles;
}

/** A laid-out row of the justified grid: each tile's width, one shared height, px. */
export interface GalleryRow {
  tiles: Array<{ tile: GalleryTile; width: number }>;
  height: number;
}

/** Display aspect ratio (width / height) of a tile, clamped to 0.5..2.4 so 8:1 strips still show something. */
export function tileAspect(tile: GalleryTile): number {
  // Failure cards are wider, so the server's message fits.
  let aspect = tile.kind === 'failed' ? 1.5 : 1;
  if (tile.kind === 'image') aspect = tile.image.width / tile.image.height;
  else if (tile.kind === 'pending') {
    const ratio = tile.generation?.request.aspectRatio ?? tile.submission?.request.aspectRatio;
    const match = ratio ? /^(\d+):(\d+)$/.exec(ratio) : null;
    if (match) aspect = Number(match[1]) / Number(match[2]);
  }
  return Math.min(2.4, Math.max(0.5, aspect));
}

/**
 * Packs tiles into justified rows (as the Midjourney and Google Photos grids
 * do): each row is filled up to `width` px at about `targetHeight` px, then
 * scaled to fit exactly; the last row keeps the target height.
 */
export function layoutGalleryRows(tiles: GalleryTile[], width: number, targetHeight: number, gap: number): GalleryRow[] {
  const rows: GalleryRow[] = [];
  if (width <= 0) return rows;
  let current: GalleryTile[] = [];
  let aspectSum = 0;
  for (const tile of tiles) {
    current.push(tile);
    aspectSum += tileAspect(tile);
    const natural = aspectSum * targetHeight + gap * (current.length - 1);
    if (natural >= width) {
      const height = (width - gap * (current.length - 1)) / aspectSum;
      rows.push({ height, tiles: current.map((entry) => ({ tile: entry, width: tileAspect(entry) * height })) });
      current = [];
      aspectSum = 0;
    }
  }
  if (current.length > 0) {
    rows.push({ height: targetHeight, tiles: current.map((entry) => ({ tile: entry, width: tileAspect(entry) * targetHeight })) });
  }
  return rows;
}
