import type { AcceptedGenerationRequest } from '../../../catalog/request.ts';
import { GEMINI_TOKEN_RATES } from '../../../catalog/offerings.ts';
import type { Offering } from '../../../catalog/types.ts';
import {
  decodeBase64Image,
  inspectProviderImage,
  malformedAnswerError,
  parseJson,
  PROVIDER_NAMES,
  ProviderTransportError,
  sendHttp,
  READ_RETRY,
  SUBMIT_RETRY,
  type HttpAnswer,
  type RetryPolicy,
} from '../http.ts';
import { classifyProviderFailure, providerFailureError } from '../provider-errors.ts';
import {
  ProviderError,
  type ImageProviderAdapter,
  type KeyCheckContext,
  type KeyCheckResult,
  type ProviderCallContext,
  type ProviderImage,
} from '../provider-types.ts';
import {
  GEMINI_REFUSAL_REASONS,
  geminiAnswerSchema,
  geminiErrorSchema,
  geminiModelListSchema,
  type GeminiContent,
  type GeminiGenerateContentBody,
  type GeminiGoogleSearch,
  type GeminiPart,
} from './gemini-wire.ts';
import {
  extendGeminiConversation,
  parseStoredGeminiConversation,
  storeModelTurn,
  storeUserTurn,
  toGeminiHistory,
  type StoredGeminiConversation,
} from './gemini-conversation.ts';

/** How the Gemini adapter calls the API. */
export interface GeminiAdapterSettings {
  /** Per-call timeout in ms (synchronous: the call lasts as long as the image takes). */
  requestTimeoutMs: number;
  /** 429 RESOURCE_EXHAUSTED and 503 UNAVAILABLE are refusals (nothing generated), so they are retried; nothing else is. */
  submitRetry: RetryPolicy;
}

/** The studio's settings: 5 min per synchronous call, the submit retry policy. */
const DEFAULT_GEMINI_SETTINGS: GeminiAdapterSettings = {
  requestTimeoutMs: 300_000,
  submitRetry: SUBMIT_RETRY,
};

/**
 * The `contents` of a request: earlier turns (`history`, e.g. a model answer
 * with its `thoughtSignature`s, sent back unchanged for multi-turn editing),
 * then the user's turn: the prompt, then one `inlineData` part per reference
 * image, in order. Kept separate so that editing can add turns.
 */
function buildContents(options: { prompt: string; references: ProviderCallContext['references']; history?: GeminiContent[] }): GeminiContent[] {
  const parts: GeminiPart[] = [{ text: options.prompt }];
  for (const reference of options.references) parts.push({ inlineData: { mimeType: reference.mimeType, data: reference.bytes.toString('base64') } });
  return [...(options.history ?? []), { role: 'user', parts }];
}

/**
 * The `googleSearch` tool for the request's grounding, or `null` for none:
 * web search only is `{}` (Google's default search type); image search adds
 * `searchTypes` with `imageSearch` (and `webSearch` when both are on).
 */
function buildGoogleSearch(request: Pick<AcceptedGenerationRequest, 'webSearch' | 'imageSearch'>): GeminiGoogleSearch | null {
  if (request.imageSearch === true) return { searchTypes: { ...(request.webSearch === true ? { webSearch: {} } : {}), imageSearch: {} } };
  if (request.webSearch === true) return {};
  return null;
}

/**
 * Map an accepted request to one `generateContent` body (one image).
 *
 * - `contents`: `buildContents` (earlier turns, then the prompt and the reference images).
 * - `generationConfig.responseModalities` `['TEXT','IMAGE']`; `imageConfig`
 *   with `aspectRatio`, and `imageSize` = the resolution (`512` for 0.5K)
 *   except on Gemini 2.5 Flash Image (`nano-banana`), which is 1K only and
 *   takes no `imageSize`.
 * - `thinkingConfig.thinkingLevel` MINIMAL/HIGH when thinking is set.
 * - `tools: [{googleSearch}]` from `buildGoogleSearch` when web or image search is on.
 * - `temperature`, `topP`, `seed` and the system prompt when set (the
 *   catalog offers none of them for Gemini today; mapped for completeness).
 */
