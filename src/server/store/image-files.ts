import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { access, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { imageTypeOfMimeType } from '../../catalog/image-types.ts';

/** Long edge of a thumbnail of an ordinary image, in px (docs/API.md `?thumb=1`: "a small WebP thumbnail"; issue 3: 512). */
const THUMBNAIL_LONG_EDGE = 512;
/** Shortest short edge a thumbnail aims for, px: an 8:1 banner at 512 × 64 looks blurry in a tile 1,000 px wide (issue 11). */
const THUMBNAIL_SHORT_EDGE = 256;
/** Longest long edge of any thumbnail, px. */
const THUMBNAIL_MAX_LONG_EDGE = 2048;

/**
 * The long edge of the thumbnail of a `width` × `height` px image, sized for
 * its ratio: 512 px, or more for extreme ratios so the short edge reaches
 * 256 px, at most 2048 px (8:1 -> 2048, 4:1 -> 1024, 16:9 and 1:1 -> 512).
 * The thumbnail is never larger than the image itself.
 */
export function thumbnailLongEdge(width: number, height: number): number {
  const long = Math.max(width, height);
  const short = Math.max(1, Math.min(width, height));
  const wanted = Math.min(THUMBNAIL_MAX_LONG_EDGE, Math.max(THUMBNAIL_LONG_EDGE, Math.ceil((THUMBNAIL_SHORT_EDGE * long) / short)));
  return Math.min(wanted, Math.max(1, long));
}

/** The file extension (without dot) for a stored image type (src/catalog/image-types.ts); throws for a type the studio does not store. */
export function extensionForMimeType(mimeType: string): string {
  const type = imageTypeOfMimeType(mimeType);
  if (!type) throw new Error(`no file extension known for ${mimeType}`);
  return type.extension;
}

/** Hex sha256 of `bytes`. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Width and height of the image at `path` as displayed (EXIF orientation applied), px. */
async function readOrientedSize(path: string): Promise<{ width: number; height: number }> {
  const metadata = await sharp(path, { limitInputPixels: false }).metadata();
  // sharp's types promise a width and height; the fallback stays for a file whose header sharp cannot size.
  const reported: { width?: number; height?: number } = metadata;
  const width = reported.width ?? THUMBNAIL_LONG_EDGE;
  const height = reported.height ?? THUMBNAIL_LONG_EDGE;
  return (metadata.orientation ?? 1) >= 5 ? { width: height, height: width } : { width, height };
}

async function fileExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Image files on disk, named by content: `<dataDirectory>/images/<sha256>.<ext>`,
 * thumbnails at `<dataDirectory>/images/thumbnails/<sha256>.webp`. Writes are
 * atomic (temporary file + rename), so a crash never leaves half an image
 * under its final name. All I/O is asynchronous; sharp works off the main thread.
 */
export class ImageFiles {
  readonly imagesDirectory: string;
  readonly thumbnailsDirectory: string;
  private readonly pendingThumbnails = new Map<string, Promise<string>>();

  constructor(dataDirectory: string) {
    this.imagesDirectory = join(dataDirectory, 'images');
    this.thumbnailsDirectory = join(this.imagesDirectory, 'thumbnails');
    mkdirSync(this.thumbnailsDirectory, { recursive: true });
  }

  /** Absolute path of the image with this sha256 and type. */
  imagePath(sha256: string, mimeType: string): string {
    return join(this.imagesDirectory, `${sha256}.${extensionForMimeType(mimeType)}`);
  }

  /**
   * Absolute path of the WebP thumbnail of the image with this sha256:
   * `<sha256>.webp` for a 512 px long edge, `<sha256>.long.webp` for an
   * extreme ratio's longer one (the size follows from the content, so one name each is enough).
   */
  thumbnailPath(sha256: string, longer = false): string {
    return join(this.thumbnailsDirectory, `${sha256}${longer ? '.long' : ''}.webp`);
  }

  /**
   * Stores `bytes` under its sha256 (skipped when that file already exists) and
   * returns the hex sha256. Throws on a write error (disk full, permissions).
   */
  async writeImage(bytes: Buffer, mimeType: string, knownSha256?: string): Promise<string> {
    const sha256 = knownSha256 ?? sha256Hex(bytes);
    const path = this.imagePath(sha256, mimeType);
    if (await fileExists(path)) return sha256;
    const temporaryPath = `${path}.${randomUUID()}.partial`;
    try {
      await writeFile(temporaryPath, bytes);
      await rename(temporaryPath, path);
    } catch (error) {
      await rm(temporaryPath, { force: true });
      throw error;
    }
    return sha256;
  }

  /** Reads the stored image; throws ENOENT when the file is gone. */
  async readImage(sha256: string, mimeType: string): Promise<Buffer> {
    return readFile(this.imagePath(sha256, mimeType));
  }

  /**
   * Returns the path of the WebP thumbnail (long edge `thumbnailLongEdge`
   * of the image's size: 512 px, more for extreme ratios; never enlarged),
   * making it on first use and keeping it on disk. `size` (px, as stored)
   * saves reading the image's header; without it the header is read when no
   * thumbnail exists yet. Concurrent calls for the same image share one job.
   * Throws when the image file is missing or unreadable.
   */
  async ensureThumbnail(sha256: string, mimeType: string, size?: { width: number; height: number }): Promise<string> {
    if (!size) {
      if (await fileExists(this.thumbnailPath(sha256))) return this.thumbnailPath(sha256);
      if (await fileExists(this.thumbnailPath(sha256, true))) return this.thumbnailPath(sha256, true);
    }
    const { width, height } = size ?? (await readOrientedSize(this.imagePath(sha256, mimeType)));
    const longEdge = thumbnailLongEdge(width, height);
    const path = this.thumbnailPath(sha256, longEdge > THUMBNAIL_LONG_EDGE);
    if (await fileExists(path)) return path;
    const pending = this.pendingThumbnails.get(path);
    if (pending) return pending;
    const job = (async () => {
      const temporaryPath = `${path}.${randomUUID()}.partial`;
      try {
        await sharp(this.imagePath(sha256, mimeType), { limitInputPixels: false })
          .rotate()
          .resize(longEdge, longEdge, { fit: 'inside', withoutEnlargement: true })
          .webp({ quality: 78, effort: 2 })
          .toFile(temporaryPath);
        await rename(temporaryPath, path);
        return path;
      } catch (error) {
        await rm(temporaryPath, { force: true });
        throw error;
      } finally {
        this.pendingThumbnails.delete(path);
      }
    })();
    this.pendingThumbnails.set(path, job);
    return job;
  }

  /** Removes the image and its thumbnail; missing files are ignored. */
  async deleteImage(sha256: string, mimeType: string): Promise<void> {
    await rm(this.imagePath(sha256, mimeType), { force: true });
    await rm(this.thumbnailPath(sha256), { force: true });
    await rm(this.thumbnailPath(sha256, true), { force: true });
  }
}
