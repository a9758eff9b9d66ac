import { randomBytes, randomUUID } from 'node:crypto';
import { probeImage, renderFakeImage } from './fake-image.ts';
import {
  isPlainObject,
  MisbehaviourState,
  slowDown,
  fakeProviderHandle,
  startFakeHttpServer,
  unknownKeys,
  type FakeAnswer,
  type FakeCall,
  type FakeProviderServer,
  type FakeRequest,
  type FakeStartOptions,
} from './fake-server.ts';
import { closestRow, findRow, NANO_BANANA_2_SIZES, NANO_BANANA_PRO_SIZES, NANO_BANANA_SIZES, type FakeSizeRow } from './fake-size-tables.ts';

/**
 * A fake Gemini API (docs/PROVIDERS.md "Google Gemini API (direct)"):
 * `POST /v1beta/models/{model}:generateContent` with `x-goog-api-key`.
 *
 * - Strict body: `contents[].parts[]` of `text` / `inlineData`,
 *   `generationConfig.{responseModalities, imageConfig{aspectRatio,imageSize}, thinkingConfig{thinkingLevel}, ...}`,
 *   `tools[{googleSearch:{}}]`; unknown fields are refused as Google does
 *   ("Unknown name ...: Cannot find field.").
 * - Per model: aspect ratios, `imageSize` (none on 2.5 Flash Image),
 *   thinking and Google Search (Gemini 3 models only), reference images
 *   (3 on 2.5 Flash, 14 on the Gemini 3 models).
 * - Answers one image per call as an `inlineData` PNG part, with a text part,
 *   a `thought` part on Gemini 3 models, and `usageMetadata` token counts.
 * - Multi-turn edits: on Gemini 3 models the text and image parts carry a
 *   `thoughtSignature`; an earlier `model` turn sent back must carry exactly
 *   the signatures the fake issued in one answer, in order, or the call is
 *   refused with 400 (`checkThoughtSignatures`).
 *
 * Errors: `{"error":{"code","message","status","details"}}`.
 */

interface GeminiFakeModel {
  id: string;
  sizes: FakeSizeRow[];
  aspectRatios: string[];
  /** `imageSize` values, or `null` where the model takes none (2.5 Flash Image is 1K only). */
  imageSizes: string[] | null;
  thinking: boolean;
  googleSearch: boolean;
  maxReferences: number;
}

const TEN_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'];

const GEMINI_MODELS: Record<string, GeminiFakeModel> = {
  'gemini-2.5-flash-image': { id: 'gemini-2.5-flash-image', sizes: NANO_BANANA_SIZES, aspectRatios: TEN_RATIOS, imageSizes: null, thinking: false, googleSearch: false, maxReferences: 3 },
  'gemini-3-pro-image-preview': { id: 'gemini-3-pro-image-preview', sizes: NANO_BANANA_PRO_SIZES, aspectRatios: TEN_RATIOS, imageSizes: ['1K', '2K', '4K'], thinking: true, googleSearch: true, maxReferences: 14 },
  // 512 on 3.1 Flash is unconfirmed (docs/PROVIDERS.md); the fake accepts it.
  'gemini-3.1-flash-image-preview': {
    id: 'gemini-3.1-flash-image-preview',
    sizes: NANO_BANANA_2_SIZES,
    aspectRatios: [...TEN_RATIOS, '4:1', '1:4', '8:1', '1:8'],
    imageSizes: ['512', '1K', '2K', '4K'],
    thinking: true,
    googleSearch: true,
    maxReferences: 14,
  },
};

const BODY_KEYS = ['contents', 'generationConfig', 'tools', 'toolConfig', 'systemInstruction', 'safetySettings'];
const GENERATION_CONFIG_KEYS = ['responseModalities', 'imageConfig', 'thinkingConfig', 'temperature', 'topP', 'topK', 'seed', 'candidateCount', 'maxOutputTokens'];