export function toGeminiBody(options: {
  request: AcceptedGenerationRequest;
  offering: Offering;
  references: ProviderCallContext['references'];
  /** Earlier turns of a multi-turn edit, sent before the new one (gemini-conversation.ts). */
  history?: GeminiContent[];
}): GeminiGenerateContentBody {
  const { request } = options;
  const imageConfig: GeminiGenerateContentBody['generationConfig']['imageConfig'] = {};
  if (request.aspectRatio !== 'auto') imageConfig.aspectRatio = request.aspectRatio;
  if (request.model !== 'nano-banana') imageConfig.imageSize = request.resolution === '0.5K' ? '512' : request.resolution;
  const body: GeminiGenerateContentBody = {
    contents: buildContents({ prompt: request.prompt, references: options.references, ...(options.history ? { history: options.history } : {}) }),
    generationConfig: { responseModalities: ['TEXT', 'IMAGE'], imageConfig },
  };
  if (request.thinking !== undefined) body.generationConfig.thinkingConfig = { thinkingLevel: request.thinking === 'high' ? 'HIGH' : 'MINIMAL' };
  if (request.advanced?.temperature !== undefined) body.generationConfig.temperature = request.advanced.temperature;
  if (request.advanced?.topP !== undefined) body.generationConfig.topP = request.advanced.topP;
  if (request.seed !== undefined) body.generationConfig.seed = request.seed;
  if (request.advanced?.systemPrompt !== undefined) body.systemInstruction = { parts: [{ text: request.advanced.systemPrompt }] };
  const googleSearch = buildGoogleSearch(request);
  if (googleSearch) body.tools = [{ googleSearch }];
  return body;
}

interface GeminiCallResult {
  images: ProviderImage[];
  texts: string[];
  usage: Record<string, unknown>;
  modelVersion: string | undefined;
}

/**
 * The Google Gemini API adapter (docs/PROVIDERS.md "Google Gemini API (direct)").
 *
 * One `generateContent` call per image (run in parallel), images read from
 * the answer's `inlineData` parts (thought parts skipped), the model's text
 * kept as a warning, and the token counts in `usage`. The API reports
 * tokens, not dollars, so `billedCost` is `null` and `computedCost` is the
 * image tokens times the published rate (`computeGeminiCost`). Synchronous:
 * no resume; only 429/503 and refused connections are retried. `checkKey`
 * lists the key's models (free).
 */
export function createGeminiAdapter(overrides: Partial<GeminiAdapterSettings> = {}): ImageProviderAdapter {
  const settings: GeminiAdapterSettings = { ...DEFAULT_GEMINI_SETTINGS, ...overrides };

  async function call(request: AcceptedGenerationRequest, context: ProviderCallContext, turn: ConversationTurn): Promise<GeminiCallResult> {
    const purpose = 'generating the image';
    let answer: HttpAnswer;
    try {
      answer = await sendHttp({
        provider: 'gemini',
        purpose,
        url: `${context.baseUrl}/v1beta/models/${encodeURIComponent(request.providerModelId)}:generateContent`,
        method: 'POST',
        headers: { 'x-goog-api-key': context.apiKey },
        json: toGeminiBody({ request, offering: context.offering, references: turn.references, history: turn.history }),
        timeoutMs: settings.requestTimeoutMs,
        signal: context.signal,
        retry: settings.submitRetry,
      });
    } catch (error) {
      if (error instanceof ProviderTransportError && error.requestMayHaveArrived && error.kind !== 'cancelled') {
        throw new ProviderError({
          provider: 'gemini',
          message: `${error.message} The Gemini API may have made (and billed) the image, so the request was not sent again.`,
          providerCode: error.providerCode,
          providerMessage: error.providerMessage,
          httpStatus: null,
          retryable: false,
        });
      }
      throw error;
    }
    if (answer.status < 200 || answer.status >= 300) throw refusal(answer);
    const parsed = geminiAnswerSchema.safeParse(parseJson(answer.text));
    if (!parsed.success) throw malformedAnswerError('gemini', purpose, `HTTP ${answer.status}, ${describeBody(answer.text)}`, answer.status);
    const result = parsed.data;
    const candidate = result.candidates?.[0];
    const parts = (candidate?.content?.parts ?? []).filter((part) => part.thought !== true);
    // The whole answer (thought parts and signatures included) is kept so an edit can send it back unchanged.
    const conversation = extendGeminiConversation(
      request.model,
      turn.earlier,
      storeUserTurn(request.prompt, turn.references),
      storeModelTurn(candidate?.content?.parts ?? []),
    );
    const images: ProviderImage[] = [];
    for (const part of parts) {
      if (!part.inlineData) continue;
      const image = await inspectProviderImage('gemini', decodeBase64Image(part.inlineData.data), 'inlineData');
      images.push({ bytes: image.bytes, mimeType: image.mimeType, seed: null, conversation });
    }
    const texts = parts.map((part) => part.text).filter((text): text is string => typeof text === 'string' && text.trim().length > 0);
    if (images.length === 0) {
      const blockReason = result.promptFeedback?.blockReason;
      const finishReason = candidate?.finishReason;
      const reason = blockReason ?? finishReason ?? 'NO_IMAGE';
      const providerMessage = result.promptFeedback?.blockReasonMessage ?? candidate?.finishMessage ?? texts.join(' ');
      const refused = blockReason !== undefined || GEMINI_REFUSAL_REASONS.includes(reason);
      throw new ProviderError({
        provider: 'gemini',
        message: refused
          ? classifyProviderFailure({
              provider: 'gemini',
              httpStatus: 200,
              codes: [reason],
              providerMessage: `${reason}${providerMessage ? `: ${providerMessage}` : ''}`,
              kind: 'refused_prompt',
            }).message
          : `The Gemini API answered without an image (finish reason ${reason})${providerMessage ? `: "${providerMessage.slice(0, 300)}"` : ''}. ` +
            'Try again, or make the prompt ask for an image explicitly.',
        providerCode: reason,
        providerMessage,
        httpStatus: answer.status,
        retryable: !refused,
      });
    }
    return { images, texts, usage: result.usageMetadata ?? {}, modelVersion: result.modelVersion };
  }

  return {
    provider: 'gemini',

    // One image per call (the catalog's perCall, 1): generateImages makes n calls for n images.
    maxImagesPerCall: (offering) => offering.numberResults.perCall,

    async generate(request, context) {
      // A synchronous call: nothing to resume with; the state only records that it was sent (and may bill).
      context.onAccepted({ synchronousCalls: 1 });
      const turn = await prepareConversationTurn(context);
      const result = await call(request, context, turn);
      const warnings: string[] = [];
      const texts = [...new Set(result.texts)];
      if (texts.length > 0) warnings.push(`${PROVIDER_NAMES.gemini} said: ${texts.join(' ').slice(0, 500)}`);
      const computedCost = computeGeminiCost(request.providerModelId, [result.usage], context.references.length);
      return { images: result.images, billedCost: null, warnings, usage: summariseUsage([result]), ...(computedCost ? { computedCost } : {}) };
    },

    // The cost of several calls from their summed tokens (usage.calls: each call's usageMetadata).
    computeCost(request, usage, context) {
      const calls = Array.isArray(usage.calls) ? (usage.calls as Record<string, unknown>[]) : [];
      return computeGeminiCost(request.providerModelId, calls, context.references.length);
    },

    async checkKey(context) {
      return checkGeminiKey(context);
    },
  };
}

