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
 * A fake Gemini API as Google serves it today (docs/PROVIDERS.md "Google
 * Gemini API (direct)" and "Corrections and new facts: Gemini API"; checked
 * against the official @google/genai SDK in gemini-fake-sdk.test.ts):
 *
 * - `POST /v1beta/models/{model}:generateContent` with `x-goog-api-key`, for
 *   the GA ids `gemini-3-pro-image`, `gemini-3.1-flash-image` and
 *   `gemini-3.1-flash-lite-image`. The preview ids were shut down on
 *   25 June 2026 and `gemini-2.5-flash-image` on 2 October 2026: they answer
 *   404 NOT_FOUND like any unknown id (`serveNanoBanana: true` keeps
 *   2.5 Flash Image, for a key that still lists it).
 * - `GET /v1beta/models`: the models the key can use (free).
 * - Strict body: `contents[]` of `user`/`model` turns with `text` /
 *   `inlineData` parts (`thought`, `thoughtSignature` allowed),
 *   `generationConfig.{responseModalities, imageConfig{aspectRatio,imageSize}, thinkingConfig{thinkingLevel,includeThoughts}, ...}`,
 *   `tools[{googleSearch:{searchTypes?:{webSearch?,imageSearch?}}}]`; unknown
 *   fields are refused as Google does ("Unknown name ...: Cannot find field.").
 * - Per model: aspect ratios, `imageSize` (`512` on 3.1 Flash; Lite 1K only;
 *   none on 2.5 Flash), thinking (Gemini 3 models), Google Search (Pro and
 *   3.1 Flash; image search 3.1 Flash only), reference images (3 on 2.5 Flash, 14 otherwise).
 * - Multi-turn: every image part of a `model` turn must carry a
 *   `thoughtSignature` this fake handed out, unchanged (Google refuses
 *   multi-turn image editing without them).
 * - Answers one image per call as an `inlineData` PNG part, with a text part,
 *   a `thought` part on Gemini 3 models, and `usageMetadata` with token counts per modality.
 * - Multi-turn edits: on Gemini 3 models the text and image parts carry a
 *   `thoughtSignature`; an earlier `model` turn sent back must carry exactly
 *   the signatures the fake issued in one answer, in order, or the call is
 *   refused with 400 (`checkThoughtSignatures`).
 *
 * Errors: `{"error":{"code","message","status","details"}}`.
 */

interface GeminiFakeModel {
  id: string;
  displayName: string;
  sizes: FakeSizeRow[];
  aspectRatios: string[];
  /** `imageSize` values, or `null` where the model takes none (2.5 Flash Image is 1K only). */
  imageSizes: string[] | null;
  thinking: boolean;
  googleSearch: boolean;
  imageSearch: boolean;
  maxReferences: number;
  /** Image output tokens per image by `imageSize` (`1K` when none is sent). */
  imageTokens: Record<string, number>;
}

const TEN_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'];

// Token counts: 3.1 Flash from Vertex (747 / 1,120 / 1,680 / 2,520); Pro 1,120 at 1K/2K and 2,000 at 4K and
// 2.5 Flash 1,290 from Google's pricing page; Lite's are unpublished (the fake's own assumption: 3.1 Flash's 1K).
const GEMINI_MODELS: Record<string, GeminiFakeModel> = {
  'gemini-3-pro-image': {
    id: 'gemini-3-pro-image',
    displayName: 'Nano Banana Pro',
    sizes: NANO_BANANA_PRO_SIZES,
    aspectRatios: TEN_RATIOS,
    imageSizes: ['1K', '2K', '4K'],
    thinking: true,
    googleSearch: true,
    imageSearch: false,
    maxReferences: 14,
    imageTokens: { '1K': 1120, '2K': 1120, '4K': 2000 },
  },
  'gemini-3.1-flash-image': {
    id: 'gemini-3.1-flash-image',
    displayName: 'Nano Banana 2',
    sizes: NANO_BANANA_2_SIZES,
    aspectRatios: [...TEN_RATIOS, '4:1', '1:4', '8:1', '1:8'],
    imageSizes: ['512', '1K', '2K', '4K'],
    thinking: true,
    googleSearch: true,
    imageSearch: true,
    maxReferences: 14,
    imageTokens: { '512': 747, '1K': 1120, '2K': 1680, '4K': 2520 },
  },
  // Lite: 1K only, thinking, no Google Search; its reference limit is unpublished (the fake takes 14 like its family).
  'gemini-3.1-flash-lite-image': {
    id: 'gemini-3.1-flash-lite-image',
    displayName: 'Nano Banana 2 Lite',
    sizes: NANO_BANANA_2_SIZES,
    aspectRatios: TEN_RATIOS,
    imageSizes: ['1K'],
    thinking: true,
    googleSearch: false,
    imageSearch: false,
    maxReferences: 14,
    imageTokens: { '1K': 1120 },
  },
};

