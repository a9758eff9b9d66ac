import { randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { FAKE_IMAGE_MIME, probeImage, renderFakeImage, type FakeImageFormat } from './fake-image.ts';
import {
  bearerToken,
  FakeFileStore,
  isPlainObject,
  MisbehaviourState,
  roundUsd,
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
import { closestRow, findRow, NANO_BANANA_2_SIZES, NANO_BANANA_PRO_SIZES, type FakeSizeRow } from './fake-size-tables.ts';

/**
 * A fake Runflow API (docs/PROVIDERS.md "Runflow" and "Corrections and new
 * facts: Runflow"; seed 002; the upload flow of Runflow's JS SDK, runflow-js `assets.ts`):
 *
 * - `POST /v1/asset-uploads` `{filename, mime_type, size_bytes}` answers
 *   `{asset_id, upload_url}`; `PUT` the bytes to `upload_url` (presigned: an
 *   Authorization header is refused, the type and size must match);
 *   `POST /v1/asset-uploads/{id}/confirmations` `{folder_id}` answers the
 *   asset with a signed https-style `url`; `GET /v1/assets/{id}` answers it again;
 * - `POST /v1/models/{owner}/{model}/runs` with `{input, callback_url?, metadata?}`
 *   answers 201 with the run object (`status_code: "queued"`);
 * - `GET /v1/runs/{id}` reports `running`, then `succeeded` with `cost`
 *   (a string, USD) and `output.outputs[]` (or `output.image_urls`, the
 *   callback's shape, under the `image-urls-shape` misbehaviour);
 * - the input is checked against seed 002's schema: unknown fields, types,
 *   allowed values, prompt length, `image_urls` only on `/edit` models and
 *   required there, and only http(s) URLs: a `data:` URI is refused with 422
 *   as Runflow's edit models refuse the internal asset it becomes;
 * - `status-field` makes run objects carry `status` instead of `status_code`.
 *
 * Errors: `{"code","message","errors"}` (422 carries field details).
 * Runflow publishes no Pro schema and no price for tiers other than 1K; the
 * fake's assumptions are marked below.
 */

interface RunflowFakeModel {
  id: string;
  edit: boolean;
  sizes: FakeSizeRow[];
  resolutions: string[];
  aspectRatios: string[];
  thinking: boolean;
  webSearch: boolean;
  /** USD per image by resolution. */
  prices: Record<string, number>;
}

// Seed 002: $0.08/image at 1K; "Price varies by tier" (0.5K, 2K and 4K prices are the fake's own assumption).
const NANO_BANANA_2_PRICES = { '0.5K': 0.06, '1K': 0.08, '2K': 0.12, '4K': 0.16 };
// docs/PROVIDERS.md: $0.15/image (the 4K price is the fake's own assumption).
const NANO_BANANA_PRO_PRICES = { '1K': 0.15, '2K': 0.15, '4K': 0.3 };
const NANO_BANANA_2_RATIOS = ['auto', '21:9', '16:9', '3:2', '4:3', '5:4', '1:1', '4:5', '3:4', '2:3', '9:16', '4:1', '1:4', '8:1', '1:8'];
const NANO_BANANA_PRO_RATIOS = ['auto', '21:9', '16:9', '3:2', '4:3', '5:4', '1:1', '4:5', '3:4', '2:3', '9:16'];

function model(id: string, edit: boolean): RunflowFakeModel {
  const pro = id.startsWith('google/nano-banana-pro');
  return {
    id,
    edit,
    sizes: pro ? NANO_BANANA_PRO_SIZES : NANO_BANANA_2_SIZES,
    resolutions: pro ? ['1K', '2K', '4K'] : ['0.5K', '1K', '2K', '4K'],
    aspectRatios: pro ? NANO_BANANA_PRO_RATIOS : NANO_BANANA_2_RATIOS,
    // Pro takes enable_web_search (docs.runflow.io nano-banana-pro page); its thinking_level is unpublished, so the fake refuses it.
    thinking: !pro,
    webSearch: true,
    prices: pro ? NANO_BANANA_PRO_PRICES : NANO_BANANA_2_PRICES,
  };
}

const RUNFLOW_MODELS: Record<string, RunflowFakeModel> = {
  'google/nano-banana-2': model('google/nano-banana-2', false),
  'google/nano-banana-2/edit': model('google/nano-banana-2/edit', true),
  'google/nano-banana-pro': model('google/nano-banana-pro', false),
  'google/nano-banana-pro/edit': model('google/nano-banana-pro/edit', true),
};

/** `image_urls` maximum: unpublished (docs/PROVIDERS.md); the fake takes 14, as Google does for these models. */
const MAX_IMAGE_URLS = 14;

/** Runflow's per-file upload limit (runflow-js `assets.ts`). */
const MAX_ASSET_BYTES = 50 * 1024 * 1024;

interface FakeAsset {
  id: string;
  filename: string;
  mimeType: string;
  sizeBytes: number;
  bytes: Buffer | null;
  confirmed: boolean;
  createdAt: string;
}

const INPUT_KEYS = [
  'prompt',
  'resolution',
  'aspect_ratio',
  'enable_web_search',
  'thinking_level',
  'num_images',
  'output_format',
  'safety_tolerance',
  'seed',
  'limit_generations',
  'sync_mode',
  'image_urls',
];
const FILE_EXTENSION: Record<FakeImageFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };

interface FakeRun {
  id: string;
  model: string;
  input: Record<string, unknown>;
  metadata: unknown;
  createdAt: string;
  pollsLeft: number;
  /** Filled when the run ends. */
  final: Record<string, unknown> | null;
  finish: () => Promise<Record<string, unknown>>;
  /** `status_code` (Runflow's SDK reads it) or `status` (under the `status-field` misbehaviour). */
  statusField: 'status_code' | 'status';
}

/** Start the fake Runflow server; `url` is the origin for `RUNFLOW_BASE_URL`. */
export async function startRunflowFake(options: FakeStartOptions = {}): Promise<FakeProviderServer> {
  const apiKey = options.apiKey ?? `fake-runflow-${randomUUID()}`;
  const calls: FakeCall[] = [];
  const state = new MisbehaviourState();
  let origin = '';
  const files = new FakeFileStore(() => origin);
  const runs = new Map<string, FakeRun>();
  const assets = new Map<string, FakeAsset>();

  /** The asset object Runflow answers, with a fresh signed URL to its bytes. */
  function assetObject(asset: FakeAsset): Record<string, unknown> {
    const url = files.put(
      `assets/${asset.id}/${asset.filename}`,
      asset.bytes!,
      asset.mimeType,
      `?X-Amz-Expires=3600&X-Amz-Signature=${randomBytes(8).toString('hex')}`,
    );
    return { id: asset.id, name: asset.filename, url, mime_type: asset.mimeType, size_bytes: asset.sizeBytes, folder_id: null, created_at: asset.createdAt };
  }

  const handler = async (request: FakeRequest, response: ServerResponse): Promise<FakeAnswer> => {
    if (request.method === 'GET' && request.path.startsWith('/files/')) {
      request.record('image');
      files.serve(request.path, response);
      return { handled: true };
    }
    const putMatch = /^\/presigned-uploads\/([^/]+)$/.exec(request.path);
    if (putMatch) {
      // The presigned storage URL: S3 answers XML and refuses a second auth mechanism.
      request.record('upload');
      const asset = assets.get(putMatch[1]!);
      const s3Error = (status: number, code: string, message: string): FakeAnswer => ({
        status,
        text: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
        headers: { 'content-type': 'application/xml' },
      });
      if (request.method !== 'PUT') return s3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
      if (!asset || asset.confirmed) return s3Error(403, 'AccessDenied', 'Request has expired or the signature does not match.');
      if (request.headers.authorization) {
        const message =
          'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, ' +
          'Signature query string parameter or the Authorization header should be specified';
        return s3Error(400, 'InvalidArgument', message);
      }
      const contentType = request.headers['content-type'] ?? '(none)';
      if (contentType !== asset.mimeType)
        return s3Error(403, 'SignatureDoesNotMatch', `The Content-Type ${contentType} does not match the signed ${asset.mimeType}.`);
      const bytes = request.rawBytes;
      if (bytes.length !== asset.sizeBytes) return s3Error(400, 'IncompleteBody', `Expected ${asset.sizeBytes} bytes, received ${bytes.length}.`);
      asset.bytes = bytes;
      return { status: 200, text: '', headers: { etag: `"${randomBytes(8).toString('hex')}"` } };
    }
    const createMatch = /^\/v1\/models\/(.+)\/runs$/.exec(request.path);
    const pollMatch = /^\/v1\/runs\/([^/]+)$/.exec(request.path);
    const uploadStart = request.method === 'POST' && request.path === '/v1/asset-uploads';
    const confirmMatch = /^\/v1\/asset-uploads\/([^/]+)\/confirmations$/.exec(request.path);
    const assetMatch = /^\/v1\/assets\/([^/]+)$/.exec(request.path);
    request.record(
      createMatch && request.method === 'POST' ? 'submit' : pollMatch && request.method === 'GET' ? 'poll' : uploadStart || confirmMatch ? 'upload' : 'other',
    );

    const token = bearerToken(request.headers);
    if (!token || token !== apiKey || state.is('reject-key')) {
      return error(401, 'UNAUTHORIZED', token ? 'Invalid API key.' : 'Missing API key. Send "Authorization: Bearer <key>".');
    }
    if (pollMatch && request.method === 'GET') {
      const run = runs.get(decodeURIComponent(pollMatch[1]!));
      if (!run) return error(404, 'RUN_NOT_FOUND', `Run ${pollMatch[1]} was not found.`);
      return { status: 200, json: await runObject(run, true) };
    }
    if (uploadStart) {
      const body = isPlainObject(request.body) ? request.body : {};
      const fieldErrors: { field: string; message: string }[] = [];
      for (const key of unknownKeys(body, ['filename', 'mime_type', 'size_bytes', 'folder_id']))
        fieldErrors.push({ field: key, message: `Unknown field ${key}.` });
      if (typeof body.filename !== 'string' || body.filename.length === 0) fieldErrors.push({ field: 'filename', message: 'filename is required.' });
      if (typeof body.mime_type !== 'string' || !/^image\/(png|jpeg|webp|gif)$/.test(body.mime_type)) {
        fieldErrors.push({ field: 'mime_type', message: 'mime_type must be an image type.' });
      }
      if (!Number.isInteger(body.size_bytes) || (body.size_bytes as number) < 1 || (body.size_bytes as number) > MAX_ASSET_BYTES) {
        fieldErrors.push({ field: 'size_bytes', message: `size_bytes must be 1 to ${MAX_ASSET_BYTES} (50 MB).` });
      }
      if (fieldErrors.length > 0) return { status: 422, json: { code: 'VALIDATION_ERROR', message: 'Input validation failed.', errors: fieldErrors } };
      const asset: FakeAsset = {
        id: `asset_${randomBytes(8).toString('hex')}`,
        filename: body.filename as string,
        mimeType: body.mime_type as string,
        sizeBytes: body.size_bytes as number,
        bytes: null,
        confirmed: false,
        createdAt: new Date().toISOString(),
      };
      assets.set(asset.id, asset);
      return {
        status: 201,
        json: { asset_id: asset.id, upload_url: `${origin}/presigned-uploads/${asset.id}`, expires_at: new Date(Date.now() + 900_000).toISOString() },
      };
    }
    if (confirmMatch && request.method === 'POST') {
      const asset = assets.get(decodeURIComponent(confirmMatch[1]!));
      if (!asset) return error(404, 'ASSET_NOT_FOUND', `Asset upload ${confirmMatch[1]} was not found.`);
      if (!asset.bytes) return error(409, 'UPLOAD_INCOMPLETE', 'The file was not uploaded to upload_url yet.');
      const body = isPlainObject(request.body) ? request.body : {};
      if (unknownKeys(body, ['folder_id']).length > 0 || (body.folder_id !== undefined && body.folder_id !== null && typeof body.folder_id !== 'string')) {
        const errors = [{ field: 'folder_id', message: 'folder_id must be a string or null.' }];
        return { status: 422, json: { code: 'VALIDATION_ERROR', message: 'Input validation failed.', errors } };
      }
      asset.confirmed = true;
      return { status: 201, json: assetObject(asset) };
    }
    if (assetMatch && request.method === 'GET') {
      const asset = assets.get(decodeURIComponent(assetMatch[1]!));
      if (!asset?.confirmed) return error(404, 'ASSET_NOT_FOUND', `Asset ${assetMatch[1]} was not found.`);
      return { status: 200, json: assetObject(asset) };
    }
    if (!createMatch || request.method !== 'POST') return error(404, 'NOT_FOUND', `${request.method} ${request.path} does not exist.`);

    const fakeModel = RUNFLOW_MODELS[decodeURIComponent(createMatch[1]!)];
    if (!fakeModel) return error(404, 'MODEL_NOT_FOUND', `Model ${createMatch[1]} was not found.`);
    if (state.take('rate-limit')) return error(429, 'RATE_LIMITED', 'Too many requests; retry later.');
    if (state.take('unavailable')) return error(503, 'MODEL_UNAVAILABLE', `${fakeModel.id} is temporarily unavailable.`);
    if (state.take('server-error')) return error(500, 'INTERNAL_ERROR', 'An internal error occurred.');
    if (state.take('no-credit'))
      return error(402, 'INSUFFICIENT_CREDIT', 'Your balance is too low to run this model. Add credit at https://app.runflow.io/billing.');
    if (state.take('malformed-json')) return { status: 201, text: '<html>502 Bad Gateway</html>', headers: { 'content-type': 'text/html' } };
    if (!(request.headers['content-type'] ?? '').startsWith('application/json') || request.jsonError !== null || !isPlainObject(request.body)) {
      return error(400, 'INVALID_JSON', 'The body must be a JSON object.');
    }

    const fieldErrors: { field: string; message: string }[] = [];
    const body = request.body;
    for (const key of unknownKeys(body, ['input', 'callback_url', 'metadata']))
      fieldErrors.push({ field: key, message: `Unknown field ${key}; the body takes input, callback_url and metadata.` });
    if ('callback_url' in body && body.callback_url !== null && typeof body.callback_url !== 'string')
      fieldErrors.push({ field: 'callback_url', message: 'callback_url must be a string or null.' });
    if ('metadata' in body && body.metadata !== null && !isPlainObject(body.metadata))
      fieldErrors.push({ field: 'metadata', message: 'metadata must be an object or null.' });
    const input = body.input;
    const references: Buffer[] = [];
    if (!isPlainObject(input)) fieldErrors.push({ field: 'input', message: 'input is required and must be an object.' });
    else {
      for (const key of unknownKeys(input, INPUT_KEYS)) fieldErrors.push({ field: `input.${key}`, message: `Unknown input field ${key}.` });
      const check = (key: string, ok: boolean, message: string) => {
        if (key in input && !ok) fieldErrors.push({ field: `input.${key}`, message });
      };
      if (typeof input.prompt !== 'string' || input.prompt.length < 3 || input.prompt.length > 50_000) {
        fieldErrors.push({ field: 'input.prompt', message: 'prompt is required: a string of 3 to 50,000 characters.' });
      }
      check('resolution', fakeModel.resolutions.includes(input.resolution as string), `resolution must be one of ${fakeModel.resolutions.join(', ')}.`);
      check('aspect_ratio', fakeModel.aspectRatios.includes(input.aspect_ratio as string), `aspect_ratio must be one of ${fakeModel.aspectRatios.join(', ')}.`);
      check(
        'enable_web_search',
        fakeModel.webSearch && typeof input.enable_web_search === 'boolean',
        fakeModel.webSearch ? 'enable_web_search must be a boolean.' : `enable_web_search is not accepted by ${fakeModel.id}.`,
      );
      check(
        'thinking_level',
        fakeModel.thinking && (input.thinking_level === 'minimal' || input.thinking_level === 'high'),
        fakeModel.thinking ? 'thinking_level must be minimal or high.' : `thinking_level is not accepted by ${fakeModel.id}.`,
      );
      check(
        'num_images',
        Number.isInteger(input.num_images) && (input.num_images as number) >= 1 && (input.num_images as number) <= 4,
        'num_images must be an integer from 1 to 4.',
      );
      check('output_format', ['jpeg', 'png', 'webp'].includes(input.output_format as string), 'output_format must be jpeg, png or webp.');
      check(
        'safety_tolerance',
        typeof input.safety_tolerance === 'string' && /^[1-6]$/.test(input.safety_tolerance),
        'safety_tolerance must be a string from "1" (most strict) to "6".',
      );
      check('seed', Number.isInteger(input.seed) && (input.seed as number) >= 0, 'seed must be a non-negative integer.');
      check('limit_generations', typeof input.limit_generations === 'boolean', 'limit_generations must be a boolean.');
      check('sync_mode', typeof input.sync_mode === 'boolean', 'sync_mode must be a boolean.');
      if (fakeModel.edit) {
        const urls = input.image_urls;
        if (!Array.isArray(urls) || urls.length === 0 || urls.length > MAX_IMAGE_URLS || urls.some((url) => typeof url !== 'string')) {
          fieldErrors.push({ field: 'input.image_urls', message: `image_urls is required by ${fakeModel.id}: 1 to ${MAX_IMAGE_URLS} image URLs.` });
        } else {
          for (const [index, url] of (urls as string[]).entries()) {
            // Runflow rewrites a data: URI into an internal runflow:// asset, which its edit models refuse.
            if (!/^https?:\/\//.test(url)) {
              const internal = `runflow://assets/${randomBytes(6).toString('hex')}`;
              fieldErrors.push({ field: `input.image_urls.${index}`, message: `Invalid media URL ${internal}: media URL must use HTTP(S) or data URI.` });
              continue;
            }
            const bytes = await readImage(url);
            if (!bytes) fieldErrors.push({ field: `input.image_urls.${index}`, message: `image_urls[${index}] could not be downloaded or is not an image.` });
            else references.push(bytes);
          }
        }
      } else if ('image_urls' in input) {
        fieldErrors.push({ field: 'input.image_urls', message: `${fakeModel.id} is text to image only; send image_urls to ${fakeModel.id}/edit.` });
      }
    }
    if (fieldErrors.length > 0) return { status: 422, json: { code: 'VALIDATION_ERROR', message: 'Input validation failed.', errors: fieldErrors } };

    const runInput = input as Record<string, unknown>;
    const refuse = state.take('refuse-prompt');
    const statusField = state.is('status-field') ? 'status' : 'status_code';
    const outputShape = state.is('image-urls-shape') ? 'image_urls' : 'outputs';
    const run: FakeRun = {
      id: `run_${randomBytes(8).toString('hex')}`,
      model: fakeModel.id,
      input: runInput,
      metadata: body.metadata ?? null,
      createdAt: new Date().toISOString(),
      pollsLeft: state.is('processing') ? state.polls : 1,
      statusField,
      final: null,
      finish: async () => {
        if (refuse) {
          return {
            status_code: 'failed',
            cost: '0',
            output: null,
            failure_code: 'CONTENT_POLICY_VIOLATION',
            failure_message: "The prompt was flagged by the provider's content policy.",
            failure_stage_code: 'PROVIDER',
          };
        }
        const resolution = (runInput.resolution as string | undefined) ?? '1K';
        const aspectRatio = (runInput.aspect_ratio as string | undefined) ?? 'auto';
        let size: FakeSizeRow | undefined;
        if (aspectRatio === 'auto') {
          const probe = references[0] ? await probeImage(references[0]) : null;
          size = probe ? closestRow(fakeModel.sizes, resolution, probe.width, probe.height) : findRow(fakeModel.sizes, resolution, '1:1');
        } else size = findRow(fakeModel.sizes, resolution, aspectRatio);
        size ??= findRow(fakeModel.sizes, '1K', '1:1')!;
        const count = (runInput.num_images as number | undefined) ?? 1;
        const format = ((runInput.output_format as string | undefined) ?? 'png') as FakeImageFormat;
        const seed = (runInput.seed as number | undefined) ?? Math.floor(Math.random() * 2 ** 32);
        const outputs: { url: string; type: 'image'; width: number; height: number }[] = [];
        for (let index = 0; index < count; index += 1) {
          const bytes = await renderFakeImage({
            provider: `runflow ${fakeModel.id}`,
            prompt: runInput.prompt as string,
            seed: seed + index,
            width: size.width,
            height: size.height,
            format,
            referenceCount: references.length,
          });
          const url = files.put(
            `${randomUUID()}.${FILE_EXTENSION[format]}`,
            bytes,
            FAKE_IMAGE_MIME[format],
            `?X-Amz-Expires=259200&X-Amz-Signature=${randomBytes(8).toString('hex')}`,
          );
          outputs.push({ url, type: 'image', width: size.width, height: size.height });
        }
        const perImage =
          fakeModel.prices[size.resolution]! + (runInput.enable_web_search === true ? 0.015 : 0) + (runInput.thinking_level === 'high' ? 0.002 : 0);
        const output: Record<string, unknown> = { seed, timing: { inference_ms: 4200 }, nsfw_detected: false, model_data: {} };
        if (outputShape === 'image_urls') output.image_urls = outputs.map((entry) => entry.url);
        else output.outputs = outputs;
        return {
          status_code: 'succeeded',
          cost: String(roundUsd(perImage * count)),
          output,
          duration_ms: 4321,
          failure_code: null,
          failure_message: null,
          failure_stage_code: null,
        };
      },
    };
    runs.set(run.id, run);
    if (state.take('drop-connection')) return { destroy: true };
    if (state.take('slow')) await slowDown(state.delayMs);
    return { status: 201, json: await runObject(run, false) };
  };

  async function runObject(run: FakeRun, advance: boolean): Promise<Record<string, unknown>> {
    const common = { id: run.id, model: run.model, input: run.input, metadata: run.metadata, created_at: run.createdAt };
    if (!run.final && advance) {
      if (run.pollsLeft > 0) run.pollsLeft -= 1;
      else run.final = { ...(await run.finish()), completed_at: new Date().toISOString() };
    }
    if (run.final) return renameStatus({ ...common, ...run.final }, run.statusField);
    const status = advance ? 'running' : 'queued';
    const pending = { status_code: status, cost: null, output: null, duration_ms: null, failure_code: null, failure_message: null, failure_stage_code: null };
    return renameStatus({ ...common, ...pending }, run.statusField);
  }

  async function readImage(value: string): Promise<Buffer | null> {
    let bytes: Buffer | null = null;
    if (value.startsWith(origin)) {
      const answer = await fetch(value).catch(() => null);
      bytes = answer?.ok ? Buffer.from(await answer.arrayBuffer()) : null;
    }
    return bytes && (await probeImage(bytes)) ? bytes : null;
  }

  const server = await startFakeHttpServer(handler, calls, options.port ?? 0);
  origin = server.origin;
  return fakeProviderHandle({ server, apiKey, calls, state, files });
}

/** A run object with its status under `field`. */
function renameStatus(run: Record<string, unknown>, field: 'status_code' | 'status'): Record<string, unknown> {
  if (field === 'status_code') return run;
  const { status_code: status, ...rest } = run;
  return { ...rest, status };
}

function error(status: number, code: string, message: string): FakeAnswer {
  return { status, json: { code, message, errors: null } };
}