/**
 * The cost in USD of finished calls, from the tokens Google reported and the
 * published rate (catalog `GEMINI_TOKEN_RATES`): image output tokens
 * (`candidatesTokensDetails` with modality IMAGE; all candidate tokens when
 * Google gives no breakdown) x the rate, plus, for Pro, $0.0011 per input
 * image per call. Text and thinking tokens are not counted (their rates are
 * not in the documents), and the basis says so. `null` when the model has no
 * known rate (Nano Banana 2 Lite) or no call reported usage.
 */
function computeGeminiCost(providerModelId: string, usages: Record<string, unknown>[], referenceCount: number): { usd: number; basis: string } | null {
  const rate = GEMINI_TOKEN_RATES[providerModelId];
  if (!rate || usages.length === 0) return null;
  let imageTokens = 0;
  let breakdownMissing = false;
  for (const usage of usages) {
    const details = Array.isArray(usage.candidatesTokensDetails)
      ? (usage.candidatesTokensDetails as Array<{ modality?: unknown; tokenCount?: unknown }>)
      : null;
    if (details) {
      for (const detail of details) if (detail.modality === 'IMAGE' && typeof detail.tokenCount === 'number') imageTokens += detail.tokenCount;
    } else if (typeof usage.candidatesTokenCount === 'number') {
      imageTokens += usage.candidatesTokenCount;
      breakdownMissing = true;
    } else return null;
  }
  const inputImages = rate.perInputImageUsd === null ? 0 : referenceCount * usages.length;
  const usd = Math.round(((imageTokens * rate.imageOutputUsdPerMillion) / 1e6 + inputImages * (rate.perInputImageUsd ?? 0)) * 1e8) / 1e8;
  const tokenKind = breakdownMissing ? 'output' : 'image output';
  const tokens = `${imageTokens.toLocaleString('en-US')} ${tokenKind} tokens x $${rate.imageOutputUsdPerMillion} per million`;
  const inputs = inputImages > 0 ? ` + ${inputImages} input image${inputImages === 1 ? '' : 's'} x $${rate.perInputImageUsd}` : '';
  return {
    usd,
    basis:
      `${tokens}${inputs} (Google's rate as quoted by third parties); ` +
      `${breakdownMissing ? 'text tokens included, ' : ''}thinking and prompt tokens not counted.`,
  };
}

