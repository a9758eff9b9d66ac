import type { Generation, GenerationImage } from '../../../api/types.ts';
import type { LocalSubmission } from '../stores/gallery-store.ts';

/** One cell of the gallery grid. */
export type GalleryTile =
  | {
      kind: 'image';
      key: string;
      generation: Generation;
      image: GenerationImage;
      imageIndex: number;
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
      const slots = Math.min(MAX_PENDING_SLOTS, generation.request.numberResults);
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

/** Narrowest display ratio (width / height) of a tile: a 1:4 portrait is shown whole, letterboxed, in a 1:2 tile. */
const MIN_TILE_ASPECT = 0.5;

/** The ratio (width / height) of what a tile shows: the image's own, the requested ratio for a pending card, 1.6 for a failure card (room for its message). */
export function naturalAspect(tile: GalleryTile): number {
  if (tile.kind === 'image') return tile.image.width / Math.max(1, tile.image.height);
  if (tile.kind === 'failed') return 1.6;
  const ratio = tile.generation?.request.aspectRatio ?? tile.submission?.request.aspectRatio;
  const match = ratio ? /^(\d+):(\d+)$/.exec(ratio) : null;
  return match ? Number(match[1]) / Number(match[2]) : 1;
}

/**
 * Display ratio of a tile in a grid `width` px wide: the real ratio, no
 * narrower than MIN_TILE_ASPECT and no wider than the grid allows at
 * `minHeight` px (an 8:1 banner takes a row of its own and is shown whole).
 */
function tileAspect(tile: GalleryTile, width = Number.POSITIVE_INFINITY, minHeight = 96): number {
  return Math.min(width / minHeight, Math.max(MIN_TILE_ASPECT, naturalAspect(tile)));
}

/** Tallest a lone tile grows on a phone, px. */
const LONE_TILE_MAX_HEIGHT = 440;

/** Options of the justified layout. */
export interface GalleryLayoutOptions {
  /** Lowest row height, px: extreme ratios are letterboxed rather than shown thinner. */
  minHeight?: number;
  /** Narrowest tile, px, or 0 for no floor (a phone asks for 150: rows of at most two tiles). */
  minTileWidth?: number;
}

/**
 * Packs tiles into justified rows (as the Midjourney and Google Photos grids
 * do): each row is filled up to `width` px at about `targetHeight` px, then
 * scaled to fit exactly, with at most as many tiles as fit at
 * `minTileWidth`. A tile wider than the grid at the target height (a
 * panorama, an 8:1 banner) gets a row of its own, as tall as its ratio
 * needs to show the whole image. The last row keeps the target height.
 */
export function layoutGalleryRows(
  tiles: GalleryTile[],
  width: number,
  targetHeight: number,
  gap: number,
  { minHeight = 96, minTileWidth = 0 }: GalleryLayoutOptions = {},
): GalleryRow[] {
  const rows: GalleryRow[] = [];
  if (width <= 0) return rows;
  const maxPerRow = minTileWidth > 0 ? Math.max(1, Math.floor((width + gap) / (minTileWidth + gap))) : Number.POSITIVE_INFINITY;
  const maxHeight = targetHeight * 1.6;
  let current: Array<{ tile: GalleryTile; aspect: number }> = [];
  let aspectSum = 0;
  // Wide tiles wait for the row being filled to close, so no row is left half empty mid-grid.
  let waiting: Array<{ tile: GalleryTile; aspect: number }> = [];
  const flushWide = () => {
    for (const { tile, aspect } of waiting) rows.push({ height: width / aspect, tiles: [{ tile, width }] });
    waiting = [];
  };
  const close = (justify: boolean) => {
    if (current.length > 0) {
      const fitted = (width - gap * (current.length - 1)) / aspectSum;
      let height = justify ? Math.min(maxHeight, fitted) : Math.min(targetHeight, fitted);
      // No tile narrower than minTileWidth where the grid is wide enough: a lone portrait grows taller instead.
      const narrowest = Math.min(...current.map(({ aspect }) => aspect));
      if (minTileWidth > 0) height = Math.min(fitted, Math.max(height, Math.min(width, minTileWidth) / narrowest));
      // On a phone a tile alone in its row fills the width, up to a tall portrait's height (as photo apps show them).
      // Very narrow images (a 1:8 strip, shown letterboxed) stay smaller.
      if (minTileWidth > 0 && current.length === 1) height = Math.min(fitted, Math.max(height, LONE_TILE_MAX_HEIGHT * Math.min(1, narrowest / 0.75)));
      rows.push({ height, tiles: current.map(({ tile, aspect }) => ({ tile, width: aspect * height })) });
    }
    current = [];
    aspectSum = 0;
    flushWide();
  };
  for (const tile of tiles) {
    const aspect = tileAspect(tile, width, minHeight);
    if (aspect * targetHeight >= width) {
      // A row of its own, at the height that shows the whole image across the grid.
      if (current.length === 0) rows.push({ height: width / aspect, tiles: [{ tile, width }] });
      else waiting.push({ tile, aspect });
      continue;
    }
    if (current.length > 0 && minTileWidth > 0) {
      // Would adding it squeeze a tile below minTileWidth? Then it starts the next row.
      const fitted = (width - gap * current.length) / (aspectSum + aspect);
      const narrowest = Math.min(aspect, ...current.map((entry) => entry.aspect));
      if (narrowest * Math.min(maxHeight, fitted) < minTileWidth) close(true);
    }
    current.push({ tile, aspect });
    aspectSum += aspect;
    const natural = aspectSum * targetHeight + gap * (current.length - 1);
    if (natural >= width || current.length >= maxPerRow) close(true);
  }
  close(false);
  return rows;
}
