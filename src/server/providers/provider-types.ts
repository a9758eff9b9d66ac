import type { AcceptedGenerationRequest } from '../../catalog/request.ts';
import type { Offering, ProviderId } from '../../catalog/types.ts';

/**
 * The contract between the generation runner (src/server/generations) and one
 * provider adapter (src/server/providers/<id>/). Modelled on the AI SDK's
 * image model interface (docs/STYLE.md): the adapter maps an accepted request
 * to the provider's wire format and maps the answer back; the runner owns
 * storage, lifecycle, cancellation and history.
 */

/** A reference image as an adapter receives it: already stored, checked and loaded. */
export interface ReferenceImageInput {
  /** The upload id (`POST /api/uploads`). */
  id: string;
  /** Hex sha256 of `bytes`; stable across generations, a good cache key. */
  sha256: string;
  /** `image/png`, `image/jpeg`, `image/webp`, ... */
  mimeType: string;
  bytes: Buffer;
  /** Size in px. */
  width: number;
  height: number;
}

/** One generated image, downloaded or decoded by the adapter. */
export interface ProviderImage {
  bytes: Buffer;
  /** The real type of `bytes` (`image/png`, `image/jpeg`, `image/webp`). */
  mimeType: string;
  /** The seed the provider reports for this image; `null` when it reports none. */
  seed: number | null;
  /**
   * The provider conversation that made this image, as JSON with images named
   * by sha256 (Gemini: gemini-conversation.ts); stored with the image so an
   * edit can continue it. Absent where the provider keeps no conversation.
   */
  conversation?: unknown;
}

/** What an adapter returns for a finished task. */
export interface ProviderResult {
  images: ProviderImage[];
  /** What the provider says it billed, in USD (Runware `cost`, Runflow `cost`, AI/ML API `credits_used` / 2,000,000); `null` when it says nothing. */
  billedCost: number | null;
  /** Things the user should know (NSFW flag, fewer images than asked, a text part from Gemini). */
  warnings: string[];
  /** Provider usage data worth keeping, e.g. Gemini `usageMetadata` token counts. */
  usage?: Record<string, unknown>;
  /**
   * Where the provider bills no money figure but reports usage (Gemini tokens):
   * the cost in USD computed from that usage and the published rate, and a
   * sentence saying how (`basis`). Absent where `billedCost` is known or nothing was reported.
   */
  computedCost?: { usd: number; basis: string };
}

/** JSON state that lets `resume` pick up a task the provider already accepted (e.g. Runware `{ taskUUID }`). */
export type ProviderTaskState = Record<string, unknown>;