/** Gemini 2.5 Flash Image: shut down by Google on 2 October 2026; served only with `serveNanoBanana`. */
const NANO_BANANA_MODEL: GeminiFakeModel = {
  id: 'gemini-2.5-flash-image',
  displayName: 'Nano Banana',
  sizes: NANO_BANANA_SIZES,
  aspectRatios: TEN_RATIOS,
  imageSizes: null,
  thinking: false,
  googleSearch: false,
  imageSearch: false,
  maxReferences: 3,
  imageTokens: { '1K': 1290 },
};

/** Models a key lists that are not image models (the list is the key's whole catalogue). */
const OTHER_LISTED_MODELS = ['gemini-3.1-pro', 'gemini-3-flash', 'text-embedding-005'];

/** Options of the fake Gemini API beyond the common ones. */
export interface GeminiFakeOptions extends FakeStartOptions {
  /** Keep serving and listing `gemini-2.5-flash-image`, as for a key Google has not cut off yet. Default false. */
  serveNanoBanana?: boolean;
}

const BODY_KEYS = ['contents', 'generationConfig', 'tools', 'toolConfig', 'systemInstruction', 'safetySettings'];
const GENERATION_CONFIG_KEYS = [
  'responseModalities',
  'imageConfig',
  'thinkingConfig',
  'temperature',
  'topP',
  'topK',
  'seed',
  'candidateCount',
  'maxOutputTokens',
];

