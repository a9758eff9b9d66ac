import { useEffect } from 'react';
import type { GalleryRow } from '../components/gallery-tiles.ts';

/** Rows beyond the rendered ones whose thumbnails are fetched ahead, in each direction. */
const PRELOAD_ROWS = 24;

/** Thumbnails already asked for (the browser keeps them: the server sends them as immutable). */
const requested = new Set<string>();
/** Image objects kept alive until their thumbnail arrives (a dropped Image may cancel its request). */
const inFlight = new Set<HTMLImageElement>();

/**
 * Fetches the thumbnails of the PRELOAD_ROWS rows past each end of the
 * rendered range, at low priority, so fast scrolling meets tiles whose
 * image is already in the browser's cache. `first` and `last` are the
 * rendered row indexes (-1 when none).
 */
export function useThumbnailPreload(rows: GalleryRow[], first: number, last: number): void {
  useEffect(() => {
    if (last < 0) return;
    const wanted = [...rows.slice(last + 1, last + 1 + PRELOAD_ROWS), ...rows.slice(Math.max(0, first - PRELOAD_ROWS), Math.max(0, first))];
    for (const row of wanted) {
      for (const { tile } of row.tiles) {
        if (tile.kind !== 'image' || requested.has(tile.image.thumbnailUrl)) continue;
        requested.add(tile.image.thumbnailUrl);
        const image = new Image();
        image.decoding = 'async';
        image.fetchPriority = 'low';
        const done = () => inFlight.delete(image);
        image.onload = done;
        image.onerror = () => {
          done();
          requested.delete(tile.image.thumbnailUrl);
        };
        inFlight.add(image);
        image.src = tile.image.thumbnailUrl;
      }
    }
  }, [rows, first, last]);
}
