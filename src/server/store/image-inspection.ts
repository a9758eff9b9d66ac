import sharp, { type Metadata } from 'sharp';
import { ApiError } from '../api-error.ts';

/** Largest image accepted, in bytes: 20 MB (issue 3 "8 references of 20 MB"). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/**
 * Largest image accepted, in pixels (width x height): 100 megapixels, passed to
 * sharp's `limitInputPixels` so a small file that would decode to a huge
 * bitmap (a decompression bomb) is refused before it is decoded. 100 MP covers
 * any camera photo; providers' largest output is 4K 8:1 = 12288x1536 = 19 MP.
 */
export const MAX_IMAGE_PIXELS = 100_000_000;

/** Image types accepted as references (docs/API.md `POST /api/uploads`). */
export const ACCEPTED_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/heic', 'image/avif'];

/** What a checked image is. */
export interface InspectedImage {
  mimeType: string;
  /** Size in px. */
  width: number;
  height: number;
}

function mimeTypeOf(metadata: Metadata): string | null {
  switch (metadata.format) {
    case 'png':
      return 'image/png';
    case 'jpeg':
      return 'image/jpeg';
    case 'webp':
      return 'image/webp';
    case 'gif':
      return 'image/gif';
    case 'heif':
      return metadata.compression === 'av1' ? 'image/avif' : 'image/heic';
    default:
      return null;
  }
}

/**
 * Checks `bytes` by content (never by file name or header): it must be a PNG,
 * JPEG, WebP, GIF or HEIC/AVIF image within `MAX_IMAGE_BYTES` and
 * `MAX_IMAGE_PIXELS` that decodes completely. `label` names the image in
 * messages ("The upload", "Reference image 2").
 *
 * Throws ApiError: 413 `payload_too_large` (bytes or pixels over the limit),
 * 415 `unsupported_media_type` (not an image, or SVG, TIFF, ...),
 * 400 `invalid_image` (a supported type that is truncated or corrupt).
 */
export async function inspectImage(bytes: Buffer, label = 'The upload'): Promise<InspectedImage> {
  if (bytes.length === 0) {
    throw new ApiError(400, 'invalid_image', `${label} is empty; send the image bytes (PNG, JPEG, WebP, GIF, HEIC or AVIF).`);
  }
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new ApiError(413, 'payload_too_large', `${label} is ${formatMegabytes(bytes.length)}; the limit is 20 MB per image.`);
  }
  let metadata: Metadata;
  try {
    // Reading the header decodes no pixels, so no pixel limit is needed here; it is checked just below.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `${label} is not an image the studio can read; send a PNG, JPEG, WebP, GIF or HEIC/AVIF image.`,
      { allowed: ACCEPTED_IMAGE_TYPES },
    );
  }
  const mimeType = mimeTypeOf(metadata);
  if (!mimeType) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `${label} is ${metadata.format.toUpperCase()}, which is not accepted; send a PNG, JPEG, WebP, GIF or HEIC/AVIF image.`,
      { allowed: ACCEPTED_IMAGE_TYPES },
    );
  }
  const width = metadata.width ?? 0;
  const height = metadata.height ?? 0;
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new ApiError(
      413,
      'payload_too_large',
      `${label} is ${width}x${height} px (${(width * height / 1e6).toFixed(1)} megapixels); the limit is 100 megapixels.`,
    );
  }
  try {
    // Decode every pixel once, so a truncated or corrupt file is caught now, not when a provider reads it.
    await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }).stats();
  } catch (error) {
    if (mimeType === 'image/heic') {
      // sharp's prebuilt libvips reads AVIF but not HEVC-coded HEIC (patents), which is what phones write.
      throw new ApiError(
        415,
        'unsupported_media_type',
        `${label} is a HEIC photo coded with HEVC, which this server cannot decode; export it as JPEG or PNG (or AVIF) and upload again.`,
        { allowed: ACCEPTED_IMAGE_TYPES },
      );
    }
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'decoding failed';
    throw new ApiError(
      400,
      'invalid_image',
      `${label} looks like ${mimeType} but is truncated or corrupt (${reason}); export it again and retry.`,
    );
  }
  return { mimeType, width, height };
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
