import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { probeImage, renderFakeImage } from './fake-image.ts';
import {
  bearerToken,
  FakeFileStore,
  isPlainObject,
  MisbehaviourState,
  parseDataUri,
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
import { findRow, NANO_BANANA_2_SIZES, NANO_BANANA_PRO_SIZES, type FakeSizeRow } from './fake-size-tables.ts';

/**
 * A fake AI/ML API (docs/PROVIDERS.md "AI/ML API"; seed 004):
 * `POST /v1/images/generations`, synchronous, Bearer auth.
 *
 * - `google/nano-banana-2` (alias `google/gemini-3-1-flash-image-preview`):
 *   `model`, `prompt`, `image_urls` (max 5), `aspect_ratio` 1:1|9:16|16:9|3:4|4:3,
 *   `resolution` 1K|2K|4K, `enable_web_search`; nothing else.
 * - `google/nano-banana-pro`: adds `num_images` 1..4 and ten aspect ratios;
 *   no `image_urls` (its edit variant `google/nano-banana-pro-edit`, alias
 *   `google/gemini-3-pro-image-preview-edit`, requires them, up to 14). The
 *   undocumented `google/gemini-3-pro-image-edit` is an unknown model.
 * - Checked against the official OpenAI SDK (`images.generate` with
 *   `baseURL`), which sends these bodies unchanged: aimlapi-sdk.test.ts.
 * - Answers `{"data":[{"mime_type","b64_json":null,"url"}],"meta":{"usage":{"credits_used"}}}`
 *   with real PNGs served from `/files/...`; 2,000,000 credits = $1.
 *
 * Errors: `{"message","path","requestId","statusCode","timestamp"}` (400
 * "Body validation error!", 401, 403 out of credits, 429, 5xx). The fake adds
 * `errors: [{path, message}]` to 400s so a person sees what was wrong (the
 * real field list is unconfirmed).
 */

interface AimlFakeModel {
  id: string;
  sizes: FakeSizeRow[];
  aspectRatios: string[];
  numImages: boolean;
  /** `forbidden`, `optional` or `required`. */
  imageUrls: 'forbidden' | 'optional' | 'required';
  /** Most `image_urls` the model takes (Nano Banana 2: 5; Pro edit: 14). */
  maxImageUrls: number;
  /** Credits per image by resolution. */
  credits: Record<string, number>;
}

// docs/PROVIDERS.md: 178,975 credits ($0.0895) for a 1K Nano Banana 2 image. 2K/4K and Pro figures are the fake's own assumptions.
const NANO_BANANA_2_CREDITS = { '1K': 178_975, '2K': 268_463, '4K': 357_950 };
const NANO_BANANA_PRO_CREDITS = { '1K': 300_000, '2K': 300_000, '4K': 480_000 };
const FIVE_RATIOS = ['1:1', '9:16', '16:9', '3:4', '4:3'];
const TEN_RATIOS = ['1:1', '3:2', '2:3', '4:3', '3:4', '4:5', '5:4', '9:16', '16:9', '21:9'];

const NANO_BANANA_2: AimlFakeModel = {
  id: 'google/nano-banana-2',
  sizes: NANO_BANANA_2_SIZES,
  aspectRatios: FIVE_RATIOS,
  numImages: false,
  imageUrls: 'optional',
  maxImageUrls: 5,
  credits: NANO_BANANA_2_CREDITS,
};
const NANO_BANANA_PRO: AimlFakeModel = {
  id: 'google/nano-banana-pro',
  sizes: NANO_BANANA_PRO_SIZES,
  aspectRatios: TEN_RATIOS,
  numImages: true,
  imageUrls: 'forbidden',
  maxImageUrls: 0,
  credits: NANO_BANANA_PRO_CREDITS,
};
// An older version of the page showed 315,000 credits ($0.1575) for a 1K Pro edit.
const NANO_BANANA_PRO_EDIT: AimlFakeModel = {
  ...NANO_BANANA_PRO,
  id: 'google/nano-banana-pro-edit',
  imageUrls: 'required',
  maxImageUrls: 14,
  credits: { '1K': 315_000, '2K': 315_000, '4K': 480_000 },
};

const AIML_MODELS: Record<string, AimlFakeModel> = {
  'google/nano-banana-2': NANO_BANANA_2,
  'google/gemini-3-1-flash-image-preview': NANO_BANANA_2,
  'google/nano-banana-pro': NANO_BANANA_PRO,
  'google/nano-banana-pro-edit': NANO_BANANA_PRO_EDIT,
  'google/gemini-3-pro-image-preview-edit': NANO_BANANA_PRO_EDIT,
};
const PATH = '/v1/images/generations';

/** Start the fake AI/ML API; `url` is the origin for `AIMLAPI_BASE_URL`. */
export async function startAimlapiFake(options: FakeStartOptions = {}): Promise<FakeProviderServer> {
  const apiKey = options.apiKey ?? `fake-aimlapi-${randomUUID()}`;
  const calls: FakeCall[] = [];
  const state = new MisbehaviourState();
  let origin = '';
  const files = new FakeFileStore(() => origin);

  const handler = async (request: FakeRequest, response: ServerResponse): Promise<FakeAnswer> => {
    if (request.method === 'GET' && request.path.startsWith('/files/')) {
      request.record('image');
      files.serve(request.path, response);
      return { handled: true };
    }
    const isSubmit = request.method === 'POST' && request.path === PATH;
    request.record(isSubmit ? 'submit' : 'other');
    if (!isSubmit) return error(request.path, 404, `Cannot ${request.method} ${request.path}`);
    const token = bearerToken(request.headers);
    if (!token || token !== apiKey || state.is('reject-key')) return error(PATH, 401, 'Unauthorized: invalid or missing API key.');
    if (state.take('rate-limit')) return error(PATH, 429, 'Too Many Requests');
    if (state.take('unavailable')) return error(PATH, 503, 'Service Unavailable');
    if (state.take('server-error')) return error(PATH, 500, 'Internal server error');
    if (state.take('no-credit')) return error(PATH, 403, 'You have run out of credits. Top up your balance at https://aimlapi.com/app/billing to continue.');
    if (state.take('malformed-json')) return { status: 200, text: '{"data":[{"mime_type":"image/png","url":', headers: { 'content-type': 'application/json' } };
    if (request.jsonError !== null || !isPlainObject(request.body))
      return error(PATH, 400, 'Body validation error!', [{ path: 'body', message: 'The body must be a JSON object.' }]);

    const body = request.body;
    const issues: { path: string; message: string }[] = [];
    const fakeModel = typeof body.model === 'string' ? AIML_MODELS[body.model] : undefined;
    if (!fakeModel) {
      issues.push({ path: 'model', message: `model must be one of ${Object.keys(AIML_MODELS).join(', ')}.` });
      return error(PATH, 400, 'Body validation error!', issues);
    }
    const allowedKeys = [
      'model',
      'prompt',
      'aspect_ratio',
      'resolution',
      'enable_web_search',
      ...(fakeModel.numImages ? ['num_images'] : []),
      ...(fakeModel.imageUrls !== 'forbidden' ? ['image_urls'] : []),
    ];
    for (const key of unknownKeys(body, allowedKeys)) issues.push({ path: key, message: `${key} is not accepted by ${fakeModel.id}.` });
    if (typeof body.prompt !== 'string' || body.prompt.length === 0)
      issues.push({ path: 'prompt', message: 'prompt is required and must be a non-empty string.' });
    if ('aspect_ratio' in body && !fakeModel.aspectRatios.includes(body.aspect_ratio as string))
      issues.push({ path: 'aspect_ratio', message: `aspect_ratio must be one of ${fakeModel.aspectRatios.join(', ')}.` });
    if ('resolution' in body && !['1K', '2K', '4K'].includes(body.resolution as string))
      issues.push({ path: 'resolution', message: 'resolution must be one of 1K, 2K, 4K.' });
    if ('enable_web_search' in body && typeof body.enable_web_search !== 'boolean')
      issues.push({ path: 'enable_web_search', message: 'enable_web_search must be a boolean.' });
    if (
      fakeModel.numImages &&
      'num_images' in body &&
      (!Number.isInteger(body.num_images) || (body.num_images as number) < 1 || (body.num_images as number) > 4)
    ) {
      issues.push({ path: 'num_images', message: 'num_images must be an integer from 1 to 4.' });
    }
    const references: Buffer[] = [];
    if (fakeModel.imageUrls === 'required' && !('image_urls' in body))
      issues.push({ path: 'image_urls', message: `image_urls is required by ${fakeModel.id}.` });
    if ('image_urls' in body && fakeModel.imageUrls !== 'forbidden') {
      const urls = body.image_urls;
      if (!Array.isArray(urls) || urls.length === 0 || urls.length > fakeModel.maxImageUrls || urls.some((url) => typeof url !== 'string')) {
        issues.push({ path: 'image_urls', message: `image_urls must hold 1 to ${fakeModel.maxImageUrls} image URLs or base64 images.` });
      } else {
        for (const [index, url] of (urls as string[]).entries()) {
          const decoded = url.startsWith('data:') ? parseDataUri(url)?.bytes : /^[A-Za-z0-9+/=]+$/.test(url) ? Buffer.from(url, 'base64') : undefined;
          if (!decoded || !(await probeImage(decoded)))
            issues.push({ path: `image_urls.${index}`, message: `image_urls[${index}] is not a readable image (the fake cannot fetch remote URLs).` });
          else references.push(decoded);
        }
      }
    }
    if (issues.length > 0) return error(PATH, 400, 'Body validation error!', issues);
    if (state.take('refuse-prompt'))
      return error(PATH, 400, 'The request was rejected by the content moderation system: the prompt violates the usage policy.');

    const resolution = (body.resolution as string | undefined) ?? '1K';
    const size = findRow(fakeModel.sizes, resolution, (body.aspect_ratio as string | undefined) ?? '1:1')!;
    const count = (body.num_images as number | undefined) ?? 1;
    const data: { mime_type: string; b64_json: null; url: string }[] = [];
    for (let index = 0; index < count; index += 1) {
      const bytes = await renderFakeImage({
        provider: `aimlapi ${fakeModel.id}`,
        prompt: body.prompt as string,
        seed: index,
        width: size.width,
        height: size.height,
        format: 'png',
        referenceCount: references.length,
      });
      data.push({ mime_type: 'image/png', b64_json: null, url: files.put(`${randomUUID()}.png`, bytes, 'image/png') });
    }
    const answer = { data, meta: { usage: { credits_used: fakeModel.credits[resolution]! * count } } };
    if (state.take('drop-connection')) return { destroy: true };
    if (state.take('slow')) await slowDown(state.delayMs);
    return { status: 200, json: answer };
  };

  const server = await startFakeHttpServer(handler, calls, options.port ?? 0);
  origin = server.origin;
  return fakeProviderHandle({ server, apiKey, calls, state, files });
}

function error(path: string, status: number, message: string, errors?: { path: string; message: string }[]): FakeAnswer {
  return {
    status,
    json: { message, path, requestId: randomUUID(), statusCode: String(status), timestamp: new Date().toISOString(), ...(errors ? { errors } : {}) },
  };
}
