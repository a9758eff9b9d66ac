import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { getProvider, listProvidersForModel } from '../../catalog/catalog.ts';
import { CatalogError } from '../../catalog/errors.ts';
import { estimateCost } from '../../catalog/estimate.ts';
import type { AcceptedGenerationRequest } from '../../catalog/request.ts';
import { MODEL_IDS, PROVIDER_IDS, type ModelId, type ProviderId } from '../../catalog/types.ts';
import { validateGenerationRequest } from '../../catalog/validate.ts';
import { ApiError } from '../api-error.ts';
import { isProviderConfigured } from '../config.ts';
import { InvalidCursorError } from '../store/generations-store.ts';
import { MAX_IMAGE_BYTES } from '../store/image-inspection.ts';
import type { Studio } from '../studio.ts';
import { limitBody, MAX_JSON_BODY_BYTES, readJsonBody, validationError } from './route-helpers.ts';

/** Page size of `GET /api/generations` when `limit` is omitted. */
export const DEFAULT_PAGE_SIZE = 50;
/** Largest page size of `GET /api/generations`. */
export const MAX_PAGE_SIZE = 200;

const DATA_URI = /^data:(image\/[a-z0-9.+-]+);base64,/i;

/** Refuses a provider without a key (400 `provider_not_configured`), naming the variable to set, never the key. */
function assertProviderUsable(studio: Studio, provider: ProviderId, model: ModelId): void {
  const hasAdapter = (() => {
    try {
      studio.getAdapter(provider);
      return true;
    } catch {
      return false;
    }
  })();
  const usable = listProvidersForModel(model).filter((id) => isProviderConfigured(studio.config, id));
  const name = getProvider(provider)?.name ?? provider;
  if (!isProviderConfigured(studio.config, provider)) {
    const variable = studio.config.providers[provider]?.keyVariable ?? `${provider.toUpperCase()}_API_KEY`;
    throw new ApiError(
      400,
      'provider_not_configured',
      `${name} is not configured: set ${variable} in the environment or in .env and restart the studio server, or choose a configured provider (${usable.join(', ')}).`,
      { field: 'provider', allowed: usable },
    );
  }
  if (!hasAdapter) {
    throw new ApiError(400, 'provider_not_configured', `${name} has no adapter in this build of the studio server; choose another provider (local works offline).`, {
      field: 'provider',
      allowed: usable.filter((id) => id === 'local'),
    });
  }
}

/**
 * Stores every reference image of the request as an upload, in order: upload
 * ids must exist; `data:` URIs are decoded, checked by content like
 * `POST /api/uploads` and stored (deduplicated). Returns the upload ids.
 * Throws ApiError naming `referenceImages.<index>`.
 */
async function storeReferenceImages(studio: Studio, references: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, reference] of references.entries()) {
    const field = `referenceImages.${index}`;
    const label = `Reference image ${index + 1}`;
    const match = DATA_URI.exec(reference);
    if (match) {
      const base64 = reference.slice(match[0].length);
      if (Math.floor((base64.length * 3) / 4) > MAX_IMAGE_BYTES + 3) {
        throw new ApiError(413, 'payload_too_large', `${label} is larger than 20 MB, the limit per image.`, { field });
      }
      const bytes = Buffer.from(base64, 'base64');
      try {
        ids.push((await studio.uploads.createUpload(bytes, label)).upload.id);
      } catch (error) {
        if (error instanceof ApiError) throw new ApiError(error.status, error.code, error.message, { field, ...(error.allowed ? { allowed: error.allowed } : {}) });
        throw error;
      }
    } else {
      if (!studio.uploads.getUploadById(reference)) {
        throw new ApiError(400, 'invalid_request', `${label} (${reference}) is not a stored upload; upload it again with POST /api/uploads.`, { field });
      }
      ids.push(reference);
    }
  }
  return ids;
}

function readChoice<T extends string>(value: string | undefined, allowed: readonly T[], field: string): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ApiError(400, 'invalid_request', `${field} "${value}" is not known; choose one of ${allowed.join(', ')}.`, { field, allowed: [...allowed] });
  }
  return value as T;
}

/**
 * docs/API.md generations endpoints: `POST /` (202, or 200 with `?wait=true`),
 * `GET /` (keyset pages, newest first), `GET /:id`, `DELETE /:id` (204; files
 * go unless still used), and the extension `POST /:id/cancel`.
 */
export function createGenerationsRoutes(studio: Studio) {
  const notFound = (id: string) => new ApiError(404, 'not_found', `There is no generation with id ${id}.`);
  return new Hono()
    .post('/', limitBody(MAX_JSON_BODY_BYTES, 'request body'), async (context) => {
      const validation = validateGenerationRequest(await readJsonBody(context));
      if (!validation.ok) throw validationError(validation.issues);
      const request = validation.request;
      assertProviderUsable(studio, request.provider, request.model);
      let estimate;
      try {
        estimate = estimateCost(request);
      } catch (error) {
        if (error instanceof CatalogError) throw new ApiError(400, 'invalid_request', error.message, { field: error.field, allowed: error.allowed });
        throw error;
      }
      const referenceImages = await storeReferenceImages(studio, request.referenceImages);
      const accepted: AcceptedGenerationRequest = { ...request, referenceImages };
      const generation = studio.generations.insertGeneration({
        id: randomUUID(),
        createdAt: new Date().toISOString(),
        request: accepted,
        offeringId: validation.offeringId,
        estimatedCost: { currency: 'USD', total: estimate.total, min: estimate.min, max: estimate.max },
      });
      studio.runner.startGeneration(generation.id);
      const wait = ['true', '1'].includes(context.req.query('wait') ?? '');
      if (wait) {
        await studio.runner.waitForGeneration(generation.id);
        return context.json(studio.generations.getGenerationById(generation.id)!, 200);
      }
      return context.json(studio.generations.getGenerationById(generation.id)!, 202);
    })
    .get('/', (context) => {
      const limitParameter = context.req.query('limit');
      let limit = DEFAULT_PAGE_SIZE;
      if (limitParameter !== undefined) {
        limit = Number(limitParameter);
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
          throw new ApiError(400, 'invalid_request', `limit "${limitParameter}" must be a whole number from 1 to ${MAX_PAGE_SIZE}.`, {
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
        return context.json(studio.generations.getGenerationById(id)!, 200);
      }
      if (generation.status === 'queued' || generation.status === 'running') {
        // Not run by this process (left over and being recovered): end it here.
        studio.generations.failGeneration(id, { code: 'cancelled', message: 'Cancelled by the user' }, { durationMs: null });
        return context.json(studio.generations.getGenerationById(id)!, 200);
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
