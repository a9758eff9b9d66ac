import type { AcceptedGenerationRequest } from '../../../catalog/request.ts';
import type { Offering } from '../../../catalog/types.ts';
import {
  decodeBase64Image,
  downloadImage,
  inspectProviderImage,
  malformedAnswerError,
  parseJson,
  ProviderTransportError,
  sendHttp,
  SUBMIT_RETRY,
  toDataUri,
  type HttpAnswer,
  type RetryPolicy,
} from '../http.ts';
import { providerFailureError } from '../provider-errors.ts';
import { ProviderError, type ImageProviderAdapter, type ProviderCallContext, type ProviderResult } from '../provider-types.ts';
import { AIMLAPI_CREDITS_PER_USD, aimlapiAnswerSchema, aimlapiErrorSchema, type AimlapiGenerationBody } from './aimlapi-wire.ts';

/** How the AI/ML API adapter calls the API. */
export interface AimlapiAdapterSettings {
  /** Per-call timeout in ms: the call is synchronous, so it lasts as long as the generation. */
  requestTimeoutMs: number;
  downloadTimeoutMs: number;
  /** Only 429/503/refused connections: the call is synchronous and may bill as soon as it arrives. */
  submitRetry: RetryPolicy;
}

/** The studio's settings: 5 min per synchronous call, 1 min per download, the submit retry policy. */
const DEFAULT_AIMLAPI_SETTINGS: AimlapiAdapterSettings = {
  requestTimeoutMs: 300_000,
  downloadTimeoutMs: 60_000,
  submitRetry: SUBMIT_RETRY,
};

/**
 * Map an accepted request to one `POST /v1/images/generations` body.
 *
 * - `model` is the catalog's `providerModelId` (Pro with references:
 *   `google/nano-banana-pro-edit`).
 * - `aspect_ratio` and `resolution` are always sent.
 * - `image_urls`: the references as data URIs (at most 5, the catalog's limit).
 * - `enable_web_search` only when the request sets it and the offering has it.
 * - `num_images` only where the model takes it (offerings that make more
 *   than one image per call: Pro); Nano Banana 2 makes one image per call.
 */
export function toAimlapiBody(options: {
  request: AcceptedGenerationRequest;
  offering: Offering;
  numImages: number;
  imageUrls: string[];
}): AimlapiGenerationBody {
  const { request, offering } = options;
  const body: AimlapiGenerationBody = {
    model: request.providerModelId,
    prompt: request.prompt,
    aspect_ratio: request.aspectRatio,
    resolution: request.resolution,
  };
  if (options.imageUrls.length > 0) body.image_urls = options.imageUrls;
  if (request.webSearch !== undefined && offering.grounding.webSearch) body.enable_web_search = request.webSearch;
  if (offering.numberResults.perCall > 1) body.num_images = options.numImages;
  return body;
}

/**
 * The AI/ML API adapter (docs/PROVIDERS.md "AI/ML API"; seed 004).
 *
 * Synchronous: one call of at most `perCall` images (Nano Banana 2: one image;
 * Pro: up to 4 with `num_images`); `generateImages` splits larger requests. Images come as URLs
 * (downloaded at once) or `b64_json`. `billedCost` is the sum of
 * `meta.usage.credits_used` / 2,000,000.
 *
 * A call may be billed as soon as it arrives, so it is retried only for
 * 429/503 or a refused connection, never after a timeout or a dropped
 * connection. There is no task id to poll, so there is no `resume`.
 */
