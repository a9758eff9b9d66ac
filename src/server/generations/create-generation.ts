import { randomUUID } from 'node:crypto';
import { getProvider, listProvidersForModel, CATALOG_INDEX } from '../../catalog/catalog.ts';
import { CatalogError } from '../../catalog/errors.ts';
import { estimateCost } from '../../catalog/estimate.ts';
import type { AcceptedGenerationRequest } from '../../catalog/request.ts';
import type { CostEstimate, ModelId, ProviderId } from '../../catalog/types.ts';
import { validateGenerationRequest } from '../../catalog/validate.ts';
import { ApiError } from '../api-error.ts';
import { checkBudget, reserveBudget } from '../budget/budget-reservation.ts';
import { isProviderConfigured } from '../config.ts';
import { validationError } from '../routes/route-helpers.ts';
import { inspectImage, MAX_IMAGE_BYTES, type InspectedImage } from '../store/image-inspection.ts';
import type { Generation } from '../store/generations-store.ts';
import type { Studio } from '../studio.ts';
import { continuedConversation, resolveParentImage, type ResolvedParentImage } from './lineage.ts';

const DATA_URI = /^data:(image\/[a-z0-9.+-]+);base64,/i;

/** A request that passed every check and has its estimate; nothing is stored yet. */
export interface PreparedGeneration {
  /** The accepted request (defaults filled); `referenceImages` may still hold `data:` URIs. */
  request: AcceptedGenerationRequest;
  /** `provider/model`. */
  offeringId: string;
  /** The estimate in USD (catalog `estimateCost`; an edited parent image counts as reference image 1). */
  estimate: CostEstimate;
  /** The image the request edits (`request.parent`), found and checked; absent for a fresh generation. */
  parent?: ResolvedParentImage;
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
    const variable = studio.config.providers[provider].keyVariable ?? `${provider.toUpperCase()}_API_KEY`;
    throw new ApiError(
      400,
      'provider_not_configured',
      `${name} is not configured: set ${variable} in the environment or in .env and restart the studio server, ` +
        `or choose a configured provider (${usable.join(', ')}).`,
      { field, allowed: usable },
    );
  }
  if (!hasAdapter) {
    throw new ApiError(
      400,
      'provider_not_configured',
      `${name} has no adapter in this build of the studio server; choose another provider (local works offline).`,
      {
        field,
        allowed: usable.filter((id) => id === 'local'),
      },
    );
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
  const validation = validateGenerationRequest(body, CATALOG_INDEX, { listedModelIds: studio.keyChecks.listedModelIds() });
  if (!validation.ok) throw validationError(validation.issues);
  const request = validation.request;
  assertProviderUsable(studio, request.provider, request.model);
  const parent = request.parent ? resolveParentImage(studio, request.parent) : undefined;
  try {
    // estimateCost prices `parent` as reference image 1.
    return { request, offeringId: validation.offeringId, estimate: estimateCost(request, CATALOG_INDEX), ...(parent ? { parent } : {}) };
  } catch (error) {
    if (error instanceof CatalogError) throw new ApiError(400, 'invalid_request', error.message, { field: error.field, allowed: error.allowed });
    throw error;
  }
}

/** One reference image after its checks: a stored upload id, or decoded bytes that passed `inspectImage`. */
type CheckedReference = { kind: 'upload'; id: string } | { kind: 'data'; bytes: Buffer; image: InspectedImage; label: string };

/**
 * Checks every reference image of a request without storing anything: upload
 * ids must exist; `data:` URIs must decode to an image that passes the same
 * checks as `POST /api/uploads`. Throws ApiError naming `referenceImages.<index>`.
 */
async function checkReferenceImages(studio: Studio, references: string[]): Promise<CheckedReference[]> {
  const checked: CheckedReference[] = [];
  const refuse = (error: unknown, field: string): never => {
    if (error instanceof ApiError) throw new ApiError(error.status, error.code, error.message, { field, ...(error.allowed ? { allowed: error.allowed } : {}) });
    throw error;
  };
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
      const image = await inspectImage(bytes, label).catch((error: unknown) => refuse(error, field));
      checked.push({ kind: 'data', bytes, image, label });
    } else {
      if (!studio.uploads.getUploadById(reference)) {
        throw new ApiError(400, 'invalid_request', `${label} (${reference}) is not a stored upload; upload it again with POST /api/uploads.`, { field });
      }
      checked.push({ kind: 'upload', id: reference });
    }
  }
  return checked;
}

/**
 * Checks every reference image first (`checkReferenceImages`, which stores
 * nothing), then stores the `data:` ones as uploads (deduplicated), so a
 * request refused for any reference leaves nothing behind. Returns the
 * upload ids in order. Throws ApiError naming `referenceImages.<index>`.
 */
