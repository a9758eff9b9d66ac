import { z } from 'zod';

/** AI/ML API's wire format (seed 004 "API Schema"; docs/PROVIDERS.md "AI/ML API"). */

/** The body of `POST /v1/images/generations`. */
export interface AimlapiGenerationBody {
  /** `google/nano-banana-2`, `google/nano-banana-pro`, `google/nano-banana-pro-edit`. */
  model: string;
  prompt: string;
  /** Reference images as data URIs (max 5). */
  image_urls?: string[];
  aspect_ratio: string;
  /** `1K` `2K` `4K`. */
  resolution: string;
  /** Sent only when the request sets it and the offering has web search. */
  enable_web_search?: boolean;
  /** Pro only (offerings with more than one image per call): 1..4. */
  num_images?: number;
}

/** A success answer. */
export const aimlapiAnswerSchema = z
  .object({
    data: z.array(
      z
        .object({
          mime_type: z.string().nullable().optional(),
          b64_json: z.string().nullable().optional(),
          url: z.string().nullable().optional(),
        })
        .loose(),
    ),
    meta: z
      .object({ usage: z.object({ credits_used: z.number().optional() }).loose().optional() })
      .loose()
      .optional(),
  })
  .loose();

/** An error answer; `statusCode` is a string in the docs' example. */
export const aimlapiErrorSchema = z
  .object({
    message: z.union([z.string(), z.array(z.string())]),
    statusCode: z.union([z.string(), z.number()]).optional(),
    path: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string().optional(), message: z.string().optional() }).loose()).optional(),
  })
  .loose();

/** AI/ML API bills in credits: 2,000,000 credits = $1 (docs/PROVIDERS.md). */
export const AIMLAPI_CREDITS_PER_USD = 2_000_000;
