import { describe, expect, it } from 'vitest';
import {
  GENERATED_IMAGE_TYPE_NAMES,
  imageTypeOfFileName,
  imageTypeOfMimeType,
  imageTypeOfSharpFormat,
  mimeTypeOfOutputFormat,
  REFERENCE_IMAGE_ACCEPT,
  REFERENCE_IMAGE_MIME_TYPES,
  REFERENCE_IMAGE_TYPE_NAMES,
} from './image-types.ts';
import { OUTPUT_FORMATS } from './types.ts';

describe('the one table of image types', () => {
  it('accepts the types docs/API.md lists for uploads, and names them for designers', () => {
    expect(REFERENCE_IMAGE_MIME_TYPES).toEqual(['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/heic', 'image/avif']);
    expect(REFERENCE_IMAGE_TYPE_NAMES).toBe('PNG, JPEG, WebP, GIF, HEIC or AVIF');
    expect(GENERATED_IMAGE_TYPE_NAMES).toBe('PNG, JPEG, WebP or GIF');
    // Browsers label HEIC photos image/heif, and some tools write image/jpg: the file picker offers them too.
    expect(REFERENCE_IMAGE_ACCEPT).toEqual(expect.arrayContaining(['image/heif', 'image/jpg', ...REFERENCE_IMAGE_MIME_TYPES]));
  });

  it('finds a type by MIME type or alias, by file name, and by what sharp reads (AVIF is HEIF coded with AV1)', () => {
    expect(imageTypeOfMimeType('IMAGE/HEIF')?.mimeType).toBe('image/heic');
    expect(imageTypeOfMimeType('image/svg+xml')).toBeUndefined();
    expect(imageTypeOfFileName('Holiday.JPEG')?.extension).toBe('jpg');
    expect(imageTypeOfFileName('scan.tiff')).toBeUndefined();
    expect(imageTypeOfFileName('no-extension')).toBeUndefined();
    expect(imageTypeOfSharpFormat('heif', 'av1')?.mimeType).toBe('image/avif');
    expect(imageTypeOfSharpFormat('heif', 'hevc')?.mimeType).toBe('image/heic');
    expect(imageTypeOfSharpFormat('jpeg')?.generated).toBe(true);
    expect(imageTypeOfSharpFormat('svg')).toBeUndefined();
    expect(imageTypeOfSharpFormat(undefined)).toBeUndefined();
  });

  it('gives every output format a MIME type the table knows as a generated type', () => {
    for (const format of OUTPUT_FORMATS) expect(imageTypeOfMimeType(mimeTypeOfOutputFormat(format))?.generated).toBe(true);
  });
});