export async function storeReferenceImages(studio: Studio, references: string[]): Promise<string[]> {
  return storeCheckedReferenceImages(studio, await checkReferenceImages(studio, references));
}

/** Stores references already checked by `checkReferenceImages`; returns the upload ids in order. */
async function storeCheckedReferenceImages(studio: Studio, checked: Awaited<ReturnType<typeof checkReferenceImages>>): Promise<string[]> {
  const ids: string[] = [];
  for (const reference of checked) {
    if (reference.kind === 'upload') ids.push(reference.id);
    else ids.push((await studio.uploads.createUpload(reference.bytes, reference.label, reference.image)).upload.id);
  }
  return ids;
}

/**
 * The one path that creates a generation (routes, experiments, budget and
 * edits all come through here): checks the budget, stores the prepared
 * request's reference images, then checks the budget again and saves the
 * generation `queued` with its estimate and reservation in one transaction,
 * and hands it to the runner. Returns the stored Generation. Throws ApiError
 * for a reference that cannot be stored, or 402 `budget_exceeded`.
 */
export async function createGeneration(studio: Studio, prepared: PreparedGeneration, placement: GenerationPlacement = {}): Promise<Generation> {
  const [generation] = await createGenerations(studio, [{ ...prepared, ...placement }]);
  if (!generation) throw new Error('createGeneration: createGenerations returned no generation for one prepared request');
  return generation;
}

/** Where a generation belongs besides the history: `experiment` marks it as that experiment's cell (its 0-based index). */
export interface GenerationPlacement {
  experiment?: { id: string; cell: number };
}

/**
 * Creates several generations at once, all or none: refused whole (402
 * `budget_exceeded`) when together they would pass a budget limit. The
 * budget is checked before anything is stored (reference images included),
 * and checked and reserved again in the one transaction that inserts every
 * generation (budget/budget-reservation.ts `reserveBudget`). An edit's
 * parent image is stored as an upload and becomes reference image 1.
 * Returns the stored Generations in the order of `prepared`, each started.
 */
export async function createGenerations(studio: Studio, prepared: Array<PreparedGeneration & GenerationPlacement>): Promise<Generation[]> {
  checkBudget(studio, prepared);
  // Every item's references (and edited image) are checked before any is stored, so a refused batch leaves nothing behind.
  const checked = [];
  const parentBytes: Array<Buffer | null> = [];
  for (const item of prepared) {
    checked.push(await checkReferenceImages(studio, item.request.referenceImages));
    parentBytes.push(item.parent ? await readParentImage(studio, item.parent) : null);
  }
  // The asynchronous part (storing references) comes first; the check, reservation and insert are one synchronous transaction.
  const accepted: Array<PreparedGeneration & GenerationPlacement & { request: AcceptedGenerationRequest }> = [];
  for (const [index, item] of prepared.entries()) {
    const checkedReferences = checked[index];
    if (!checkedReferences) throw new Error(`createGenerations: no checked reference images for prepared request ${index}`);
    const referenceImages = await storeCheckedReferenceImages(studio, checkedReferences);
    const { parent: _parent, ...withoutParent } = item.request;
    const request: AcceptedGenerationRequest = { ...withoutParent, referenceImages };
    const bytes = parentBytes[index];
    if (bytes) {
      // The edited image becomes reference image 1, stored as an upload: the request replays as is, even once the parent is deleted.
      const { upload } = await studio.uploads.createUpload(bytes, 'The edited image');
      request.referenceImages = [upload.id, ...referenceImages];
    }
    accepted.push({ ...item, request });
  }
  const createdAt = new Date().toISOString();
  const generations = reserveBudget(studio, accepted, () =>
    accepted.map(({ request, offeringId, estimate, parent, experiment }) =>
      studio.generations.insertGeneration({
        id: randomUUID(),
        createdAt,
        request,
        offeringId,
        estimatedCost: { currency: 'USD', total: estimate.total, min: estimate.min, max: estimate.max },
        experiment,
        ...(parent
          ? {
              parent: { generationId: parent.generationId, imageIndex: parent.imageIndex },
              conversationHistory: continuedConversation(request, parent) ?? undefined,
            }
          : {}),
      }),
    ),
  );
  for (const generation of generations) studio.runner.startGeneration(generation.id);
  return generations;
}

/** The bytes of the image an edit starts from; 400 naming `parent` when its file is gone. */
async function readParentImage(studio: Studio, parent: ResolvedParentImage): Promise<Buffer> {
  return studio.imageFiles.readImage(parent.image.sha256, parent.image.mimeType).catch(() => {
    throw new ApiError(
      400,
      'invalid_request',
      `The file of the image being edited (generation ${parent.generationId}, image ${parent.imageIndex + 1}) is missing; edit another image.`,
      {
        field: 'parent',
      },
    );
  });
}
