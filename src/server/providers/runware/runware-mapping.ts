import type { AcceptedGenerationRequest } from '../../../catalog/request.ts';
import { resolveOutputSize } from '../../../catalog/sizes.ts';
import type { Offering, OutputFormat } from '../../../catalog/types.ts';
import { ProviderError } from '../provider-types.ts';
import type { RunwareGoogleSettings, RunwareInferenceSettings, RunwareInferenceTask } from './runware-wire.ts';

/** The studio's output formats in Runware's spelling (seed 000 `outputFormat`: JPG PNG WEBP). */
const RUNWARE_OUTPUT_FORMATS: Record<OutputFormat, RunwareInferenceTask['outputFormat']> = {
  jpeg: 'JPG',
  png: 'PNG',
  webp: 'WEBP',
};

/**
 * Map an accepted request to one Runware `imageInference` task.
 *
 * - `width`/`height` come from the catalog's size table (`resolveOutputSize`),
 *   never `resolution` (Runware refuses both together, and the seed examples
 *   send the pair).
 * - `settings` carries only the keys the request sets: `temperature`,
 *   `topP`, `systemPrompt` from `advanced`, and `thinking` (MINIMAL/HIGH).
 * - `providerSettings.google` carries `webSearch` / `imageSearch` exactly as
 *   the request set them, `true` or `false`, and nothing when the request
 *   left them out; the seed examples do all three (the Retro Arcade Poster
 *   sends `imageSearch: false, webSearch: false`, the Neon Food-Truck Poster
 *   neither), so a stored request replays to the same body. A switch the
 *   offering does not have is never sent, even as `false` (the validator
 *   lets `false` through for every offering; Runware would refuse the key on
 *   Nano Banana).
 * - Documented additions to the seed bodies: `numberResults` (always, even
 *   1), `outputType`, `outputFormat`, `includeCost: true`, `deliveryMethod`.
 *
 * @throws ProviderError (`invalid_request`) for `auto` aspect ratio or a size missing from the table (the validator refuses both first).
 */
export function toRunwareInferenceTask(options: {
  request: AcceptedGenerationRequest;
  offering: Offering;
  taskUUID: string;
  numberResults: number;
  /** Reference images as Runware image UUIDs or data URIs, in order. */
  referenceImages: string[];
  outputType: RunwareInferenceTask['outputType'];
  deliveryMethod: RunwareInferenceTask['deliveryMethod'];
}): RunwareInferenceTask {
  const { request, offering } = options;
  let size: { width: number; height: number };
  try {
    size = resolveOutputSize(offering, request.resolution, request.aspectRatio);
  } catch (error) {
    throw new ProviderError({
      provider: 'runware',
      message: `Runware needs an exact size: ${(error as Error).message}`,
      providerCode: 'invalid_request',
      providerMessage: (error as Error).message,
      httpStatus: null,
      retryable: false,
    });
  }

  const task: RunwareInferenceTask = {
    taskType: 'imageInference',
    taskUUID: options.taskUUID,
    model: request.providerModelId,
    positivePrompt: request.prompt,
    width: size.width,
    height: size.height,
    ...(request.seed !== undefined ? { seed: request.seed } : {}),
    numberResults: options.numberResults,
    outputType: options.outputType,
    outputFormat: RUNWARE_OUTPUT_FORMATS[request.outputFormat],
    includeCost: true,
    deliveryMethod: options.deliveryMethod,
  };

  const settings: RunwareInferenceSettings = {};
  const advanced = request.advanced ?? {};
  if (advanced.temperature !== undefined) settings.temperature = advanced.temperature;
  if (advanced.topP !== undefined) settings.topP = advanced.topP;
  if (advanced.systemPrompt !== undefined) settings.systemPrompt = advanced.systemPrompt;
  if (request.thinking !== undefined) settings.thinking = request.thinking === 'high' ? 'HIGH' : 'MINIMAL';
  if (Object.keys(settings).length > 0) task.settings = settings;

  const google: RunwareGoogleSettings = {};
  if (request.webSearch !== undefined && offering.grounding.webSearch) google.webSearch = request.webSearch;
  if (request.imageSearch !== undefined && offering.grounding.imageSearch) google.imageSearch = request.imageSearch;
  if (advanced.safetyTolerance !== undefined) google.safetyTolerance = advanced.safetyTolerance;
  if (Object.keys(google).length > 0) task.providerSettings = { google };

  if (options.referenceImages.length > 0) task.inputs = { referenceImages: options.referenceImages };
  return task;
}