/**
 * The Gemini key check: `GET /v1beta/models` (free), paged, with the key in
 * `x-goog-api-key`. Returns the image model ids the key lists (`models/` prefix
 * dropped). Throws `ProviderError` with Google's refusal.
 */
async function checkGeminiKey(context: KeyCheckContext): Promise<KeyCheckResult> {
  const ids: string[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < 20; page += 1) {
    const url = new URL(`${context.baseUrl}/v1beta/models`);
    url.searchParams.set('pageSize', '1000');
    if (pageToken) url.searchParams.set('pageToken', pageToken);
    const answer = await sendHttp({
      provider: 'gemini',
      purpose: 'listing the models of the key',
      url: url.toString(),
      method: 'GET',
      headers: { 'x-goog-api-key': context.apiKey },
      timeoutMs: 30_000,
      signal: context.signal,
      retry: READ_RETRY,
    });
    if (answer.status < 200 || answer.status >= 300) throw refusal(answer, 'listing the models of the key');
    const parsed = geminiModelListSchema.safeParse(parseJson(answer.text));
    if (!parsed.success) {
      throw malformedAnswerError('gemini', 'listing the models of the key', `HTTP ${answer.status}, ${describeBody(answer.text)}`, answer.status);
    }
    for (const model of parsed.data.models ?? []) ids.push(model.name.replace(/^models\//, ''));
    pageToken = parsed.data.nextPageToken;
    if (!pageToken) break;
  }
  const imageModels = ids.filter((id) => /image/i.test(id));
  return {
    method: 'model-list',
    verified: true,
    listedModelIds: imageModels,
    message: `The Gemini API accepted the key and lists ${imageModels.length} image model${imageModels.length === 1 ? '' : 's'} for it.`,
  };
}

/** What one call sends besides the request: the earlier turns of an edit (if any) and the references of the new turn. */
interface ConversationTurn {
  earlier: StoredGeminiConversation | null;
  history: GeminiContent[];
  references: ProviderCallContext['references'];
}

/**
 * A multi-turn edit (the runner passes the parent's stored conversation):
 * the earlier turns with their images loaded, and the new turn's references
 * without reference 1, which is the parent image the model already made.
 * Otherwise a single turn with every reference.
 */
async function prepareConversationTurn(context: ProviderCallContext): Promise<ConversationTurn> {
  const earlier = parseStoredGeminiConversation(context.conversationHistory);
  if (!earlier || !context.loadStoredImage) return { earlier: null, history: [], references: context.references };
  return { earlier, history: await toGeminiHistory(earlier, context.loadStoredImage), references: context.references.slice(1) };
}

/** The adapter with the studio's settings. */
export const geminiAdapter = createGeminiAdapter();

/** Token counts summed over the calls, plus each call's `usageMetadata` as Google sent it. */
function summariseUsage(results: GeminiCallResult[]): Record<string, unknown> {
  const totals: Record<string, number> = {};
  for (const result of results) {
    for (const [key, value] of Object.entries(result.usage)) {
      if (typeof value === 'number') totals[key] = (totals[key] ?? 0) + value;
    }
  }
  return { ...totals, modelVersion: results[0]?.modelVersion ?? null, calls: results.map((result) => result.usage) };
}

function refusal(answer: HttpAnswer, purpose = 'generating the image'): ProviderError {
  const parsed = geminiErrorSchema.safeParse(parseJson(answer.text));
  if (!parsed.success) return malformedAnswerError('gemini', purpose, `HTTP ${answer.status}, ${describeBody(answer.text)}`, answer.status);
  const { message, status, details } = parsed.data.error;
  // `reason` is a string in Google's ErrorInfo; anything else is shown as JSON (numbers and booleans read as before).
  const reasons = (details ?? []).map((detail) =>
    typeof detail.reason === 'string' ? detail.reason : detail.reason == null ? '' : JSON.stringify(detail.reason),
  );
  const codes = [...(status ? [status] : []), ...reasons];
  return providerFailureError({
    provider: 'gemini',
    httpStatus: answer.status,
    codes,
    providerCode: status ?? `http_${answer.status}`,
    providerMessage: message,
  });
}

function describeBody(text: string): string {
  const preview = text.slice(0, 120).replace(/\s+/g, ' ');
  return preview.length > 0 ? `body ${JSON.stringify(preview)} is not the documented JSON` : 'empty body';
}
