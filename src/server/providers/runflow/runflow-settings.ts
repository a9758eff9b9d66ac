import type { AcceptedGenerationRequest } from '../../../catalog/request.ts';
import type { Offering } from '../../../catalog/types.ts';
import { SUBMIT_RETRY, type RetryPolicy } from '../http.ts';
import type { RunflowInput } from './runflow-wire.ts';

/** How the Runflow adapter polls and times out. Tests shorten the delays. */
export interface RunflowAdapterSettings {
  /** Per-request timeout (create, poll) in ms. */
  requestTimeoutMs: number;
  /** First poll delay in ms, then x`pollBackoffFactor` up to `pollMaxDelayMs` (the official SDK polls every 2 s). */
  pollInitialDelayMs: number;
  pollBackoffFactor: number;
  pollMaxDelayMs: number;
  /** Give up polling a run after this long, in ms (the SDK gives up after 180 s; 4K runs can take longer). */
  overallTimeoutMs: number;
  downloadTimeoutMs: number;
  submitRetry: RetryPolicy;
  /** How long an uploaded reference's signed URL is reused before it is fetched again (`GET /v1/assets/{id}`), in ms. */
  assetUrlFreshMs: number;
}

/** The studio's settings: 60 s per request; polls at 1 s, x1.5, at most 10 s apart; 10 min per run (the SDK's 180 s is short for 4K). */
export const DEFAULT_RUNFLOW_SETTINGS: RunflowAdapterSettings = {
  requestTimeoutMs: 60_000,
  pollInitialDelayMs: 1_000,
  pollBackoffFactor: 1.5,
  pollMaxDelayMs: 10_000,
  overallTimeoutMs: 10 * 60_000,
  downloadTimeoutMs: 60_000,
  submitRetry: SUBMIT_RETRY,
  // Runflow calls the URL short-lived without saying how long; 10 min leaves room for the run to start.
  assetUrlFreshMs: 10 * 60_000,
};

/**
 * Map an accepted request to one run's `input` (seed 002 "Input schema").
 *
 * - `resolution`, `aspect_ratio` (`auto` included), `num_images` (this
 *   run's share, at most 4) and `output_format` are always sent.
 * - `enable_web_search` only when the request sets it and the offering has
 *   web search; `thinking_level` only when set ("Omit to disable").
 * - `safety_tolerance` from `advanced.safetyTolerance` ("1".."6"), `seed` when set.
 * - `image_urls`: the reference images' https asset URLs (uploaded first),
 *   only for the `/edit` model (the base model is text to image only).
 */
export function toRunflowInput(options: {
  request: AcceptedGenerationRequest;
  offering: Offering;
  numImages: number;
  /** Reference images as https URLs of uploaded assets, in order. */
  imageUrls: string[];
}): RunflowInput {
  const { request, offering } = options;
  const input: RunflowInput = {
    prompt: request.prompt,
    resolution: request.resolution,
    aspect_ratio: request.aspectRatio,
    num_images: options.numImages,
    output_format: request.outputFormat,
  };
  if (request.webSearch !== undefined && offering.grounding.webSearch) input.enable_web_search = request.webSearch;
  if (request.thinking !== undefined) input.thinking_level = request.thinking;
  if (request.advanced?.safetyTolerance !== undefined) input.safety_tolerance = request.advanced.safetyTolerance;
  if (request.seed !== undefined) input.seed = request.seed;
  if (options.imageUrls.length > 0) input.image_urls = options.imageUrls;
  return input;
}
