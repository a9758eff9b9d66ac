import { randomUUID } from 'node:crypto';
import { getProvider, listProvidersForModel } from '../../catalog/catalog.ts';
import { CatalogError } from '../../catalog/errors.ts';
import { estimateCost } from '../../catalog/estimate.ts';
import type { AcceptedGenerationRequest } from '../../catalog/request.ts';
import type { CostEstimate, ModelId, ProviderId } from '../../catalog/types.ts';
import { validateGenerationRequest } from '../../catalog/validate.ts';
import { ApiError } from '../api-error.ts';
import { isProviderConfigured } from '../config.ts';
import { validationError } from '../routes/route-helpers.ts';
import { MAX_IMAGE_BYTES } from '../store/image-inspection.ts';
import type { Generation } from '../store/generations-store.ts';
import type { Studio } from '../studio.ts';

const DATA_URI = /^data:(image\/[a-z0-9.+-]+);base64,/i;

/** A request that passed every check and has its estimate; nothing is stored yet. */
export interface PreparedGeneration {
  /** The accepted request (defaults filled); `referenceImages` may still hold `data:` URIs. */
  request: AcceptedGenerationRequest;
  /** `provider/model`. */
  offeringId: string;
  /** The estimate in USD (catalog `estimateCost`). */
  estimate: CostEstimate;
}

/**
 * Refuses a provider without a key (400 `provider_not_configured`), naming the
 * variable to set, never the key; or one without an adapter in this build.
 */
export function assertProviderUsable(studio: Studio, provider: ProviderId, model: ModelId, field = 'provider'): void {
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
      { field, allowed: usable },
    );
  }
  if (!hasAdapter) {
    throw new ApiError(400, 'provider_not_configured', `${name} has no adapter in this build of the studio server; choose another provider (local works offline).`, {
      field,
      allowed: usable.filter((id) => id === 'local'),
    });
  }
}

/**
 * Checks a GenerationRequest body against its offering, the provider's
 * configuration and the price tables, storing nothing. Throws ApiError: 400
 * `invalid_request` (with every validation issue; a retired offering names
 * its replacement unless the provider's key check still lists it) or
 * `provider_not_configured`.
 */
export function prepareGeneration(studio: Studio, body: unknown): PreparedGeneration {
  const validation = validateGenerationRequest(body, { listedModelIds: studio.keyChecks.listedModelIds() });
  if (!validation.ok) throw validationError(validation.issues);
  const request = validation.request;
  assertProviderUsable(studio, request.provider, request.model);
  try {
    return { request, offeringId: validation.offeringId, estimate: estimateCost(request) };
  } catch (error) {
    if (error instanceof CatalogError) throw new ApiError(400, 'invalid_request', error.message, { field: error.field, allowed: error.allowed });
    throw error;
  }
}

/**
 * Stores every reference image of the request as an upload, in order: upload
 * ids must exist; `data:` URIs are decoded, checked by content like
 * `POST /api/uploads` and stored (deduplicated). Returns the upload ids.
 * Throws ApiError naming `referenceImages.<index>`.
 */
export async function storeReferenceImages(studio: Studio, references: string[]): Promise<string[]> {
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

/**
 * The one path that creates a generation (routes, experiments, budget and
 * edits all come through here): stores the prepared request's reference
 * images, saves the generation `queued` with its estimate, and hands it to
 * the runner. Returns the stored Generation. Throws ApiError for a reference
 * that cannot be stored.
 */
export async function createGeneration(studio: Studio, prepared: PreparedGeneration): Promise<Generation> {
  const referenceImages = await storeReferenceImages(studio, prepared.request.referenceImages);
  const accepted: AcceptedGenerationRequest = { ...prepared.request, referenceImages };
  const { estimate } = prepared;
  const generation = studio.generations.insertGeneration({
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    request: accepted,
    offeringId: prepared.offeringId,
    estimatedCost: { currency: 'USD', total: estimate.total, min: estimate.min, max: estimate.max },
  });
  studio.runner.startGeneration(generation.id);
  return generation;
}
