import { CATALOG_INDEX } from '../../catalog/catalog.ts';
import { Hono } from 'hono';
import { CatalogError } from '../../catalog/errors.ts';
import { estimateCost } from '../../catalog/estimate.ts';
import { validateGenerationRequest } from '../../catalog/validate.ts';
import { ApiError } from '../api-error.ts';
import type { Studio } from '../studio.ts';
import { limitBody, MAX_JSON_BODY_BYTES, readJsonBody, validationError } from './route-helpers.ts';

/**
 * `POST /api/estimate`: body GenerationRequest, checked with
 * `validateGenerationRequest`; 200 CostEstimate (`estimateCost`), 400 `invalid_request`.
 * Works for every provider, configured or not, so the UI can compare prices.
 * A retired offering is refused unless the provider's key check still lists it.
 */
export function createEstimateRoutes(studio: Studio) {
  return new Hono().post('/', limitBody(MAX_JSON_BODY_BYTES, 'request body'), async (context) => {
    const validation = validateGenerationRequest(await readJsonBody(context), CATALOG_INDEX, { listedModelIds: studio.keyChecks.listedModelIds() });
    if (!validation.ok) throw validationError(validation.issues);
    try {
      return context.json(estimateCost(validation.request, CATALOG_INDEX), 200);
    } catch (error) {
      if (error instanceof CatalogError) throw new ApiError(400, 'invalid_request', error.message, { field: error.field, allowed: error.allowed });
      throw error;
    }
  });
}
