import { z } from 'zod';

/**
 * Runware's REST wire format (docs/PROVIDERS.md "Runware"; seeds 000, 001,
 * 003 "Request Parameters" / "Response Parameters"). Requests are typed
 * interfaces built by the adapter; answers are parsed with zod, loosely
 * (Runware adds fields), but every field the adapter reads is checked.
 */

/** `settings` of an `imageInference` task (seed 000 "Settings"); only the keys set are sent. */
export interface RunwareInferenceSettings {
  /** 0..1, step 0.01. */
  temperature?: number;
  /** 0..1, step 0.01. */
  topP?: number;
  /** 1..50,000 characters. */
  systemPrompt?: string;
  /** Nano Banana 2 only. */
  thinking?: 'MINIMAL' | 'HIGH';
}

/** `providerSettings.google` (seed 000 "Provider Settings"). */
export interface RunwareGoogleSettings {
  /** Pro and 2. */
  webSearch?: boolean;
  /** 2 only. */
  imageSearch?: boolean;
  /** `high` `medium` `low` `none` `off`. */
  safetyTolerance?: string;
}

/** One `imageInference` task as the adapter sends it. */
export interface RunwareInferenceTask {
  taskType: 'imageInference';
  /** UUID v4, new for every task. */
  taskUUID: string;
  /** `google:4@1` / `google:4@2` / `google:4@3`. */
  model: string;
  positivePrompt: string;
  /** px, an exact pair from the model's table (never with `resolution`). */
  width: number;
  height: number;
  seed?: number;
  /** 1..20 images from this task. */
  numberResults: number;
  outputType: 'URL' | 'base64Data' | 'dataURI';
  outputFormat: 'JPG' | 'PNG' | 'WEBP';
  /** Always true: the answer then carries the billed `cost` in USD. */
  includeCost: true;
  deliveryMethod: 'sync' | 'async';
  settings?: RunwareInferenceSettings;
  providerSettings?: { google: RunwareGoogleSettings };
  /** Reference images: Runware image UUIDs (from `imageUpload`) or data URIs. */
  inputs?: { referenceImages: string[] };
}

/** One `imageUpload` task. */
export interface RunwareUploadTask {
  taskType: 'imageUpload';
  taskUUID: string;
  /** A data URI. */
  image: string;
}

/** An entry of Runware's `errors` array. */
const runwareErrorSchema = z
  .object({
    code: z.string(),
    message: z.string().default(''),
    parameter: z.string().optional(),
    taskType: z.string().optional(),
    taskUUID: z.string().optional(),
    documentation: z.string().optional(),
  })
  .loose();
export type RunwareError = z.infer<typeof runwareErrorSchema>;

/** An `imageInference` result item (sync answer, or a `getResponse` item with `status`). */
export const runwareInferenceItemSchema = z
  .object({
    /** `imageInference`; tolerated when absent (the async acknowledgement's exact shape is unconfirmed, docs/PROVIDERS.md). */
    taskType: z.literal('imageInference').optional(),
    taskUUID: z.string(),
    imageUUID: z.string().optional(),
    imageURL: z.string().optional(),
    imageBase64Data: z.string().optional(),
    imageDataURI: z.string().optional(),
    seed: z.number().optional(),
    /** USD, present with `includeCost: true`. */
    cost: z.number().optional(),
    NSFWContent: z.boolean().optional(),
    /** `pending` is the older docs' name for `processing` (docs/PROVIDERS.md, Corrections: Runware). */
    status: z.enum(['processing', 'pending', 'success', 'error']).optional(),
    error: z.object({ code: z.string().optional(), message: z.string().optional() }).loose().optional(),
  })
  .loose();
export type RunwareInferenceItem = z.infer<typeof runwareInferenceItemSchema>;

/** An `imageUpload` result item. */
export const runwareUploadItemSchema = z
  .object({
    taskType: z.literal('imageUpload'),
    taskUUID: z.string(),
    imageUUID: z.string(),
    imageURL: z.string().optional(),
  })
  .loose();

/** Any Runware answer: `data`, `errors`, or both (several tasks in one request). */
export const runwareAnswerSchema = z
  .object({
    data: z.array(z.record(z.string(), z.unknown())).optional(),
    errors: z.array(runwareErrorSchema).optional(),
  })
  .loose();
export type RunwareAnswer = z.infer<typeof runwareAnswerSchema>;

/** The state saved with a generation once its tasks may have been accepted; `resume` polls these taskUUIDs. */
export const runwareTaskStateSchema = z.object({
  deliveryMethod: z.enum(['sync', 'async']),
  tasks: z.array(z.object({ taskUUID: z.string(), numberResults: z.number().int().positive() })).min(1),
});
export type RunwareTaskState = z.infer<typeof runwareTaskStateSchema>;
