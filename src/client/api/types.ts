/**
 * The shapes the studio server answers with (docs/API.md "Generation",
 * `POST /api/uploads`, `GET /api/catalog`, `GET /api/spend`). Kept here, in
 * the client, because client and server never import each other.
 */
import type { Catalog, Provider } from '../../catalog/types.ts';
import type { GenerationRequest } from '../../catalog/request.ts';

/** A stored image of a generation. */
export interface GenerationImage {
  id: string;
  /** Full image, `/api/images/:id`. */
  url: string;
  /** WebP thumbnail (long edge at most 512 px), `/api/images/:id?thumb=1`. */
  thumbnailUrl: string;
  /** Pixel size. */
  width: number;
  height: number;
  /** The seed the provider used, when it says. */
  seed: number | null;
  mimeType: string;
}

/** A generation's state; `cancelled` is tolerated though the server reports a cancel as `failed` with code `cancelled`. */
export type GenerationStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** docs/API.md "Generation". */
export interface Generation {
  id: string;
  /** ISO 8601. */
  createdAt: string;
  status: GenerationStatus;
  request: GenerationRequest;
  /** The estimate at submission, USD. */
  estimatedCost: { currency: 'USD'; total: number | null; min: number; max: number | null } | null;
  /** What the provider says it billed, USD; `null` where it says nothing. */
  actualCost: number | null;
  images: GenerationImage[];
  warnings: string[];
  error: { code?: string; message: string } | string | null;
  /** Wall time from start to end, ms; `null` while running. */
  durationMs: number | null;
}

/** `GET /api/generations` page. */
export interface GenerationPage {
  items: Generation[];
  nextCursor: string | null;
}

/** `POST /api/uploads` answer. */
export interface UploadedImage {
  id: string;
  mimeType: string;
  /** px */
  width: number;
  height: number;
  bytes: number;
  sha256: string;
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
  if (!error) return 'The generation failed without a message.';
  return typeof error === 'string' ? error : error.message;
}
