import { describe, expect, it } from 'vitest';
import type { Generation } from '../../../api/types.ts';
import type { GalleryRow, GalleryTile } from '../components/gallery-tiles.ts';
import { findNextTileKey } from './use-roving-focus.ts';

function imageTile(key: string): GalleryTile {
  const image = {
    id: key,
    url: `/api/images/${key}`,
    thumbnailUrl: `/api/images/${key}?thumb=1`,
    width: 1024,
    height: 1024,
    seed: null,
    mimeType: 'image/png',
  };
  return { kind: 'image', key, generation: { id: key, images: [image] } as unknown as Generation, image, imageIndex: 0 };
}

function pendingTile(key: string): GalleryTile {
  return { kind: 'pending', key, generation: null, submission: null, slot: 0, slots: 1 };
}

/** A row of tiles with the given widths (px), height 100. */
function row(...tiles: Array<[GalleryTile, number]>): GalleryRow {
  return { tiles: tiles.map(([tile, width]) => ({ tile, width })), height: 100 };
}

const GAP = 8;
// Row 0: a (0-200) b (208-408) c (416-816)
// Row 1: d (0-500) e (508-816)
// Row 2: a pending card only
// Row 3: f (0-816)
const [a, b, c, d, e, f] = ['a', 'b', 'c', 'd', 'e', 'f'].map(imageTile) as [GalleryTile, GalleryTile, GalleryTile, GalleryTile, GalleryTile, GalleryTile];
const ROWS = [row([a, 200], [b, 200], [c, 400]), row([d, 500], [e, 308]), row([pendingTile('p'), 816]), row([f, 816])];
const KEYS = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('findNextTileKey', () => {
  it('moves Down to the tile below whose centre is nearest', () => {
    expect(findNextTileKey(ROWS, KEYS, 'a', 'ArrowDown', GAP)).toBe('d');
    expect(findNextTileKey(ROWS, KEYS, 'b', 'ArrowDown', GAP)).toBe('d');
    expect(findNextTileKey(ROWS, KEYS, 'c', 'ArrowDown', GAP)).toBe('e');
  });

  it('moves Up to the tile above whose centre is nearest', () => {
    expect(findNextTileKey(ROWS, KEYS, 'd', 'ArrowUp', GAP)).toBe('b');
    expect(findNextTileKey(ROWS, KEYS, 'e', 'ArrowUp', GAP)).toBe('c');
  });

  it('skips a row without images, and stops at the top and bottom rows', () => {
    expect(findNextTileKey(ROWS, KEYS, 'e', 'ArrowDown', GAP)).toBe('f');
    expect(findNextTileKey(ROWS, KEYS, 'f', 'ArrowUp', GAP)).toBe('d');
    expect(findNextTileKey(ROWS, KEYS, 'a', 'ArrowUp', GAP)).toBeUndefined();
    expect(findNextTileKey(ROWS, KEYS, 'f', 'ArrowDown', GAP)).toBeUndefined();
  });

  it('moves Left and Right in newest-first order across rows, and Home and End to the ends', () => {
    expect(findNextTileKey(ROWS, KEYS, 'c', 'ArrowRight', GAP)).toBe('d');
    expect(findNextTileKey(ROWS, KEYS, 'd', 'ArrowLeft', GAP)).toBe('c');
    expect(findNextTileKey(ROWS, KEYS, 'a', 'ArrowLeft', GAP)).toBeUndefined();
    expect(findNextTileKey(ROWS, KEYS, 'f', 'ArrowRight', GAP)).toBeUndefined();
    expect(findNextTileKey(ROWS, KEYS, 'e', 'Home', GAP)).toBe('a');
    expect(findNextTileKey(ROWS, KEYS, 'b', 'End', GAP)).toBe('f');
  });
});