/** Start the fake Gemini API; `url` is the origin for `GEMINI_BASE_URL`. */
export async function startGeminiFake(options: GeminiFakeOptions = {}): Promise<FakeProviderServer> {
  const apiKey = options.apiKey ?? `fake-gemini-${randomUUID()}`;
  const calls: FakeCall[] = [];
  const state = new MisbehaviourState();
  const models: Record<string, GeminiFakeModel> = { ...GEMINI_MODELS, ...(options.serveNanoBanana ? { [NANO_BANANA_MODEL.id]: NANO_BANANA_MODEL } : {}) };
  /** The signatures of each answer issued, in order, joined by a space: a model turn sent back must match one exactly. */
  const issuedSignatures = new Set<string>();

  const handler = async (request: FakeRequest): Promise<FakeAnswer> => {
    const match = /^\/v1beta\/models\/([^/:]+):generateContent$/.exec(request.path);
    const isList = request.method === 'GET' && request.path === '/v1beta/models';
    request.record(match && request.method === 'POST' ? 'submit' : 'other');
    if ((!match || request.method !== 'POST') && !isList)
      return googleError(404, 'NOT_FOUND', `The requested URL ${request.path} was not found on this server.`);
    const key = request.headers['x-goog-api-key'] ?? request.query.key;
    if (!key) {
      return googleError(
        403,
        'PERMISSION_DENIED',
        "Method doesn't allow unregistered callers (callers without established identity). " +
          'Please use API Key or other form of API consumer identity to call this API.',
      );
    }
    if (key !== apiKey || state.is('reject-key')) {
      return googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
      ]);
    }
    if (isList) {
      const listed = [
        ...Object.values(models).map((model) => ({
          name: `models/${model.id}`,
          displayName: model.displayName,
          supportedGenerationMethods: ['generateContent', 'countTokens'],
        })),
        ...OTHER_LISTED_MODELS.map((id) => ({ name: `models/${id}`, displayName: id, supportedGenerationMethods: ['generateContent'] })),
      ];
      return { status: 200, json: { models: listed } };
    }
    const fakeModel = models[match![1]!];
    if (!fakeModel) return googleError(404, 'NOT_FOUND', `models/${match![1]} is not found for API version v1beta, or is not supported for generateContent.`);
    if (state.take('rate-limit')) return googleError(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).');
    if (state.take('unavailable')) return googleError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.');
    if (state.take('server-error'))
      return googleError(
        500,
        'INTERNAL',
        'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
      );
    if (state.take('no-credit')) {
      return googleError(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details.', [
        {
          '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
          violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_paid_tier_input_token_count' }],
        },
      ]);
    }
    if (state.take('malformed-json'))
      return { status: 200, text: '{"candidates":[{"content":{"parts":[{"inlineData":', headers: { 'content-type': 'application/json' } };
    if (request.jsonError !== null) return googleError(400, 'INVALID_ARGUMENT', `Invalid JSON payload received. ${request.jsonError}`);
    if (!isPlainObject(request.body)) return googleError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received. Expected an object.');

    const body = request.body;
    const problem = (message: string) => googleError(400, 'INVALID_ARGUMENT', message);
    const unknown = unknownKeys(body, BODY_KEYS);
    if (unknown.length > 0) return problem(`Invalid JSON payload received. Unknown name "${unknown[0]}": Cannot find field.`);
    if (!Array.isArray(body.contents) || body.contents.length === 0) return problem('* GenerateContentRequest.contents: contents is not specified');
    let prompt = '';
    const references: Buffer[] = [];
    /** The last image the model made in an earlier turn (multi-turn editing): the base of this turn's image. */
    let previousImage: Buffer | null = null;
    for (const [index, content] of body.contents.entries()) {
      if (!isPlainObject(content)) return problem(`Invalid value at 'contents[${index}]': expected an object.`);
      const extra = unknownKeys(content, ['role', 'parts']);
      if (extra.length > 0) return problem(`Invalid JSON payload received. Unknown name "${extra[0]}" at 'contents[${index}]': Cannot find field.`);
      if (content.role !== undefined && content.role !== 'user' && content.role !== 'model') return problem(`Please use a valid role: user, model.`);
      if (!Array.isArray(content.parts) || content.parts.length === 0)
        return problem(`* GenerateContentRequest.contents[${index}].parts: contents.parts must not be empty.`);
      for (const [partIndex, part] of content.parts.entries()) {
        const where = `contents[${index}].parts[${partIndex}]`;
        if (!isPlainObject(part)) return problem(`Invalid value at '${where}': expected an object.`);
        const partExtra = unknownKeys(part, ['text', 'inlineData', 'thought', 'thoughtSignature']);
        if (partExtra.length > 0) return problem(`Invalid JSON payload received. Unknown name "${partExtra[0]}" at '${where}': Cannot find field.`);
        const fromModel = content.role === 'model';
        if ('text' in part) {
          if (typeof part.text !== 'string') return problem(`Invalid value at '${where}.text' (TYPE_STRING)`);
          if (!fromModel && part.thought !== true) prompt += (prompt ? ' ' : '') + part.text;
        } else if ('inlineData' in part) {
          const inline = part.inlineData;
          if (
            !isPlainObject(inline) ||
            unknownKeys(inline, ['mimeType', 'data']).length > 0 ||
            typeof inline.mimeType !== 'string' ||
            typeof inline.data !== 'string'
          ) {
            return problem(`Invalid value at '${where}.inline_data': expected {mimeType, data}.`);
          }
          if (!/^[A-Za-z0-9+/=]*$/.test(inline.data)) return problem(`Invalid value at '${where}.inline_data.data' (TYPE_BYTES), Base64 decoding failed.`);
          const bytes = Buffer.from(inline.data, 'base64');
          const probe = await probeImage(bytes);
          if (!probe || !inline.mimeType.startsWith('image/'))
            return problem(`Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting`);
          if (fromModel) previousImage = bytes;
          else references.push(bytes);
        } else return problem(`* GenerateContentRequest.${where}.data: required oneof field 'data' must have one initialized field`);
      }
    }
    const signatureProblem = checkThoughtSignatures(body.contents, fakeModel, issuedSignatures);
    if (signatureProblem) return problem(signatureProblem);
    if (references.length > fakeModel.maxReferences)
      return problem(`Too many input images: ${references.length}; ${fakeModel.id} accepts at most ${fakeModel.maxReferences}.`);

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
      if (imageExtra.length > 0)
        return problem(`Invalid JSON payload received. Unknown name "${imageExtra[0]}" at 'generation_config.image_config': Cannot find field.`);
      if ('aspectRatio' in imageConfig) {
        if (!fakeModel.aspectRatios.includes(imageConfig.aspectRatio as string))
          return problem(
            `Unsupported aspect ratio ${JSON.stringify(imageConfig.aspectRatio)} for ${fakeModel.id}; supported: ${fakeModel.aspectRatios.join(', ')}.`,
          );
        aspectRatio = imageConfig.aspectRatio as string;
      }
      if ('imageSize' in imageConfig) {
        if (!fakeModel.imageSizes) return problem(`imageSize is not supported by ${fakeModel.id}.`);
        if (!fakeModel.imageSizes.includes(imageConfig.imageSize as string))
          return problem(`Unsupported image size ${JSON.stringify(imageConfig.imageSize)}; supported: ${fakeModel.imageSizes.join(', ')}.`);
        imageSize = imageConfig.imageSize as string;
      }
    }
    if ('thinkingConfig' in config) {
      const thinking = config.thinkingConfig;
      if (!fakeModel.thinking) return problem(`Thinking is not supported by ${fakeModel.id}.`);
      if (!isPlainObject(thinking) || unknownKeys(thinking, ['thinkingLevel', 'includeThoughts']).length > 0)
        return problem("Invalid value at 'generation_config.thinking_config'.");
      // Google's cookbook sends {includeThoughts: true} alone to Pro; the level is optional.
      if ('thinkingLevel' in thinking && !['MINIMAL', 'LOW', 'MEDIUM', 'HIGH'].includes(thinking.thinkingLevel as string)) {
        return problem("Invalid value at 'generation_config.thinking_config.thinking_level': must be MINIMAL, LOW, MEDIUM or HIGH.");
      }
      if ('includeThoughts' in thinking && typeof thinking.includeThoughts !== 'boolean')
        return problem("Invalid value at 'generation_config.thinking_config.include_thoughts' (TYPE_BOOL)");
    }
    for (const key of ['temperature', 'topP'] as const) {
      if (key in config && (typeof config[key] !== 'number' || config[key] < 0 || config[key] > 2))
        return problem(`Invalid value at 'generation_config.${key}' (TYPE_FLOAT)`);
    }
    if ('tools' in body) {
      if (!Array.isArray(body.tools)) return problem("Invalid value at 'tools': expected a list.");
      for (const tool of body.tools) {
        if (!isPlainObject(tool) || unknownKeys(tool, ['googleSearch']).length > 0 || !isPlainObject(tool.googleSearch)) {
          return problem('Invalid value at \'tools\': only {"googleSearch":{...}} is supported here.');
        }
        if (!fakeModel.googleSearch) return problem(`Search as tool is not enabled for models/${fakeModel.id}`);
        const search = tool.googleSearch;
        const searchExtra = unknownKeys(search, ['searchTypes']);
        if (searchExtra.length > 0)
          return problem(`Invalid JSON payload received. Unknown name "${searchExtra[0]}" at 'tools[0].google_search': Cannot find field.`);
        if ('searchTypes' in search) {
          const types = search.searchTypes;
          if (
            !isPlainObject(types) ||
            unknownKeys(types, ['webSearch', 'imageSearch']).length > 0 ||
            Object.values(types).some((value) => !isPlainObject(value))
          ) {
            return problem("Invalid value at 'tools[0].google_search.search_types': expected {webSearch?: {}, imageSearch?: {}}.");
          }
          if ('imageSearch' in types && !fakeModel.imageSearch) return problem(`Image search is not supported by models/${fakeModel.id}.`);
        }
      }
    }

    const textTokens = Math.ceil(prompt.length / 4);
    const inputImageTokens = 560 * (references.length + (previousImage ? 1 : 0));
    const imageTokens = fakeModel.imageTokens[imageSize] ?? fakeModel.imageTokens['1K']!;
    const answerTextTokens = 8;
    const usageMetadata = {
      promptTokenCount: textTokens + inputImageTokens,
      candidatesTokenCount: imageTokens + answerTextTokens,
      ...(fakeModel.thinking ? { thoughtsTokenCount: 180 } : {}),
      totalTokenCount: 0,
      promptTokensDetails: [
        { modality: 'TEXT', tokenCount: textTokens },
        ...(inputImageTokens > 0 ? [{ modality: 'IMAGE', tokenCount: inputImageTokens }] : []),
      ],
      candidatesTokensDetails: [
        { modality: 'TEXT', tokenCount: answerTextTokens },
        { modality: 'IMAGE', tokenCount: imageTokens },
      ],
    };
    usageMetadata.totalTokenCount = usageMetadata.promptTokenCount + usageMetadata.candidatesTokenCount + (usageMetadata.thoughtsTokenCount ?? 0);
    if (state.take('refuse-prompt')) {
      return {
        status: 200,
        json: { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata, modelVersion: fakeModel.id, responseId: randomBytes(8).toString('hex') },
      };
    }
    const parts: Record<string, unknown>[] = [];
    if (fakeModel.thinking) parts.push({ text: 'Planning the composition and lighting.', thought: true });
    const signatures = fakeModel.thinking ? [randomBytes(12).toString('base64'), randomBytes(12).toString('base64')] : [];
    parts.push({
      text: previousImage ? 'Here is the edited image.' : 'Here is the image you asked for.',
      ...(signatures[0] ? { thoughtSignature: signatures[0] } : {}),
    });
    if (modalities.includes('IMAGE')) {
      const resolution = imageSize === '512' ? '0.5K' : imageSize;
      let size: FakeSizeRow | undefined;
      if (aspectRatio) size = findRow(fakeModel.sizes, resolution, aspectRatio);
      else if (references[0] ?? previousImage) {
        const probe = (await probeImage((references[0] ?? previousImage)!))!;
        size = closestRow(fakeModel.sizes, resolution, probe.width, probe.height);
      } else size = findRow(fakeModel.sizes, resolution, '1:1');
      size ??= findRow(fakeModel.sizes, '1K', '1:1')!;
      const bytes = await renderFakeImage({
        provider: `gemini ${fakeModel.id}`,
        prompt,
        seed: Math.floor(Math.random() * 1e9),
        width: size.width,
        height: size.height,
        format: 'png',
        referenceCount: references.length,
      });
      parts.push({ inlineData: { mimeType: 'image/png', data: bytes.toString('base64') }, ...(signatures[1] ? { thoughtSignature: signatures[1] } : {}) });
    }
    if (signatures.length > 0)
      issuedSignatures.add(
        parts
          .map((part) => part.thoughtSignature)
          .filter(Boolean)
          .join(' '),
      );
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
    if (!issued.has(sent))
      return `Corrupted thought signature in content position ${index + 1}: the model turn's thought_signature values were not issued by this model.`;
  }
  return null;
}

function googleError(code: number, status: string, message: string, details: unknown[] = []): FakeAnswer {
  return { status: code, json: { error: { code, message, status, ...(details.length > 0 ? { details } : {}) } } };
}