/** Start the fake Gemini API; `url` is the origin for `GEMINI_BASE_URL`. */
export async function startGeminiFake(options: FakeStartOptions = {}): Promise<FakeProviderServer> {
  const apiKey = options.apiKey ?? `fake-gemini-${randomUUID()}`;
  const calls: FakeCall[] = [];
  const state = new MisbehaviourState();
  /** The signatures of each answer issued, in order, joined by a space: a model turn sent back must match one exactly. */
  const issuedSignatures = new Set<string>();

  const handler = async (request: FakeRequest): Promise<FakeAnswer> => {
    const match = /^\/v1beta\/models\/([^/:]+):generateContent$/.exec(request.path);
    request.record(match && request.method === 'POST' ? 'submit' : 'other');
    if (!match || request.method !== 'POST') return googleError(404, 'NOT_FOUND', `The requested URL ${request.path} was not found on this server.`);
    const key = request.headers['x-goog-api-key'] ?? request.query.key;
    if (!key) {
      return googleError(403, 'PERMISSION_DENIED', 'Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.');
    }
    if (key !== apiKey || state.is('reject-key')) {
      return googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
      ]);
    }
    const fakeModel = GEMINI_MODELS[match[1]!];
    if (!fakeModel) return googleError(404, 'NOT_FOUND', `models/${match[1]} is not found for API version v1beta, or is not supported for generateContent.`);
    if (state.take('rate-limit')) return googleError(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).');
    if (state.take('unavailable')) return googleError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.');
    if (state.take('server-error')) return googleError(500, 'INTERNAL', 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting');
    if (state.take('no-credit')) {
      return googleError(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details.', [
        { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_paid_tier_input_token_count' }] },
      ]);
    }
    if (state.take('malformed-json')) return { status: 200, text: '{"candidates":[{"content":{"parts":[{"inlineData":', headers: { 'content-type': 'application/json' } };
    if (request.jsonError !== null) return googleError(400, 'INVALID_ARGUMENT', `Invalid JSON payload received. ${request.jsonError}`);
    if (!isPlainObject(request.body)) return googleError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received. Expected an object.');

    const body = request.body;
    const problem = (message: string) => googleError(400, 'INVALID_ARGUMENT', message);
    const unknown = unknownKeys(body, BODY_KEYS);
    if (unknown.length > 0) return problem(`Invalid JSON payload received. Unknown name "${unknown[0]}": Cannot find field.`);
    if (!Array.isArray(body.contents) || body.contents.length === 0) return problem('* GenerateContentRequest.contents: contents is not specified');
    let prompt = '';
    const references: Buffer[] = [];
    for (const [index, content] of body.contents.entries()) {
      if (!isPlainObject(content)) return problem(`Invalid value at 'contents[${index}]': expected an object.`);
      const extra = unknownKeys(content, ['role', 'parts']);
      if (extra.length > 0) return problem(`Invalid JSON payload received. Unknown name "${extra[0]}" at 'contents[${index}]': Cannot find field.`);
      if (content.role !== undefined && content.role !== 'user' && content.role !== 'model') return problem(`Please use a valid role: user, model.`);
      if (!Array.isArray(content.parts) || content.parts.length === 0) return problem(`* GenerateContentRequest.contents[${index}].parts: contents.parts must not be empty.`);
      for (const [partIndex, part] of content.parts.entries()) {
        const where = `contents[${index}].parts[${partIndex}]`;
        if (!isPlainObject(part)) return problem(`Invalid value at '${where}': expected an object.`);
        const partExtra = unknownKeys(part, ['text', 'inlineData', 'thought', 'thoughtSignature']);
        if (partExtra.length > 0) return problem(`Invalid JSON payload received. Unknown name "${partExtra[0]}" at '${where}': Cannot find field.`);
        if ('text' in part) {
          if (typeof part.text !== 'string') return problem(`Invalid value at '${where}.text' (TYPE_STRING)`);
          prompt += part.text;
        } else if ('inlineData' in part) {
          const inline = part.inlineData;
          if (!isPlainObject(inline) || unknownKeys(inline, ['mimeType', 'data']).length > 0 || typeof inline.mimeType !== 'string' || typeof inline.data !== 'string') {
            return problem(`Invalid value at '${where}.inline_data': expected {mimeType, data}.`);
          }
          if (!/^[A-Za-z0-9+/=]*$/.test(inline.data)) return problem(`Invalid value at '${where}.inline_data.data' (TYPE_BYTES), Base64 decoding failed.`);
          const bytes = Buffer.from(inline.data, 'base64');
          const probe = await probeImage(bytes);
          if (!probe || !inline.mimeType.startsWith('image/')) return problem(`Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting`);
          references.push(bytes);
        } else return problem(`* GenerateContentRequest.${where}.data: required oneof field 'data' must have one initialized field`);
      }
    }
    const signatureProblem = checkThoughtSignatures(body.contents, fakeModel, issuedSignatures);
    if (signatureProblem) return problem(signatureProblem);
    if (references.length > fakeModel.maxReferences) return problem(`Too many input images: ${references.length}; ${fakeModel.id} accepts at most ${fakeModel.maxReferences}.`);

    const config = body.generationConfig ?? {};
    if (!isPlainObject(config)) return problem("Invalid value at 'generation_config': expected an object.");
    const configExtra = unknownKeys(config, GENERATION_CONFIG_KEYS);
    if (configExtra.length > 0) return problem(`Invalid JSON payload received. Unknown name "${configExtra[0]}" at 'generation_config': Cannot find field.`);
    const modalities = config.responseModalities ?? ['TEXT'];
    if (!Array.isArray(modalities) || modalities.some((modality) => modality !== 'TEXT' && modality !== 'IMAGE')) {
      return problem(`Invalid value at 'generation_config.response_modalities': must be TEXT or IMAGE.`);
    }
    let aspectRatio: string | undefined;
    let imageSize = '1K';
    if ('imageConfig' in config) {
      const imageConfig = config.imageConfig;
      if (!isPlainObject(imageConfig)) return problem("Invalid value at 'generation_config.image_config'.");
      const imageExtra = unknownKeys(imageConfig, ['aspectRatio', 'imageSize']);
      if (imageExtra.length > 0) return problem(`Invalid JSON payload received. Unknown name "${imageExtra[0]}" at 'generation_config.image_config': Cannot find field.`);
      if ('aspectRatio' in imageConfig) {
        if (!fakeModel.aspectRatios.includes(imageConfig.aspectRatio as string)) return problem(`Unsupported aspect ratio ${JSON.stringify(imageConfig.aspectRatio)} for ${fakeModel.id}; supported: ${fakeModel.aspectRatios.join(', ')}.`);
        aspectRatio = imageConfig.aspectRatio as string;
      }
      if ('imageSize' in imageConfig) {
        if (!fakeModel.imageSizes) return problem(`imageSize is not supported by ${fakeModel.id}.`);
        if (!fakeModel.imageSizes.includes(imageConfig.imageSize as string)) return problem(`Unsupported image size ${JSON.stringify(imageConfig.imageSize)}; supported: ${fakeModel.imageSizes.join(', ')}.`);
        imageSize = imageConfig.imageSize as string;
      }
    }
    if ('thinkingConfig' in config) {
      const thinking = config.thinkingConfig;
      if (!fakeModel.thinking) return problem(`Thinking is not supported by ${fakeModel.id}.`);
      if (!isPlainObject(thinking) || unknownKeys(thinking, ['thinkingLevel', 'includeThoughts']).length > 0 || !['MINIMAL', 'LOW', 'MEDIUM', 'HIGH'].includes(thinking.thinkingLevel as string)) {
        return problem("Invalid value at 'generation_config.thinking_config.thinking_level': must be MINIMAL, LOW, MEDIUM or HIGH.");
      }
    }
    for (const key of ['temperature', 'topP'] as const) {
      if (key in config && (typeof config[key] !== 'number' || (config[key] as number) < 0 || (config[key] as number) > 2)) return problem(`Invalid value at 'generation_config.${key}' (TYPE_FLOAT)`);
    }
    if ('tools' in body) {
      if (!Array.isArray(body.tools)) return problem("Invalid value at 'tools': expected a list.");
      for (const tool of body.tools) {
        if (!isPlainObject(tool) || unknownKeys(tool, ['googleSearch']).length > 0 || !isPlainObject(tool.googleSearch)) return problem('Invalid value at \'tools\': only {"googleSearch":{}} is supported here.');
        if (!fakeModel.googleSearch) return problem(`Search as tool is not enabled for models/${fakeModel.id}`);
      }
    }

    const usageMetadata = {
      promptTokenCount: Math.ceil(prompt.length / 4) + 258 * references.length,
      candidatesTokenCount: imageSize === '4K' ? 2000 : imageSize === '2K' ? 1680 : 1290,
      ...(fakeModel.thinking ? { thoughtsTokenCount: 180 } : {}),
      totalTokenCount: 0,
    };
    usageMetadata.totalTokenCount = usageMetadata.promptTokenCount + usageMetadata.candidatesTokenCount + (usageMetadata.thoughtsTokenCount ?? 0);
    if (state.take('refuse-prompt')) {
      return { status: 200, json: { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata, modelVersion: fakeModel.id, responseId: randomBytes(8).toString('hex') } };
    }
    const parts: Record<string, unknown>[] = [];
    if (fakeModel.thinking) parts.push({ text: 'Planning the composition and lighting.', thought: true });
    const signatures = fakeModel.thinking ? [randomBytes(12).toString('base64'), randomBytes(12).toString('base64')] : [];
    parts.push({ text: 'Here is the image you asked for.', ...(signatures[0] ? { thoughtSignature: signatures[0] } : {}) });
    if (modalities.includes('IMAGE')) {
      const resolution = imageSize === '512' ? '0.5K' : imageSize;
      let size: FakeSizeRow | undefined;
      if (aspectRatio) size = findRow(fakeModel.sizes, resolution, aspectRatio);
      else if (references[0]) {
        const probe = (await probeImage(references[0]))!;
        size = closestRow(fakeModel.sizes, resolution, probe.width, probe.height);
      } else size = findRow(fakeModel.sizes, resolution, '1:1');
      size ??= findRow(fakeModel.sizes, '1K', '1:1')!;
      const bytes = await renderFakeImage({ provider: `gemini ${fakeModel.id}`, prompt, seed: Math.floor(Math.random() * 1e9), width: size.width, height: size.height, format: 'png', referenceCount: references.length });
      parts.push({ inlineData: { mimeType: 'image/png', data: bytes.toString('base64') }, ...(signatures[1] ? { thoughtSignature: signatures[1] } : {}) });
    }
    if (signatures.length > 0) issuedSignatures.add(parts.map((part) => part.thoughtSignature).filter(Boolean).join(' '));
    const answer = {
      candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
      usageMetadata,
      modelVersion: fakeModel.id,
      responseId: randomBytes(8).toString('hex'),
    };
    if (state.take('drop-connection')) return { destroy: true };
    if (state.take('slow')) await slowDown(state.delayMs);
    return { status: 200, json: answer };
  };

  const server = await startFakeHttpServer(handler, calls, options.port ?? 0);
  // `expire-image-urls` changes nothing: Gemini answers inline data, there are no URLs.
  return fakeProviderHandle({ server, apiKey, calls, state });
}

