import { Hono } from 'hono';
import { cutText } from '../../catalog/bounds.ts';
import { getModel } from '../../catalog/catalog.ts';
import { ApiError } from '../api-error.ts';
import type { Generation } from '../store/generations-store.ts';
import { extensionForMimeType } from '../store/image-files.ts';
import { embedRequestInImage, toEmbeddedRequest } from '../store/image-metadata.ts';
import type { Studio } from '../studio.ts';
import { imageResponse } from './image-response.ts';

/**
 * `GET /api/images/:id`: the generated image's bytes; `?thumb=1` a WebP
 * thumbnail (long edge at most 512 px); `?download=1` the image as an
 * attachment with the generation's accepted request embedded (docs/API.md
 * "Settings carried inside images") and a readable file name. 404 `not_found`.
 */
export function createImagesRoutes(studio: Studio) {
  return new Hono().get('/:id', async (context) => {
    const id = context.req.param('id');
    const image = studio.generations.getImageById(id);
    if (!image) throw new ApiError(404, 'not_found', `There is no image with id ${cutText(id)}.`);
    if (!['1', 'true'].includes(context.req.query('download') ?? '')) return imageResponse(context, studio, image);
    const owner = studio.generations.getImageOwnerById(id);
    const generation = owner ? studio.generations.getGenerationById(owner.generationId) : undefined;
    if (!owner || !generation) throw new ApiError(404, 'not_found', `There is no image with id ${cutText(id)}.`);
    let bytes: Buffer;
    try {
      bytes = await studio.imageFiles.readImage(image.sha256, image.mimeType);
    } catch {
      throw new ApiError(404, 'not_found', `The file of image ${cutText(id)} is missing from the data directory.`);
    }
    const embedded = toEmbeddedRequest(generation.request, (uploadId) => studio.uploads.getUploadById(uploadId)?.sha256);
    const withSettings = await embedRequestInImage(bytes, image.mimeType, embedded);
    const fileName = downloadFileName(generation, image, owner.imageIndex);
    return context.body(new Uint8Array(withSettings), 200, {
      'Content-Type': image.mimeType,
      'Content-Length': String(withSettings.length),
      'Cache-Control': 'private, no-cache',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'X-Content-Type-Options': 'nosniff',
    });
  });
}

/** Most prompt words in a download's file name. */
const FILE_NAME_PROMPT_WORDS = 6;

/**
 * A readable file name: the first prompt words, the model and the pixel size,
 * ASCII letters, digits and hyphens only, e.g.
 * `stormy-harbour-at-night-nano-banana-2-1024x1024.png` (`-2`, `-3` for the
 * second and third image of a generation).
 */
function downloadFileName(generation: Generation, image: { width: number; height: number; mimeType: string }, imageIndex: number): string {
  const words = generation.request.prompt
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, FILE_NAME_PROMPT_WORDS);
  const model = (getModel(generation.request.model)?.id ?? generation.request.model).replace(/[^a-z0-9-]/gi, '-');
  const parts = [words.join('-') || 'image', model, `${image.width}x${image.height}`, ...(generation.images.length > 1 ? [String(imageIndex + 1)] : [])];
  return `${parts.join('-').slice(0, 150)}.${extensionForMimeType(image.mimeType)}`;
}
