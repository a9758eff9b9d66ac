import { Hono } from 'hono';
import { cutText } from '../../catalog/bounds.ts';
import { ApiError } from '../api-error.ts';
import type { Studio } from '../studio.ts';
import { imageResponse } from './image-response.ts';

/** `GET /api/images/:id`: the generated image's bytes; `?thumb=1` a WebP thumbnail (long edge at most 512 px). 404 `not_found`. */
export function createImagesRoutes(studio: Studio) {
  return new Hono().get('/:id', async (context) => {
    const image = studio.generations.getImageById(context.req.param('id'));
    if (!image) throw new ApiError(404, 'not_found', `There is no image with id ${cutText(context.req.param('id'))}.`);
    return imageResponse(context, studio, image);
  });
}