export function createAimlapiAdapter(overrides: Partial<AimlapiAdapterSettings> = {}): ImageProviderAdapter {
  const settings: AimlapiAdapterSettings = { ...DEFAULT_AIMLAPI_SETTINGS, ...overrides };

  async function call(request: AcceptedGenerationRequest, context: ProviderCallContext, numImages: number, imageUrls: string[]): Promise<ProviderResult> {
    const purpose = 'generating the image';
    let answer: HttpAnswer;
    try {
      answer = await sendHttp({
        provider: 'aimlapi',
        purpose,
        url: `${context.baseUrl}/v1/images/generations`,
        method: 'POST',
        headers: { authorization: `Bearer ${context.apiKey}` },
        json: toAimlapiBody({ request, offering: context.offering, numImages, imageUrls }),
        timeoutMs: settings.requestTimeoutMs,
        signal: context.signal,
        retry: settings.submitRetry,
      });
    } catch (error) {
      if (error instanceof ProviderTransportError && error.requestMayHaveArrived && error.kind !== 'cancelled') {
        throw new ProviderError({
          provider: 'aimlapi',
          message: `${error.message} AI/ML API may have made (and billed) the image, so the request was not sent again.`,
          providerCode: error.providerCode,
          providerMessage: error.providerMessage,
          httpStatus: null,
          retryable: false,
        });
      }
      throw error;
    }
    if (answer.status < 200 || answer.status >= 300) throw refusal(answer);
    const parsed = aimlapiAnswerSchema.safeParse(parseJson(answer.text));
    if (!parsed.success) {
      throw malformedAnswerError(
        'aimlapi',
        purpose,
        `HTTP ${answer.status}, ${describeBody(answer.text)}; the image may have been billed, so the request was not sent again`,
        answer.status,
      );
    }
    const images = await Promise.all(
      parsed.data.data.map(async (entry) => {
        if (entry.url) return downloadImage({ provider: 'aimlapi', url: entry.url, signal: context.signal, timeoutMs: settings.downloadTimeoutMs });
        if (entry.b64_json) return inspectProviderImage('aimlapi', decodeBase64Image(entry.b64_json), 'b64_json');
        throw malformedAnswerError('aimlapi', purpose, 'a data entry has neither url nor b64_json', answer.status);
      }),
    );
    const credits = parsed.data.meta?.usage?.credits_used;
    return {
      images: images.map((image) => ({ bytes: image.bytes, mimeType: image.mimeType, seed: null })),
      billedCost: typeof credits === 'number' ? credits / AIMLAPI_CREDITS_PER_USD : null,
      warnings: [],
    };
  }

  return {
    provider: 'aimlapi',

    checkKey() {
      // AI/ML API documents no call that proves a key without generating (and billing) an image.
      return Promise.resolve({
        method: 'none',
        verified: false,
        listedModelIds: null,
        message: 'AI/ML API has no free way to check a key: the first generation will show whether it works.',
      });
    },

    maxImagesPerCall: (offering) => offering.numberResults.perCall,

    async generate(request, context) {
      const imageUrls = context.references.map((reference) => toDataUri(reference.mimeType, reference.bytes));
      // A synchronous call: no id to resume with; the state only records that it was sent (and may bill).
      context.onAccepted({ synchronousCalls: 1 });
      const result = await call(request, context, request.numberResults, imageUrls);
      if (result.images.length < request.numberResults)
        result.warnings.push(`AI/ML API returned ${result.images.length} of the ${request.numberResults} images asked for.`);
      return result;
    },
  };
}

/** The adapter with the studio's settings. */
export const aimlapiAdapter = createAimlapiAdapter();

function refusal(answer: HttpAnswer): ProviderError {
  const parsed = aimlapiErrorSchema.safeParse(parseJson(answer.text));
  if (!parsed.success) return malformedAnswerError('aimlapi', 'generating the image', `HTTP ${answer.status}, ${describeBody(answer.text)}`, answer.status);
  const message = Array.isArray(parsed.data.message) ? parsed.data.message.join('; ') : parsed.data.message;
  const details = [message, ...(parsed.data.errors ?? []).map((entry) => `${entry.path ?? ''}: ${entry.message ?? ''}`)].join(' | ');
  // AI/ML API's errors carry no code; its statusCode (a string in the docs) is the closest.
  const providerCode = String(parsed.data.statusCode ?? answer.status);
  return providerFailureError({ provider: 'aimlapi', httpStatus: answer.status, codes: [], providerCode, providerMessage: details });
}

function describeBody(text: string): string {
  const preview = text.slice(0, 120).replace(/\s+/g, ' ');
  return preview.length > 0 ? `body ${JSON.stringify(preview)} is not the documented JSON` : 'empty body';
}
