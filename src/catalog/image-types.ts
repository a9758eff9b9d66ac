import type { OutputFormat } from './types.ts';

/**
 * One image type the studio knows. The one table of them (`IMAGE_TYPES`) serves the browser's file checks and file
 * picker, the server's upload checks (src/server/store/image-inspection.ts reads the type from the bytes with sharp
 * and looks it up here), the adapters' checks of what a provider sent, the runner and the image files on disk.
 */
export interface ImageType {
  /** The MIME type the studio stores and serves (`image/png`). */
  mimeType: string;
  /** Other MIME types browsers and operating systems give files of this type (`image/heif` for HEIC photos). */
  aliases: readonly string[];
  /** File extension on disk and in downloads, without the dot. */
  extension: string;
  /** Other extensions files of this type carry, without the dot (`jpeg` beside `jpg`). */
  otherExtensions: readonly string[];
  /** The name designers read in messages ("WebP"). */
  name: string;
  /** sharp's `metadata().format` for it; HEIC and AVIF are both `heif`, told apart by `compression` (`av1` is AVIF). */
  sharpFormat: 'png' | 'jpeg' | 'webp' | 'gif' | 'heif';
  /**
   * Whether a generated image may have this type: the providers' output formats (PNG, JPEG, WebP; seed 000
   * `outputFormat`, seed 002 `output_format`) and GIF. HEIC and AVIF are taken as reference images only.
   */
  generated: boolean;
}

/**
 * The image types the studio accepts as reference images (docs/API.md `POST /api/uploads`: "PNG, JPEG, WebP, GIF,
 * HEIC/AVIF"), in the order messages name them.
 */
const IMAGE_TYPES: readonly ImageType[] = [
  { mimeType: 'image/png', aliases: [], extension: 'png', otherExtensions: [], name: 'PNG', sharpFormat: 'png', generated: true },
  { mimeType: 'image/jpeg', aliases: ['image/jpg'], extension: 'jpg', otherExtensions: ['jpeg'], name: 'JPEG', sharpFormat: 'jpeg', generated: true },
  { mimeType: 'image/webp', aliases: [], extension: 'webp', otherExtensions: [], name: 'WebP', sharpFormat: 'webp', generated: true },
  { mimeType: 'image/gif', aliases: [], extension: 'gif', otherExtensions: [], name: 'GIF', sharpFormat: 'gif', generated: true },
  { mimeType: 'image/heic', aliases: ['image/heif'], extension: 'heic', otherExtensions: ['heif'], name: 'HEIC', sharpFormat: 'heif', generated: false },
  { mimeType: 'image/avif', aliases: [], extension: 'avif', otherExtensions: [], name: 'AVIF', sharpFormat: 'heif', generated: false },
];

/** "PNG, JPEG or WebP" for a list of names. */
function nameList(types: readonly ImageType[]): string {
  const names = types.map((type) => type.name);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}`;
}

/** The MIME types accepted as reference images (`allowed` in a 415 answer). */
export const REFERENCE_IMAGE_MIME_TYPES: readonly string[] = IMAGE_TYPES.map((type) => type.mimeType);

/** Every MIME type a reference image file may be labelled with, aliases included: the browser's file picker `accept`. */
export const REFERENCE_IMAGE_ACCEPT: readonly string[] = IMAGE_TYPES.flatMap((type) => [type.mimeType, ...type.aliases]);

/** "PNG, JPEG, WebP, GIF, HEIC or AVIF": the accepted types in messages. */
export const REFERENCE_IMAGE_TYPE_NAMES = nameList(IMAGE_TYPES);

/** "PNG, JPEG, WebP or GIF": the types a generated image may have, in messages. */
export const GENERATED_IMAGE_TYPE_NAMES = nameList(IMAGE_TYPES.filter((type) => type.generated));

/** The image type of a MIME type or one of its aliases (case-insensitive), or `undefined`. */
export function imageTypeOfMimeType(mimeType: string): ImageType | undefined {
  const wanted = mimeType.toLowerCase();
  return IMAGE_TYPES.find((type) => type.mimeType === wanted || type.aliases.includes(wanted));
}

/** The image type of a file name's extension (case-insensitive), or `undefined`. */
export function imageTypeOfFileName(fileName: string): ImageType | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (!extension) return undefined;
  return IMAGE_TYPES.find((type) => type.extension === extension || type.otherExtensions.includes(extension));
}

/**
 * The image type of what sharp read from a file's header (`metadata().format` and `compression`), or `undefined` for
 * a format the studio does not accept (SVG, TIFF, ...).
 */
export function imageTypeOfSharpFormat(format: string | undefined, compression?: string): ImageType | undefined {
  if (format === 'heif') return IMAGE_TYPES.find((type) => type.mimeType === (compression === 'av1' ? 'image/avif' : 'image/heic'));
  if (format === 'avif') return IMAGE_TYPES.find((type) => type.mimeType === 'image/avif');
  return IMAGE_TYPES.find((type) => type.sharpFormat === format);
}

/** The MIME type of an output format a request asks for (`jpeg` -> `image/jpeg`). */
export function mimeTypeOfOutputFormat(format: OutputFormat): string {
  return `image/${format}`;
}
