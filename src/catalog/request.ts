import { z } from 'zod';
import { ASPECT_RATIOS, MODEL_IDS, OUTPUT_FORMATS, PROVIDER_IDS, RESOLUTIONS, THINKING_LEVELS } from './types.ts';

/**
 * A reference image: an id returned by `POST /api/uploads` (a UUID) or a
 * `data:image/...;base64,` URI (docs/API.md "GenerationRequest").
 */
const referenceImageSchema = z
  .string()
  .min(1)
  .refine((value) => /^data:image\/[a-z0-9.+-]+;base64,/i.test(value) || /^[A-Za-z0-9_-]{8,128}$/.test(value), {
    message: 'must be an upload id from POST /api/uploads or a data:image/...;base64, URI',
  });

/**
 * The image a request edits (docs/API.md "Editing a result"): a stored
 * generation and the 0-based index of one of its images.
 */
const generationParentSchema = z
  .object({
    /** The id of the generation that made the image. */
    generationId: z.string().min(1),
    /** 0-based index into that generation's `images`. */
    imageIndex: z.number().int().min(0),
  })
  .strict();

export type GenerationParent = z.infer<typeof generationParentSchema>;

/** Advanced settings; each is checked against the offering's `advanced` table. */
const advancedSettingsSchema = z
  .object({
    /** Sampling temperature, 0..1 on Runware (seed 000 `settings.temperature`). */
    temperature: z.number().optional(),
    /** Nucleus sampling, 0..1 on Runware (seed 000 `settings.topP`). */
    topP: z.number().optional(),
    /** A system-level instruction (seed 000 `settings.systemPrompt`). */
    systemPrompt: z.string().optional(),
    /** Safety filter tolerance, one of the offering's values (Runware high..off, Runflow 1..6). */
    safetyTolerance: z.string().optional(),
  })
  .strict();

/**
 * The body of `POST /api/generations` and `POST /api/estimate` (docs/API.md
 * "GenerationRequest"). Only `provider`, `model` and `prompt` are required;
 * unknown fields are refused rather than dropped.
 */
export const generationRequestSchema = z
  .object({
    provider: z.enum(PROVIDER_IDS),
    model: z.enum(MODEL_IDS),
    prompt: z.string(),
    resolution: z.enum(RESOLUTIONS).optional(),
    aspectRatio: z.enum(ASPECT_RATIOS).optional(),
    referenceImages: z.array(referenceImageSchema).optional(),
    /** Images to make, within the offering's `numberResults` range. */
    numberResults: z.number().int().optional(),
    /** Seed, an integer within the offering's `seed` range (JSON-safe integers only). */
    seed: z.number().int().optional(),
    thinking: z.enum(THINKING_LEVELS).optional(),
    webSearch: z.boolean().optional(),
    imageSearch: z.boolean().optional(),
    outputFormat: z.enum(OUTPUT_FORMATS).optional(),
    advanced: advancedSettingsSchema.optional(),
    /**
     * Extension: pin the provider's model id (e.g. Runflow `google/nano-banana-2`
     * or `google/nano-banana-2/edit`). Omitted, the studio picks the edit
     * variant when reference images are present.
     */
    providerModelId: z.string().optional(),
    /**
     * The image this request edits. The server sends it as reference image 1
     * (before `referenceImages`, counted against the offering's limit) and
     * stores it as an upload; on `gemini` with the parent's model it continues
     * the parent's conversation.
     */
    parent: generationParentSchema.optional(),
  })
  .strict();

export type GenerationRequest = z.infer<typeof generationRequestSchema>;

/**
 * A request after `validateGenerationRequest`: the size, count, format,
 * reference list and provider model id are filled with the values that will
 * be used (the offering's defaults applied), so the stored request can be
 * replayed exactly.
 */
export interface AcceptedGenerationRequest extends GenerationRequest {
  resolution: (typeof RESOLUTIONS)[number];
  aspectRatio: (typeof ASPECT_RATIOS)[number];
  referenceImages: string[];
  numberResults: number;
  outputFormat: (typeof OUTPUT_FORMATS)[number];
  /** The provider model id that will be called (resolved from the offering and the references). */
  providerModelId: string;
  // `thinking`, `webSearch`, `imageSearch`, `seed` and `advanced` stay exactly as
  // the caller gave them: `undefined` means "not set" (the provider's default),
  // which adapters keep distinct from an explicit `false` (Runware's seed
  // examples send `webSearch: false` in some requests and omit it in others).
}

/** One reason a request was refused; `allowed` lists what the offering accepts for `field`. */
export interface ValidationIssue {
  /** Dotted path of the field at fault: `aspectRatio`, `advanced.temperature`, `referenceImages`. */
  field: string;
  /** A sentence naming the offering and the allowed values. */
  message: string;
  /** The allowed values (strings or numbers), or a `[min, max]` pair for ranges; empty when nothing is allowed. */
  allowed: Array<string | number | boolean>;
}

/** The result of `validateGenerationRequest`. */
export type ValidationResult = { ok: true; request: AcceptedGenerationRequest; offeringId: string } | { ok: false; issues: ValidationIssue[] };
