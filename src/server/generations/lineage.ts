import type { AcceptedGenerationRequest, GenerationParent } from '../../catalog/request.ts';
import { ApiError } from '../api-error.ts';
import type { Generation, StoredImage } from '../store/generations-store.ts';
import type { Studio } from '../studio.ts';

/** Most descendants `GET /api/generations/:id/lineage` lists. */
const MAX_LINEAGE_DESCENDANTS = 500;

/** The image a request edits, found in the store (`prepareGeneration`). */
export interface ResolvedParentImage {
  generationId: string;
  /** 0-based. */
  imageIndex: number;
  generation: Generation;
  /** The stored file of the image. */
  image: StoredImage;
  /** The provider conversation stored with the image (JSON), or `null`. */
  conversation: unknown;
}

/**
 * Finds the image a request edits. Throws 400 `invalid_request` with
 * `field: "parent"` when the generation is unknown, has not finished, or has
 * no image at `imageIndex` (docs/API.md "Editing a result").
 */
export function resolveParentImage(studio: Studio, parent: GenerationParent): ResolvedParentImage {
  const generation = studio.generations.getGenerationById(parent.generationId);
  if (!generation) {
    throw new ApiError(400, 'invalid_request', `parent: there is no generation with id ${parent.generationId}; edit an image that is in the gallery.`, {
      field: 'parent',
    });
  }
  const found = studio.generations.getGenerationImageAt(parent.generationId, parent.imageIndex);
  if (!found) {
    const count = generation.images.length;
    throw new ApiError(
      400,
      'invalid_request',
      count === 0
        ? `parent: generation ${parent.generationId} has no image (it is ${generation.status}); edit a finished image.`
        : `parent: generation ${parent.generationId} has ${count} image${count === 1 ? '' : 's'}, so imageIndex ${parent.imageIndex} does not exist; ` +
            `choose 0 to ${count - 1}.`,
      { field: 'parent', allowed: count === 0 ? [] : [0, count - 1] },
    );
  }
  return { generationId: parent.generationId, imageIndex: parent.imageIndex, generation, image: found.image, conversation: found.conversation };
}

/**
 * The conversation an edit continues: the parent image's stored conversation
 * when the edit runs on `gemini` with the model that made the parent (and
 * the parent kept one); otherwise `null`, and the parent is a plain reference image.
 */
export function continuedConversation(request: AcceptedGenerationRequest, parent: ResolvedParentImage): unknown {
  const conversation = parent.conversation as { provider?: unknown; model?: unknown } | null;
  if (request.provider !== 'gemini' || parent.generation.request.provider !== 'gemini') return null;
  if (parent.generation.request.model !== request.model || !conversation || conversation.model !== request.model) return null;
  return conversation;
}

/** `GET /api/generations/:id/lineage` (docs/API.md; `descendants` is an extension). */
export interface Lineage {
  /** From the root down to the direct parent; empty for a root, or when the parent was deleted. */
  ancestors: Generation[];
  /** The direct edits of the generation, oldest first. */
  children: Generation[];
  /** Extension: every generation descending from it (edits of edits too), oldest first, at most 500. */
  descendants: Generation[];
}

/** The lineage of a generation. Throws 404 `not_found` for an unknown id. */
export function getLineage(studio: Studio, id: string): Lineage {
  if (!studio.generations.getGenerationById(id)) throw new ApiError(404, 'not_found', `There is no generation with id ${id}.`);
  const descendants = studio.generations.listDescendants(id, MAX_LINEAGE_DESCENDANTS);
  return {
    ancestors: studio.generations.listAncestors(id),
    children: descendants.filter((generation) => generation.parent?.generationId === id),
    descendants,
  };
}
