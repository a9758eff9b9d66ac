import type { Context } from 'hono';
import { ApiError } from '../api-error.ts';
import { extensionForMimeType } from '../store/image-files.ts';
import type { Studio } from '../studio.ts';
import { readFile } from 'node:fs/promises';

/** The stored pixel size, when the record has one (it saves reading the file's header for the thumbnail). */
function storedSize(image: { width?: number; height?: number }): { width: number; height: number } | undefined {
  return image.width && image.height ? { width: image.width, height: image.height } : undefined;
}

/** Cache lifetime of image bytes: one year, immutable (a file's content never changes under its id). */
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

/**
 * Answers an image file (or with `?thumb=1` its WebP thumbnail, made once)
 * with its Content-Type, a sha256 ETag and a long cache lifetime.
 * Throws 404 `not_found` when the file is missing on disk.
 */
export async function imageResponse(
  context: Context,
  studio: Studio,
  image: { id: string; sha256: string; mimeType: string; width?: number; height?: number },
): Promise<Response> {
  const thumbnail = ['1', 'true'].includes(context.req.query('thumb') ?? '');
  const etag = `"${image.sha256}${thumbnail ? '-thumb' : ''}"`;
  if (context.req.header('if-none-match') === etag) {
    return context.body(null, 304, { ETag: etag, 'Cache-Control': IMMUTABLE_CACHE });
  }
  let bytes: Buffer;
  try {
    bytes = thumbnail
      ? await readFile(await studio.imageFiles.ensureThumbnail(image.sha256, image.mimeType, storedSize(image)))
      : await studio.imageFiles.readImage(image.sha256, image.mimeType);
  } catch {
    throw new ApiError(404, 'not_found', `The file of image ${image.id} is missing from the data directory.`);
  }
  const extension = thumbnail ? 'webp' : extensionForMimeType(image.mimeType);
  return context.body(new Uint8Array(bytes), 200, {
    'Content-Type': thumbnail ? 'image/webp' : image.mimeType,
    'Content-Length': String(bytes.length),
    'Cache-Control': IMMUTABLE_CACHE,
    ETag: etag,
    'Content-Disposition': `inline; filename="banana-studio-${image.id}${thumbnail ? '-thumbnail' : ''}.${extension}"`,
    'X-Content-Type-Options': 'nosniff',
  });
}
