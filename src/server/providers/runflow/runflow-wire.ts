import { z } from 'zod';

/**
 * Runflow's wire format (seed 002 "Input schema", "Output schema", "Callback
 * payload"; docs/PROVIDERS.md "Runflow").
 */

/** `input` of a run of `google/nano-banana-2` (and `/edit`, and Pro, whose schema is assumed the same). */
export interface RunflowInput {
  /** 3..50,000 characters. */
  prompt: string;
  /** `0.5K` `1K` `2K` `4K`. */
  resolution: string;
  /** `auto` or `W:H`. */
  aspect_ratio: string;
  /** +$0.015/image. Sent only when the request sets it. */
  enable_web_search?: boolean;
  /** `minimal` | `high`; omitted to disable (seed 002). */
  thinking_level?: 'minimal' | 'high';
  /** 1..4 images in this run. */
  num_images: number;
  output_format: 'jpeg' | 'png' | 'webp';
  /** "1" (most strict) .. "6". */
  safety_tolerance?: string;
  seed?: number;
  /** `/edit` models only: the reference images as https URLs of uploaded assets (never `data:` URIs, which edit models refuse). */
  image_urls?: string[];
}

/** The create body. */
export interface RunflowCreateBody {
  input: RunflowInput;
  /** Arbitrary key-value pairs kept with the run (the studio's generation id). */
  metadata?: Record<string, string>;
}

const runflowOutputEntrySchema = z
  .object({ url: z.string(), type: z.string().optional(), width: z.number().optional(), height: z.number().optional() })
  .loose();

/** A run object (create answer and `GET /v1/runs/{id}`); `status` is accepted where `status_code` is missing (one error page example). */
export const runflowRunSchema = z
  .object({
    id: z.string(),
    status_code: z.string().optional(),
    status: z.string().optional(),
    /** USD as a string, e.g. "0.08"; null until the run ends. */
    cost: z.union([z.string(), z.number()]).nullable().optional(),
    output: z
      .object({
        outputs: z.array(runflowOutputEntrySchema).nullable().optional(),
        /** The callback example's shape. */
        image_urls: z.array(z.string()).nullable().optional(),
        seed: z.number().nullable().optional(),
        nsfw_detected: z.boolean().nullable().optional(),
      })
      .loose()
      .nullable()
      .optional(),
    failure_code: z.string().nullable().optional(),
    failure_message: z.string().nullable().optional(),
  })
  .loose()
  .transform((run, context) => {
    const statusCode = run.status_code ?? run.status;
    if (statusCode === undefined) {
      context.addIssue({ code: 'custom', message: 'the run has neither status_code nor status', input: run });
      return z.NEVER;
    }
    return { ...run, status_code: statusCode };
  });
export type RunflowRun = z.infer<typeof runflowRunSchema>;

/** `POST /v1/asset-uploads` body (Runflow's JS SDK, `assets.ts`). */
export interface RunflowAssetUploadBody {
  filename: string;
  mime_type: string;
  size_bytes: number;
}

/** `POST /v1/asset-uploads` answer: where to PUT the bytes. */
export const runflowAssetUploadSchema = z.object({ asset_id: z.string(), upload_url: z.string() }).loose();

/** An asset (confirmation answer and `GET /v1/assets/{id}`): `url` is a short-lived signed https URL. */
export const runflowAssetSchema = z.object({ id: z.string(), url: z.string(), mime_type: z.string().optional(), size_bytes: z.number().optional() }).loose();

/** What the adapter caches per reference image (by sha256) and key: the asset and when its URL was last fetched. */
export const runflowCachedAssetSchema = z.object({ assetId: z.string(), url: z.string(), fetchedAt: z.number() });
export type RunflowCachedAsset = z.infer<typeof runflowCachedAssetSchema>;

/** Runflow's error body. */
export const runflowErrorSchema = z
  .object({
    code: z.string(),
    message: z.string().default(''),
    errors: z
      .array(z.object({ field: z.string().optional(), message: z.string().optional() }).loose())
      .nullable()
      .optional(),
  })
  .loose();

/** Terminal statuses (docs/PROVIDERS.md "Poll"). */
export const RUNFLOW_TERMINAL = ['succeeded', 'failed', 'canceled', 'cancelled', 'partial_succeeded'];

/**
 * The state saved with a generation: one entry per run the request needs
 * (`ceil(n / 4)`). `created` runs are polled by `resume`; `not_started` ones
 * are created then; a `submitting` one was in flight at the restart and its
 * id is unknown, so it cannot be recovered.
 */
export const runflowTaskStateSchema = z.object({
  runs: z.array(
    z.object({
      numImages: z.number().int().positive(),
      status: z.enum(['not_started', 'submitting', 'created']),
      runId: z.string().nullable(),
    }),
  ),
});
export type RunflowTaskState = z.infer<typeof runflowTaskStateSchema>;
