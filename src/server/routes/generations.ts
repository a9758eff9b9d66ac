import { Hono } from 'hono';
import { cutText } from '../../catalog/bounds.ts';
import { MODEL_IDS, PROVIDER_IDS } from '../../catalog/types.ts';
import { ApiError } from '../api-error.ts';
import { createGeneration, prepareGeneration } from '../generations/create-generation.ts';
import { getLineage } from '../generations/lineage.ts';
import { InvalidCursorError } from '../store/generations-store.ts';
import type { Studio } from '../studio.ts';
import { limitBody, MAX_JSON_BODY_BYTES, readJsonBody } from './route-helpers.ts';

/** Page size of `GET /api/generations` when `limit` is omitted. */
export const DEFAULT_PAGE_SIZE = 50;
/** Largest page size of `GET /api/generations`. */
export const MAX_PAGE_SIZE = 200;

function readChoice<T extends string>(value: string | undefined, allowed: readonly T[], field: string): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ApiError(400, 'invalid_request', `${field} "${cutText(value)}" is not known; choose one of ${allowed.join(', ')}.`, {
      field,
      allowed: [...allowed],
    });
  }
  return value as T;
}

/**
 * docs/API.md generations endpoints: `POST /` (202, or 200 with `?wait=true`),
 * `GET /` (keyset pages, newest first), `GET /:id`, `DELETE /:id` (204; files
 * go unless still used; its edits keep their images and request, with
 * `parent.generationId` null), `GET /:id/lineage`, `?parent=` on the list,
 * and the extension `POST /:id/cancel`.
 */
export function createGenerationsRoutes(studio: Studio) {
  const notFound = (id: string) => new ApiError(404, 'not_found', `There is no generation with id ${cutText(id)}.`);
  // The generation as stored now; 404 when it was deleted in the meantime.
  const current = (id: string) => {
    const generation = studio.generations.getGenerationById(id);
    if (!generation) throw notFound(id);
    return generation;
  };
  return new Hono()
    .post('/', limitBody(MAX_JSON_BODY_BYTES, 'request body'), async (context) => {
      const generation = await createGeneration(studio, prepareGeneration(studio, await readJsonBody(context)));
      const wait = ['true', '1'].includes(context.req.query('wait') ?? '');
      if (wait) {
        await studio.runner.waitForGeneration(generation.id);
        return context.json(current(generation.id), 200);
      }
      return context.json(current(generation.id), 202);
    })
    .get('/', (context) => {
      const limitParameter = context.req.query('limit');
      let limit = DEFAULT_PAGE_SIZE;
      if (limitParameter !== undefined) {
        limit = Number(limitParameter);
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
          throw new ApiError(400, 'invalid_request', `limit "${cutText(limitParameter)}" must be a whole number from 1 to ${MAX_PAGE_SIZE}.`, {
            field: 'limit',
            allowed: [1, MAX_PAGE_SIZE],
          });
        }
      }
      try {
        return context.json(
          studio.generations.listGenerations({
            limit,
            cursor: context.req.query('cursor') || undefined,
            q: context.req.query('q') || undefined,
            model: readChoice(context.req.query('model'), MODEL_IDS, 'model'),
            provider: readChoice(context.req.query('provider'), PROVIDER_IDS, 'provider'),
            parent: context.req.query('parent') || undefined,
            experiment: context.req.query('experiment') || undefined,
          }),
          200,
        );
      } catch (error) {
        if (error instanceof InvalidCursorError) {
          throw new ApiError(400, 'invalid_request', `${error.message}; omit it to start from the newest.`, { field: 'cursor' });
        }
        throw error;
      }
    })
    .get('/:id/lineage', (context) => context.json(getLineage(studio, context.req.param('id')), 200))
    .get('/:id', (context) => {
      const generation = studio.generations.getGenerationById(context.req.param('id'));
      if (!generation) throw notFound(context.req.param('id'));
      return context.json(generation, 200);
    })
    .post('/:id/cancel', async (context) => {
      const id = context.req.param('id');
      const generation = studio.generations.getGenerationById(id);
      if (!generation) throw notFound(id);
      if (studio.runner.cancelGeneration(id)) {
        await studio.runner.waitForGeneration(id);
        return context.json(current(id), 200);
      }
      if (generation.status === 'queued' || generation.status === 'running') {
        // Not run by this process (left over and being recovered): end it here.
        studio.generations.failGeneration(id, { code: 'cancelled', message: 'Cancelled by the user' }, { durationMs: null });
        return context.json(current(id), 200);
      }
      throw new ApiError(409, 'generation_finished', `Generation ${id} already ${generation.status}; only queued or running generations can be cancelled.`);
    })
    .delete('/:id', async (context) => {
      const id = context.req.param('id');
      if (!studio.generations.getGenerationById(id)) throw notFound(id);
      if (studio.runner.cancelGeneration(id)) await studio.runner.waitForGeneration(id);
      const files = studio.generations.deleteGenerationById(id);
      if (!files) throw notFound(id);
      await studio.runner.removeUnusedFiles(files);
      return context.body(null, 204);
    });
}
