/**
 * The shapes the studio server answers with (docs/API.md "Generation",
 * `POST /api/uploads`, `GET /api/catalog`, `GET /api/spend`). Generation and
 * upload shapes are the server's own types (`import type` only: client and
 * server share no code).
 */
import type { Catalog, Provider } from '../../catalog/types.ts';
import type { GenerationRequest } from '../../catalog/request.ts';
import type { Upload } from '../../server/store/uploads-store.ts';
import type { Generation } from '../../server/store/generations-store.ts';

export type { Generation, GenerationImage } from '../../server/store/generations-store.ts';

/**
 * `POST /api/uploads` answer: the upload, plus, for an image the studio
 * downloaded with its settings inside, the request it carries (references
 * still stored named by upload id) and how many references are gone.
 */
export interface UploadAnswer extends Upload {
  recalledRequest?: GenerationRequest;
  recalledMissingReferences?: number;
}

/** `GET /api/generations` page. */
export interface GenerationPage {
  items: Generation[];
  nextCursor: string | null;
  /** Extension: generations the filters match over all pages. */
  total: number;
  /** Extension: images of those generations. */
  totalImages: number;
}

/** `GET /api/catalog`: the catalog, with each provider's `configured` flag. */
export interface ServedCatalog extends Omit<Catalog, 'providers'> {
  providers: Array<Provider & { configured: boolean }>;
}

/** `GET /api/spend?since=<ISO>`: billed total since a moment, USD. */
export interface SpendSummary {
  currency: 'USD';
  total: number;
  count: number;
}

/** The message of a failed generation, whatever shape the server gave it. */
export function generationErrorMessage(generation: Generation): string {
  const { error } = generation;
  return error ? error.message : 'The generation failed without a message.';
}
