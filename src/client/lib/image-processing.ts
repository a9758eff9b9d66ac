/**
 * Browser-side image preparation for reference images: scale large photos
 * down before upload and make small thumbnails for the tray.
 */

import { imageTypeOfFileName, imageTypeOfMimeType } from '../../catalog/image-types.ts';

/** Longest edge, in px, a reference image is uploaded at (issue 5: "long edge at most 2048 px"). */
const REFERENCE_MAX_EDGE = 2048;

/**
 * Whether a file claims to be an image type the server takes (the table in src/catalog/image-types.ts, which the
 * server's upload check reads too): by MIME type, or by extension when the browser gives none.
 */
export function isAcceptedImageFile(file: File): boolean {
  return (file.type ? imageTypeOfMimeType(file.type) : imageTypeOfFileName(file.name)) !== undefined;
}

/** A file ready to upload. */
export interface PreparedImage {
  blob: Blob;
  /** px, after scaling. */
  width: number;
  height: number;
  /** Whether it was scaled down. */
  scaled: boolean;
  /** A small JPEG data: URL (long edge 192 px) for the tray. */
  thumbnailUrl: string;
}

function createCanvas(width: number, height: number): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

async function canvasToBlob(canvas: OffscreenCanvas | HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type, quality });
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the image.'))), type, quality);
  });
}

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      if (typeof reader.result === 'string') resolve(reader.result);
      else reject(new Error('The thumbnail did not read as a data URL.'));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The thumbnail could not be read.'));
    reader.readAsDataURL(blob);
  });
}

function drawScaled(bitmap: ImageBitmap, width: number, height: number): OffscreenCanvas | HTMLCanvasElement {
  const canvas = createCanvas(width, height);
  // Each kind of canvas has its own getContext overload; asked through the union, TypeScript loses the 2D type.
  const context = canvas instanceof HTMLCanvasElement ? canvas.getContext('2d') : canvas.getContext('2d');
  if (!context) throw new Error('The browser gave no 2D canvas to scale the image.');
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  return canvas;
}

/** Fits `width` x `height` in a square of `edge` px, keeping the aspect ratio (never enlarging). */
function fitWithin(width: number, height: number, edge: number): { width: number; height: number } {
  const scale = Math.min(1, edge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Decodes `file`, scales it down to a long edge of at most 2048 px (aspect
 * ratio kept; PNG stays PNG, anything else becomes JPEG at quality 0.92) and
 * makes a thumbnail. A file already small enough is uploaded as it is.
 * Raises an Error with a readable message when the browser cannot decode it.
 */
export async function prepareReferenceImage(file: File): Promise<PreparedImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new Error(`${file.name} could not be read as an image.`);
  }
  try {
    const target = fitWithin(bitmap.width, bitmap.height, REFERENCE_MAX_EDGE);
    const scaled = target.width !== bitmap.width || target.height !== bitmap.height;
    let blob: Blob = file;
    if (scaled) {
      const type = file.type === 'image/png' ? 'image/png' : 'image/jpeg';
      blob = await canvasToBlob(drawScaled(bitmap, target.width, target.height), type, type === 'image/jpeg' ? 0.92 : undefined);
    }
    const thumbnailSize = fitWithin(bitmap.width, bitmap.height, 192);
    const thumbnailUrl = await blobToDataUrl(await canvasToBlob(drawScaled(bitmap, thumbnailSize.width, thumbnailSize.height), 'image/jpeg', 0.8));
    return { blob, width: target.width, height: target.height, scaled, thumbnailUrl };
  } finally {
    bitmap.close();
  }
}
