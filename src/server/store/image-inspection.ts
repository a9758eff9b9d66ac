import sharp, { type Metadata } from 'sharp';
import { imageTypeOfSharpFormat, REFERENCE_IMAGE_MIME_TYPES, REFERENCE_IMAGE_TYPE_NAMES, type ImageType } from '../../catalog/image-types.ts';
import { ApiError } from '../api-error.ts';

/** Largest image accepted, in bytes: 20 MB (issue 3 "8 references of 20 MB"). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/**
 * Largest image accepted, in pixels (width x height): 100 megapixels, passed to
 * sharp's `limitInputPixels` so a small file that would decode to a huge
 * bitmap (a decompression bomb) is refused before it is decoded. 100 MP covers
 * any camera photo; providers' largest output is 4K 8:1 = 12288x1536 = 19 MP.
 */
const MAX_IMAGE_PIXELS = 100_000_000;

/** Image types accepted as references (docs/API.md `POST /api/uploads`; the table in src/catalog/image-types.ts). */
const ACCEPTED_IMAGE_TYPES = [...REFERENCE_IMAGE_MIME_TYPES];

/** What a checked image is. */
export interface InspectedImage {
  mimeType: string;
  /** Size in px. */
  width: number;
  height: number;
}

/** What an image's header says: its type (one of the studio's) and its size in px. */
export interface ImageHeader {
  type: ImageType;
  /** Size in px. */
  width: number;
  height: number;
}

/**
 * Reads the type and size of `bytes` from their header with sharp (no pixels decoded), for every place that needs
 * them: reference uploads (`inspectImage`), the adapters' check of what a provider sent (providers/http.ts) and the
 * runner before it stores a result. `limitInputPixels` is passed to sharp (false: no limit; the header decodes no
 * pixels). Returns `null` for bytes sharp cannot read or a format the studio does not know (SVG, TIFF, ...).
 */
export async function readImageHeader(bytes: Buffer, limitInputPixels: number | false = false): Promise<ImageHeader | null> {
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels }).metadata();
  } catch {
    return null;
  }
  // sharp's types promise a format, but it reports none for input it only half recognises: keep the check.
  const reported: { format?: string } = metadata;
  const type = imageTypeOfSharpFormat(reported.format, metadata.compression);
  if (!type || !metadata.width || !metadata.height) return null;
  return { type, width: metadata.width, height: metadata.height };
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
    throw new ApiError(400, 'invalid_image', `${label} is empty; send the image bytes (${REFERENCE_IMAGE_TYPE_NAMES}).`);
  }
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new ApiError(413, 'payload_too_large', `${label} is ${formatMegabytes(bytes.length)}; the limit is 20 MB per image.`);
  }
  let metadata: Metadata;
  try {
    // Reading the header decodes no pixels, so no pixel limit is needed here; it is checked just below.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    const sniffed = sniffImageType(bytes);
    if (sniffed) {
      // It starts like an accepted type but its header cannot be read: truncated or corrupt, not unsupported.
      const reason = error instanceof Error ? error.message.split('\n')[0] : 'unreadable header';
      throw new ApiError(400, 'invalid_image', `${label} looks like ${sniffed} but is truncated or corrupt (${reason}); export it again and retry.`);
    }
    throw new ApiError(415, 'unsupported_media_type', `${label} is not an image the studio can read; send a ${REFERENCE_IMAGE_TYPE_NAMES} image.`, {
      allowed: ACCEPTED_IMAGE_TYPES,
    });
  }
  const mimeType = imageTypeOfSharpFormat(metadata.format, metadata.compression)?.mimeType ?? null;
  if (!mimeType) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `${label} is ${metadata.format.toUpperCase()}, which is not accepted; send a ${REFERENCE_IMAGE_TYPE_NAMES} image.`,
      { allowed: ACCEPTED_IMAGE_TYPES },
    );
  }
  const { width, height } = metadata;
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new ApiError(
      413,
      'payload_too_large',
      `${label} is ${width}x${height} px (${((width * height) / 1e6).toFixed(1)} megapixels); the limit is 100 megapixels.`,
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
    throw new ApiError(400, 'invalid_image', `${label} looks like ${mimeType} but is truncated or corrupt (${reason}); export it again and retry.`);
  }
  return { mimeType, width, height };
}

/** HEIF brands (ISO/IEC 23008-12 and AV1 Image File Format) in an `ftyp` box, with the type they mean. */
const HEIF_BRANDS: Record<string, string> = {
  heic: 'image/heic',
  heix: 'image/heic',
  hevc: 'image/heic',
  hevx: 'image/heic',
  heim: 'image/heic',
  heis: 'image/heic',
  mif1: 'image/heic',
  msf1: 'image/heic',
  avif: 'image/avif',
  avis: 'image/avif',
};

/**
 * The accepted image type `bytes` starts like, from its signature alone
 * (PNG `89 50 4E 47 0D 0A 1A 0A`, JPEG `FF D8 FF`, GIF `GIF87a`/`GIF89a`,
 * WebP `RIFF....WEBP`, HEIC/AVIF `....ftyp<brand>`), or `null`. Tells a
 * truncated image of a known type (400 `invalid_image`) from a file of
 * another type (415).
 */
function sniffImageType(bytes: Buffer): string | null {
  const starts = (signature: number[], offset = 0) =>
    bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  const ascii = (start: number, end: number) => bytes.subarray(start, end).toString('latin1');
  if (bytes.length >= 6 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) return 'image/gif';
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (bytes.length >= 12 && ascii(4, 8) === 'ftyp') return HEIF_BRANDS[ascii(8, 12)] ?? null;
  return null;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
