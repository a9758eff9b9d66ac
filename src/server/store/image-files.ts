import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { access, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

/** Long edge of a thumbnail, in px (docs/API.md `?thumb=1`: "a small WebP thumbnail"; issue 3: at most 512). */
export const THUMBNAIL_LONG_EDGE = 512;

/** File extension for each image type the studio stores. */
const EXTENSION_BY_MIME_TYPE: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'image/avif': 'avif',
};

/** The file extension (without dot) for a stored image type; throws for a type the studio does not store. */
export function extensionForMimeType(mimeType: string): string {
  const extension = EXTENSION_BY_MIME_TYPE[mimeType];
  if (!extension) throw new Error(`no file extension known for ${mimeType}`);
  return extension;
}

/** Hex sha256 of `bytes`. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
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

  /** Absolute path of the WebP thumbnail of the image with this sha256. */
  thumbnailPath(sha256: string): string {
    return join(this.thumbnailsDirectory, `${sha256}.webp`);
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
   * Returns the path of the WebP thumbnail (long edge at most
   * `THUMBNAIL_LONG_EDGE` px, never enlarged), making it on first use and
   * keeping it on disk. Concurrent calls for the same image share one job.
   */
  async ensureThumbnail(sha256: string, mimeType: string): Promise<string> {
    const path = this.thumbnailPath(sha256);
    if (await fileExists(path)) return path;
    const pending = this.pendingThumbnails.get(sha256);
    if (pending) return pending;
    const job = (async () => {
      const temporaryPath = `${path}.${randomUUID()}.partial`;
      try {
        await sharp(this.imagePath(sha256, mimeType), { limitInputPixels: false })
          .rotate()
          .resize(THUMBNAIL_LONG_EDGE, THUMBNAIL_LONG_EDGE, { fit: 'inside', withoutEnlargement: true })
          .webp({ quality: 78, effort: 2 })
          .toFile(temporaryPath);
        await rename(temporaryPath, path);
        return path;
      } catch (error) {
        await rm(temporaryPath, { force: true });
        throw error;
      } finally {
        this.pendingThumbnails.delete(sha256);
      }
    })();
    this.pendingThumbnails.set(sha256, job);
    return job;
  }

  /** Removes the image and its thumbnail; missing files are ignored. */
  async deleteImage(sha256: string, mimeType: string): Promise<void> {
    await rm(this.imagePath(sha256, mimeType), { force: true });
    await rm(this.thumbnailPath(sha256), { force: true });
  }
}