/**
 * On a thinking model every `model` turn sent back must carry the
 * `thoughtSignature`s of one answer this fake issued, unchanged and in order
 * (docs/PROVIDERS.md: signatures must be sent back unchanged in multi-turn
 * editing). Returns Google's style of 400 message, or `null` when all match.
 */
function checkThoughtSignatures(contents: unknown[], model: GeminiFakeModel, issued: Set<string>): string | null {
  for (const [index, content] of contents.entries()) {
    if (!isPlainObject(content) || content.role !== 'model' || !Array.isArray(content.parts)) continue;
    if (!model.thinking) continue;
    const signatures = content.parts.map((part) => (isPlainObject(part) && typeof part.thoughtSignature === 'string' ? part.thoughtSignature : null));
    const imagePart = content.parts.findIndex((part) => isPlainObject(part) && 'inlineData' in part);
    if (imagePart >= 0 && signatures[imagePart] === null) {
      return `Image part is missing a thought_signature in content position ${index + 1}, part position ${imagePart + 1}.`;
    }
    const sent = signatures.filter((signature): signature is string => signature !== null).join(' ');
    if (!issued.has(sent)) return `Corrupted thought signature in content position ${index + 1}: the model turn's thought_signature values were not issued by this model.`;
  }
  return null;
}

function googleError(code: number, status: string, message: string, details: unknown[] = []): FakeAnswer {
  return { status: code, json: { error: { code, message, status, ...(details.length > 0 ? { details } : {}) } } };
}
