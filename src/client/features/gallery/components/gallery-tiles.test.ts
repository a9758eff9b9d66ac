import { describe, expect, it } from 'vitest';
import type { Generation } from '../../../api/types.ts';
import { layoutGalleryRows, type GalleryTile } from './gallery-tiles.ts';

function imageTile(key: string, width: number, height: number): GalleryTile {
  const image = { id: key, url: `/api/images/${key}`, thumbnailUrl: `/api/images/${key}?thumb=1`, width, height, seed: null, mimeType: 'image/png' };
  return { kind: 'image', key, generation: { id: key, images: [image] } as unknown as Generation, image, imageIndex: 0 };
}

describe('layoutGalleryRows', () => {
  it('gives an 8:1 image a row of its own at its own ratio, after the row being filled', () => {
    const tiles = [
      imageTile('a', 1024, 1024),
      imageTile('banner', 1536, 192),
      imageTile('b', 1024, 1024),
      imageTile('c', 1376, 768),
      imageTile('d', 1024, 1024),
      imageTile('e', 1024, 1024),
    ];
    const rows = layoutGalleryRows(tiles, 1000, 200, 8);
    const bannerRow = rows.find((row) => row.tiles.some(({ tile }) => tile.key === 'banner'))!;
    expect(bannerRow.tiles).toHaveLength(1);
    expect(bannerRow.tiles[0]!.width).toBe(1000);
    expect(bannerRow.height).toBeCloseTo(125);
    // The row that was being filled closes first, justified to the full width.
    const first = rows[0]!;
    expect(first.tiles.map(({ tile }) => tile.key)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(first.tiles.reduce((sum, { width }) => sum + width, 0) + 32).toBeCloseTo(1000);
    expect(rows[1]).toBe(bannerRow);
  });

  it('keeps every tile at least 150 px wide on a phone', () => {
    const tiles = [
      imageTile('tall', 384, 3072),
      imageTile('wide', 1376, 768),
      imageTile('square', 1024, 1024),
      imageTile('portrait', 768, 1376),
      imageTile('s2', 1024, 1024),
    ];
    const rows = layoutGalleryRows(tiles, 358, 160, 8, { minTileWidth: 150 });
    for (const row of rows) for (const { width } of row.tiles) expect(width).toBeGreaterThanOrEqual(150);
    for (const row of rows) expect(row.tiles.reduce((sum, { width }) => sum + width, 0) + 8 * (row.tiles.length - 1)).toBeLessThanOrEqual(358.01);
  });
});
