import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { ImageFiles, thumbnailLongEdge } from './image-files.ts';

const directory = mkdtempSync(join(tmpdir(), 'studio-image-files-test-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('thumbnails sized for the ratio', () => {
  it('gives ordinary ratios a 512 px long edge and extreme ones a 256 px short edge, at most 2048 px', () => {
    expect(thumbnailLongEdge(1024, 1024)).toBe(512);
    expect(thumbnailLongEdge(1376, 768)).toBe(512);
    expect(thumbnailLongEdge(1536, 384)).toBe(1024);
    expect(thumbnailLongEdge(3072, 384)).toBe(2048);
    expect(thumbnailLongEdge(384, 3072)).toBe(2048);
    expect(thumbnailLongEdge(8000, 100)).toBe(2048);
    expect(thumbnailLongEdge(300, 200)).toBe(300);
  });

  it('makes an 8:1 image a 2048 × 256 thumbnail, and a square one 512 × 512', async () => {
    const files = new ImageFiles(directory);
    const wide = await sharp({ create: { width: 4096, height: 512, channels: 3, background: '#f59e0b' } })
      .png()
      .toBuffer();
    const square = await sharp({ create: { width: 1024, height: 1024, channels: 3, background: '#1e3a8a' } })
      .png()
      .toBuffer();
    const wideSha = await files.writeImage(wide, 'image/png');
    const squareSha = await files.writeImage(square, 'image/png');
    const wideThumbnail = await sharp(await files.ensureThumbnail(wideSha, 'image/png', { width: 4096, height: 512 })).metadata();
    expect([wideThumbnail.width, wideThumbnail.height]).toEqual([2048, 256]);
    // Without the stored size, the header is read; the same file comes back.
    expect(await files.ensureThumbnail(wideSha, 'image/png')).toBe(files.thumbnailPath(wideSha, true));
    const squareThumbnail = await sharp(await files.ensureThumbnail(squareSha, 'image/png')).metadata();
    expect([squareThumbnail.width, squareThumbnail.height]).toEqual([512, 512]);
    await files.deleteImage(wideSha, 'image/png');
    await expect(sharp(files.thumbnailPath(wideSha, true)).metadata()).rejects.toThrow();
  });
});
