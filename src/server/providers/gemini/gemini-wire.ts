import { z } from 'zod';

/**
 * The Gemini API's `generateContent` wire format (docs/PROVIDERS.md "Google
 * Gemini API (direct)" and "Corrections and new facts: Gemini API"; the
 * @google/genai SDK's types).
 */

/**
 * A request part: text, or an inline image. Parts of an earlier model turn
 * sent back in a multi-turn edit also carry `thought` and `thoughtSignature`
 * exactly as Google returned them.
 */
export type GeminiPart = ({ text: string } | { inlineData: { mimeType: string; data: string } }) & { thought?: boolean; thoughtSignature?: string };

/** One turn of `contents`: the user's, or (in a multi-turn edit) an earlier model answer. */
export interface GeminiContent {
  role: 'user' | 'model';
  parts: GeminiPart[];
}

/** `tools[].googleSearch`: `{}` is web search; `searchTypes` picks web and/or image search (Gemini 3.1 Flash Image). */
export interface GeminiGoogleSearch {
  searchTypes?: { webSearch?: Record<string, never>; imageSearch?: Record<string, never> };
}

/** The body of `POST /v1beta/models/{model}:generateContent`. */
export interface GeminiGenerateContentBody {
  /** Earlier turns of a multi-turn edit (oldest first), then the user's new turn. */
  contents: GeminiContent[];
  systemInstruction?: { parts: [{ text: string }] };
  generationConfig: {
    responseModalities: ['TEXT', 'IMAGE'];
    imageConfig: {
      /** `W:H`; omitted for `auto`. */
      aspectRatio?: string;
      /** `1K` `2K` `4K` (`512` for 0.5K); omitted for Gemini 2.5 Flash Image, which is 1K only. */
      imageSize?: string;
    };
    thinkingConfig?: { thinkingLevel: 'MINIMAL' | 'HIGH' };
    temperature?: number;
    topP?: number;
    seed?: number;
  };
  tools?: [{ googleSearch: GeminiGoogleSearch }];
}

const answerPartSchema = z
  .object({
    text: z.string().optional(),
    inlineData: z.object({ mimeType: z.string(), data: z.string() }).loose().optional(),
    /** Gemini 3 "thought" parts are the model's reasoning, not its answer. */
    thought: z.boolean().optional(),
    thoughtSignature: z.string().optional(),
  })
  .loose();

/** A `generateContent` answer. */
export const geminiAnswerSchema = z
  .object({
    candidates: z
      .array(
        z
          .object({
            content: z
              .object({ parts: z.array(answerPartSchema).optional() })
              .loose()
              .optional(),
            finishReason: z.string().optional(),
            finishMessage: z.string().optional(),
          })
          .loose(),
      )
      .optional(),
    promptFeedback: z.object({ blockReason: z.string().optional(), blockReasonMessage: z.string().optional() }).loose().optional(),
    usageMetadata: z.record(z.string(), z.unknown()).optional(),
    modelVersion: z.string().optional(),
    responseId: z.string().optional(),
  })
  .loose();

/** `GET /v1beta/models`: the models the key can use (free). */
export const geminiModelListSchema = z
  .object({
    models: z
      .array(z.object({ name: z.string(), displayName: z.string().optional(), supportedGenerationMethods: z.array(z.string()).optional() }).loose())
      .optional(),
    nextPageToken: z.string().optional(),
  })
  .loose();

/** Google's error body. */
export const geminiErrorSchema = z
  .object({
    error: z
      .object({
        code: z.number().optional(),
        message: z.string().default(''),
        status: z.string().optional(),
        details: z.array(z.record(z.string(), z.unknown())).optional(),
      })
      .loose(),
  })
  .loose();

/** Finish and block reasons that mean "refused on safety or policy grounds". */
export const GEMINI_REFUSAL_REASONS = [
  'SAFETY',
  'IMAGE_SAFETY',
  'PROHIBITED_CONTENT',
  'IMAGE_PROHIBITED_CONTENT',
  'BLOCKLIST',
  'SPII',
  'RECITATION',
  'IMAGE_RECITATION',
  'OTHER',
];
