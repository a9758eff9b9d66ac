import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ReferenceImageInput } from '../provider-types.ts';
import type { GeminiContent, GeminiPart } from './gemini-wire.ts';

/**
 * Multi-turn image editing on the Gemini API (docs/API.md "Editing a result",
 * docs/PROVIDERS.md: "`thoughtSignature` on parts must be sent back unchanged
 * in multi-turn editing").
 *
 * Each generated image keeps the conversation that made it: the earlier
 * turns, the user's turn (prompt and reference images) and the model's turn
 * exactly as Google returned it (text, `thought` parts, `thoughtSignature`s
 * and any other field), except that image bytes are not kept inline: an
 * `inlineData` part is stored as `storedImage: {sha256, mimeType}`, naming a
 * file in the studio's image store. An edit of that image loads the turns,
 * puts the bytes back, and sends them before its own instruction.
 */

/** An image part's bytes, named by the sha256 of the file the studio stored. */
const storedImageSchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), mimeType: z.string().min(1) }).strict();

/** A stored part: any wire part, with `storedImage` in place of `inlineData`. */
const storedPartSchema = z
  .object({
    text: z.string().optional(),
    thought: z.boolean().optional(),
    thoughtSignature: z.string().optional(),
    storedImage: storedImageSchema.optional(),
  })
  .loose();

/** One stored turn. */
const storedTurnSchema = z.object({ role: z.enum(['user', 'model']), parts: z.array(storedPartSchema) }).strict();

/** What `generation_images.conversation_json` holds for a Gemini image. */
const storedGeminiConversationSchema = z
  .object({
    provider: z.literal('gemini'),
    /** The studio model id (`nano-banana-2`, ...): a conversation continues only on the same model. */
    model: z.string(),
    /** Every turn, oldest first, ending with the model's turn that made the image. */
    turns: z.array(storedTurnSchema).min(2),
  })
  .strict();

/** A Gemini conversation as stored with an image. */
export type StoredGeminiConversation = z.infer<typeof storedGeminiConversationSchema>;
/** One stored turn. */
export type StoredGeminiTurn = z.infer<typeof storedTurnSchema>;
type StoredGeminiPart = z.infer<typeof storedPartSchema>;

/** Reads a file of the studio's image store by sha256 and type; throws when it is gone. */
export type LoadStoredImage = (sha256: string, mimeType: string) => Promise<Buffer>;

/** The stored conversation in `value`, or `null` when it is not a Gemini conversation the studio stored. */
export function parseStoredGeminiConversation(value: unknown): StoredGeminiConversation | null {
  const parsed = storedGeminiConversationSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * The stored turns as `contents` entries ready to send, each `storedImage`
 * replaced by `inlineData` with the file's bytes (base64) and every other
 * field (`thoughtSignature` above all) left exactly as Google sent it.
 * Throws Error naming the missing file when an image is gone.
 */
export async function toGeminiHistory(conversation: StoredGeminiConversation, loadImage: LoadStoredImage): Promise<GeminiContent[]> {
  const contents: GeminiContent[] = [];
  for (const turn of conversation.turns) {
    const parts: GeminiPart[] = [];
    for (const part of turn.parts) {
      const { storedImage, ...rest } = part;
      if (!storedImage) {
        parts.push(rest as GeminiPart);
        continue;
      }
      let bytes: Buffer;
      try {
        bytes = await loadImage(storedImage.sha256, storedImage.mimeType);
      } catch {
        throw new Error(`an image of the earlier conversation (${storedImage.sha256.slice(0, 12)}) is no longer stored, so the edit cannot continue it`);
      }
      parts.push({ ...rest, inlineData: { mimeType: storedImage.mimeType, data: bytes.toString('base64') } });
    }
    contents.push({ role: turn.role, parts });
  }
  return contents;
}

/** The user's turn as stored: the prompt, then each reference image by sha256 (they are uploads, kept by the studio). */
export function storeUserTurn(prompt: string, references: ReferenceImageInput[]): StoredGeminiTurn {
  return {
    role: 'user',
    parts: [{ text: prompt }, ...references.map((reference) => ({ storedImage: { sha256: reference.sha256, mimeType: reference.mimeType } }))],
  };
}

/**
 * The model's turn as stored: the answer's parts unchanged (text, `thought`,
 * `thoughtSignature` and unknown fields), each `inlineData` replaced by
 * `storedImage` with the sha256 of its decoded bytes (the same bytes the
 * runner stores, so the same file).
 */
export function storeModelTurn(parts: Array<Record<string, unknown>>): StoredGeminiTurn {
  return {
    role: 'model',
    parts: parts.map((part): StoredGeminiPart => {
      const { inlineData, ...rest } = part;
      if (!inlineData || typeof inlineData !== 'object') return rest;
      const { mimeType, data } = inlineData as { mimeType: string; data: string };
      const sha256 = createHash('sha256').update(Buffer.from(data, 'base64')).digest('hex');
      return { ...rest, storedImage: { sha256, mimeType } };
    }),
  };
}

/** The conversation to store with an image: the earlier turns, the user's turn and the model's answer. */
export function extendGeminiConversation(
  model: string,
  earlier: StoredGeminiConversation | null,
  userTurn: StoredGeminiTurn,
  modelTurn: StoredGeminiTurn,
): StoredGeminiConversation {
  return { provider: 'gemini', model, turns: [...(earlier?.turns ?? []), userTurn, modelTurn] };
}