/** A small persistent key-value cache, kept in SQLite by the runner (e.g. Runware `imageUpload` UUIDs by sha256). */
export interface ProviderCache {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

/** Everything an adapter needs for one call besides the request. */
export interface ProviderCallContext {
  generationId: string;
  offering: Offering;
  /** The provider's API key; an empty string for `local`. Never log it. */
  apiKey: string;
  /** The provider's base URL without a trailing slash (docs/API.md "Start-up"). */
  baseUrl: string;
  /** Aborted when the user cancels or the runner's overall timeout passes. */
  signal: AbortSignal;
  /** The request's reference images, in order (reference image 1 first). */
  references: ReferenceImageInput[];
  /**
   * Call as soon as the provider may have accepted (and so may bill) the task.
   * The runner saves the state with the generation; after a restart it calls
   * `resume` with it instead of submitting again.
   */
  onAccepted(state: ProviderTaskState): void;
  cache: ProviderCache;
  /**
   * An edit that continues the parent's provider conversation: the stored
   * conversation of the parent image (JSON the adapter wrote as
   * `ProviderImage.conversation`); reference 1 is then that parent image.
   * `null`/absent for a fresh generation.
   */
  conversationHistory?: unknown;
  /** Reads a file of the studio's image store by sha256 and type (for the images of `conversationHistory`). */
  loadStoredImage?: (sha256: string, mimeType: string) => Promise<Buffer>;
}

/** What `checkKey` needs: the key and where to send it; nothing is generated. */
export interface KeyCheckContext {
  /** The provider's API key. Never log it or put it in a result. */
  apiKey: string;
  /** The provider's base URL without a trailing slash. */
  baseUrl: string;
  signal: AbortSignal;
}

/** The outcome of a key check that the provider did not refuse (a refusal throws `ProviderError`). */
export interface KeyCheckResult {
  /**
   * How the key was checked: `model-list` (the provider lists the models the
   * key can use, free: Gemini), `probe` (a free call that only a valid key
   * gets past, e.g. looking up a run that does not exist), `none` (the
   * provider has no call that proves a key without generating).
   */
  method: 'model-list' | 'probe' | 'none';
  /** Whether the provider accepted the key; `false` only with `method: 'none'` (not known). */
  verified: boolean;
  /** The provider model ids the key can use (`model-list`); `null` where the provider lists none. */
  listedModelIds: string[] | null;
  /** One sentence for designers on what was asked and what it proved. */
  message: string;
}

/** One provider's adapter. */
export interface ImageProviderAdapter {
  readonly provider: ProviderId;
  /**
   * Ask the provider for something free that proves the key (Gemini: the model
   * list). Throws `ProviderError` with the provider's own refusal (bad key, no
   * access, unreachable). Absent where the adapter has no check at all.
   */
  checkKey?(context: KeyCheckContext): Promise<KeyCheckResult>;
  /**
   * How many images one call makes at most for `offering` (its
   * `numberResults.perCall`); `generateImages` splits a request into
   * `ceil(n / maxImagesPerCall)` calls. Absent: every image in one call.
   */
  maxImagesPerCall?(offering: Offering): number;
  /**
   * The cost in USD of the merged usage of several calls (Gemini: tokens x the
   * published rate), used by `generateImages` instead of summing each call's
   * `computedCost`; `null` when it cannot be computed.
   */
  computeCost?(request: AcceptedGenerationRequest, usage: Record<string, unknown>, context: ProviderCallContext): { usd: number; basis: string } | null;
  /** Submit the request (at most `maxImagesPerCall` images) and wait for its images. Throws `ProviderError` on failure. */
  generate(request: AcceptedGenerationRequest, context: ProviderCallContext): Promise<ProviderResult>;
  /** Finish a task accepted before a restart without submitting it again (polling). Absent where the provider cannot. */
  resume?(request: AcceptedGenerationRequest, state: ProviderTaskState, context: ProviderCallContext): Promise<ProviderResult>;
}

/**
 * A provider refused or failed. `message` is a sentence a person can act on;
 * `providerCode`/`providerMessage` keep the provider's own words.
 * Becomes docs/API.md's `provider_error` on the Generation.
 */
export class ProviderError extends Error {
  readonly provider: ProviderId;
  /** The provider's own error code (`invalidApiKey`, `INSUFFICIENT_CREDIT`, `RESOURCE_EXHAUSTED`, `timeout`, ...). */
  readonly providerCode: string;
  /** The provider's own message, unchanged. */
  readonly providerMessage: string;
  /** HTTP status from the provider, or `null` for network failures and timeouts. */
  readonly httpStatus: number | null;
  /** Whether retrying could help (429, 5xx, connection failure before acceptance). */
  readonly retryable: boolean;

  constructor(options: {
    provider: ProviderId;
    message: string;
    providerCode: string;
    providerMessage: string;
    httpStatus: number | null;
    retryable: boolean;
  }) {
    super(options.message);
    this.name = 'ProviderError';
    this.provider = options.provider;
    this.providerCode = options.providerCode;
    this.providerMessage = options.providerMessage;
    this.httpStatus = options.httpStatus;
    this.retryable = options.retryable;
  }
}
