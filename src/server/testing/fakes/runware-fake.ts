import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { FAKE_IMAGE_MIME, probeImage, renderFakeImage, type FakeImageFormat } from './fake-image.ts';
import {
  bearerToken,
  FakeFileStore,
  isPlainObject,
  MisbehaviourState,
  parseDataUri,
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
import { closestRow, NANO_BANANA_2_SIZES, NANO_BANANA_PRO_SIZES, NANO_BANANA_SIZES, type FakeSizeRow } from './fake-size-tables.ts';

/**
 * A fake Runware REST API (`POST <origin>/v1`, docs/PROVIDERS.md "Runware"),
 * as strict as the real one for the three Google models:
 *
 * - Bearer auth; the body must be a JSON array of tasks with UUID v4 `taskUUID`s.
 * - `imageInference` for `google:4@1` / `google:4@2` / `google:4@3`, checked
 *   against each model page (seeds 003 / 001 / 000): allowed top-level keys,
 *   `settings.*` and `providerSettings.google.*` per model (a field in the
 *   wrong place is an unknown parameter), types and ranges, `width`x`height`
 *   from the model's table, `resolution` never with `width`/`height`, prompt
 *   length, reference count.
 * - Sync and async delivery (`getResponse` polling), `imageUpload`.
 * - Real images of the requested size served from `/files/...` (URL output),
 *   or base64 / data URI.
 * - `cost` per image only with `includeCost: true`, from the seed prices.
 *
 * Errors use Runware's shape `{"errors":[{code,message,parameter,taskType,taskUUID}]}`.
 * Error codes beyond `invalidApiKey` are not published per case; the fake's
 * codes are its own choice (marked unconfirmed where it matters).
 */

/** What the fake knows about one Runware model. */
interface RunwareFakeModel {
  id: string;
  name: string;
  sizes: FakeSizeRow[];
  /** Values of the `resolution` parameter, or `null` where the page lists no such parameter (Nano Banana). */
  resolutions: string[] | null;
  promptLength: { min: number; max: number };
  /** Reference images per task. */
  references: { min: number; max: number };
  settingsKeys: string[];
  googleKeys: string[];
  /** Whether the page lists `seed` (seed 003, Nano Banana, does not). */
  acceptsSeed: boolean;
  /** USD per image by resolution tier. */
  prices: Record<string, number>;
  /** USD per reference image per generated image. */
  perReference: number;
}

/**
 * The three models. Sources: seed 000 (Nano Banana 2), 001 (Nano Banana Pro),
 * 003 (Nano Banana). Reference limits for Pro and 2 are unconfirmed
 * (PROVIDERS.md: third-party material says 14); Nano Banana's 1..8 is seed 003.
 */
const RUNWARE_MODELS: Record<string, RunwareFakeModel> = {
  'google:4@3': {
    id: 'google:4@3',
    name: 'Nano Banana 2',
    sizes: NANO_BANANA_2_SIZES,
    resolutions: ['0.5K', '1K', '2K', '4K'],
    promptLength: { min: 3, max: 45_000 },
    references: { min: 1, max: 14 },
    settingsKeys: ['systemPrompt', 'temperature', 'topP', 'thinking'],
    googleKeys: ['imageSearch', 'safetyTolerance', 'webSearch'],
    acceptsSeed: true,
    // Seed 000 "Pricing": 512x512 $0.04657, 1K $0.06895, 2K $0.10255, 4K $0.15295, +$0.00028 per input image.
    // Grounded search is billed as the examples show (the "Grounded Travel Poster" with webSearch was $0.06895): no surcharge.
    prices: { '0.5K': 0.04657, '1K': 0.06895, '2K': 0.10255, '4K': 0.15295 },
    perReference: 0.00028,
  },
  'google:4@2': {
    id: 'google:4@2',
    name: 'Nano Banana Pro',
    sizes: NANO_BANANA_PRO_SIZES,
    resolutions: ['1K', '2K', '4K'],
    promptLength: { min: 3, max: 45_000 },
    references: { min: 1, max: 14 },
    settingsKeys: ['systemPrompt', 'temperature', 'topP'],
    googleKeys: ['safetyTolerance', 'webSearch'],
    acceptsSeed: true,
    // Seed 001 "Pricing": 1K/2K $0.138, 4K $0.244. The four-reference example was billed $0.1424: $0.0011 per input image.
    prices: { '1K': 0.138, '2K': 0.138, '4K': 0.244 },
    perReference: 0.0011,
  },
  'google:4@1': {
    id: 'google:4@1',
    name: 'Nano Banana',
    sizes: NANO_BANANA_SIZES,
    resolutions: null,
    promptLength: { min: 2, max: 3000 },
    references: { min: 1, max: 8 },
    settingsKeys: [],
    googleKeys: ['safetyTolerance'],
    acceptsSeed: false,
    // Seed 003: every example, with or without three references, was billed $0.039.
    prices: { '1K': 0.039 },
    perReference: 0,
  },
};

const INFERENCE_KEYS = [
  'taskType',
  'taskUUID',
  'model',
  'positivePrompt',
  'width',
  'height',
  'resolution',
  'seed',
  'numberResults',
  'outputType',
  'outputFormat',
  'outputQuality',
  'includeCost',
  'deliveryMethod',
  'ttl',
  'settings',
  'providerSettings',
  'inputs',
  'webhookURL',
  'uploadEndpoint',
  'safety',
];
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const OUTPUT_FORMATS: Record<string, FakeImageFormat> = { JPG: 'jpeg', JPEG: 'jpeg', PNG: 'png', WEBP: 'webp' };
const FILE_EXTENSION: Record<FakeImageFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };
const SAFETY_TOLERANCES = ['high', 'medium', 'low', 'none', 'off'];

/** One Runware error object. */
interface RunwareError {
  code: string;
  message: string;
  parameter?: string;
  taskType?: string;
  taskUUID?: string;
  documentation?: string;
}

/** A result item as Runware returns it. */
type RunwareItem = Record<string, unknown>;

/** An accepted inference task, kept for `getResponse`. */
interface AcceptedTask {
  taskUUID: string;
  numberResults: number;
  /** Polls left before the items appear (`processing` misbehaviour). */
  pollsLeft: number;
  items: RunwareItem[];
  /** Whether every image has been made. */
  rendered: boolean;
  error: RunwareError | null;
}

/** Start the fake Runware server; `url` is the base URL for `RUNWARE_BASE_URL`. */
export async function startRunwareFake(options: FakeStartOptions = {}): Promise<FakeProviderServer> {
  const apiKey = options.apiKey ?? `fake-runware-${randomUUID()}`;
  const calls: FakeCall[] = [];
  const state = new MisbehaviourState();
  let origin = '';
  const files = new FakeFileStore(() => origin);
  const tasks = new Map<string, AcceptedTask>();
  const uploads = new Map<string, Buffer>();

  const handler = async (request: FakeRequest, response: ServerResponse): Promise<FakeAnswer> => {
    if (request.method === 'GET' && request.path.startsWith('/files/')) {
      request.record('image');
      files.serve(request.path, response);
      return { handled: true };
    }
    const taskTypes = Array.isArray(request.body) ? request.body.map((task) => (isPlainObject(task) ? task.taskType : undefined)) : [];
    const isSubmit = taskTypes.includes('imageInference');
    request.record(isSubmit ? 'submit' : taskTypes.includes('getResponse') ? 'poll' : taskTypes.includes('imageUpload') ? 'upload' : 'other');

    if (request.path !== '/v1' || request.method !== 'POST') {
      return errorAnswer(404, [{ code: 'notFound', message: `${request.method} ${request.path} does not exist; send tasks with POST /v1.` }]);
    }
    const token = bearerToken(request.headers);
    if (!token) {
      return errorAnswer(401, [
        { code: 'missingApiKey', message: 'Missing API key. Send it as "Authorization: Bearer <key>".', parameter: 'apiKey', taskType: 'authentication' },
      ]);
    }
    if (token !== apiKey || state.is('reject-key')) {
      return errorAnswer(401, [
        { code: 'invalidApiKey', message: 'Invalid API key. Get one at https://my.runware.ai/signup', parameter: 'apiKey', taskType: 'authentication' },
      ]);
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return errorAnswer(400, [{ code: 'invalidContentType', message: 'Content-Type must be application/json.' }]);
    }
    if (request.jsonError !== null || !Array.isArray(request.body)) {
      return errorAnswer(400, [
        {
          code: 'invalidRequestBody',
          message: request.jsonError ? `The body is not valid JSON: ${request.jsonError}` : 'The body must be a JSON array of task objects.',
        },
      ]);
    }
    if (request.body.length === 0) return errorAnswer(400, [{ code: 'invalidRequestBody', message: 'The task array is empty.' }]);

    if (isSubmit) {
      if (state.take('rate-limit')) return errorAnswer(429, [{ code: 'tooManyRequests', message: 'Too many requests; slow down and retry.' }]);
      if (state.take('unavailable')) return errorAnswer(503, [{ code: 'serviceUnavailable', message: 'The service is temporarily unavailable; retry later.' }]);
      if (state.take('server-error')) return errorAnswer(500, [{ code: 'internalServerError', message: 'An unexpected error occurred.' }]);
      if (state.take('no-credit')) {
        return errorAnswer(402, [
          { code: 'insufficientCredits', message: 'Insufficient credits to run this task. Top up at https://my.runware.ai/wallet', taskType: 'imageInference' },
        ]);
      }
      if (state.take('malformed-json'))
        return { status: 200, text: '{"data":[{"taskType":"imageInference","taskUUID":', headers: { 'content-type': 'application/json' } };
    }
    // `slow`: the tasks are accepted at once, the answer comes late (a long generation).
    const slow = isSubmit && state.take('slow');

    const data: RunwareItem[] = [];
    const errors: RunwareError[] = [];
    const seenInBody = new Set<string>();
    let dropAfter = false;
    for (const task of request.body) {
      if (!isPlainObject(task)) {
        errors.push({ code: 'invalidRequestBody', message: 'Every task must be a JSON object.' });
        continue;
      }
      const taskUUID = typeof task.taskUUID === 'string' ? task.taskUUID : undefined;
      if (!taskUUID || !UUID_V4.test(taskUUID)) {
        errors.push({ code: 'invalidTaskUUID', message: 'taskUUID must be a UUID v4 string.', parameter: 'taskUUID', taskType: String(task.taskType) });
        continue;
      }
      if (task.taskType === 'imageInference') {
        if (seenInBody.has(taskUUID) || tasks.has(taskUUID)) {
          errors.push({
            code: 'duplicateTaskUUID',
            message: `taskUUID ${taskUUID} was already used; every task needs a new UUID v4.`,
            parameter: 'taskUUID',
            taskType: 'imageInference',
            taskUUID,
          });
          continue;
        }
        seenInBody.add(taskUUID);
        const result = await runInference(task, taskUUID);
        if ('error' in result) {
          errors.push(...result.error);
          continue;
        }
        if (state.take('drop-connection')) dropAfter = true;
        if (task.deliveryMethod === 'async') {
          data.push({ taskType: 'imageInference', taskUUID });
        } else {
          const accepted = tasks.get(taskUUID)!;
          if (accepted.error) errors.push(accepted.error);
          else data.push(...accepted.items);
        }
      } else if (task.taskType === 'getResponse') {
        const extra = unknownKeys(task, ['taskType', 'taskUUID']);
        if (extra.length > 0) {
          errors.push({
            code: 'unsupportedParameter',
            message: `getResponse takes only taskType and taskUUID, not ${extra.join(', ')}.`,
            parameter: extra[0]!,
            taskType: 'getResponse',
            taskUUID,
          });
          continue;
        }
        const accepted = tasks.get(taskUUID);
        if (!accepted) {
          errors.push({
            code: 'taskNotFound',
            message: `No task with taskUUID ${taskUUID} was found.`,
            parameter: 'taskUUID',
            taskType: 'getResponse',
            taskUUID,
          });
          continue;
        }
        if (accepted.pollsLeft > 0 || !accepted.rendered) {
          if (accepted.pollsLeft > 0) accepted.pollsLeft -= 1;
          data.push({ taskType: 'imageInference', taskUUID, status: 'processing' });
          continue;
        }
        if (accepted.error) {
          data.push({ taskType: 'imageInference', taskUUID, status: 'error', error: { code: accepted.error.code, message: accepted.error.message } });
          errors.push(accepted.error);
          continue;
        }
        data.push(...accepted.items.map((item) => ({ ...item, status: 'success' })));
      } else if (task.taskType === 'imageUpload') {
        const upload = await runUpload(task, taskUUID);
        if ('error' in upload) errors.push(upload.error);
        else data.push(upload.item);
      } else {
        errors.push({
          code: 'unsupportedTaskType',
          message: `taskType ${JSON.stringify(task.taskType)} is not supported by this API.`,
          parameter: 'taskType',
          taskUUID,
        });
      }
    }
    if (slow) await slowDown(state.delayMs);
    if (dropAfter) return { destroy: true };
    if (data.length === 0 && errors.length > 0) return errorAnswer(statusForErrors(errors), errors);
    return { status: 200, json: errors.length > 0 ? { data, errors } : { data } };
  };

  async function runUpload(task: Record<string, unknown>, taskUUID: string): Promise<{ item: RunwareItem } | { error: RunwareError }> {
    const extra = unknownKeys(task, ['taskType', 'taskUUID', 'image']);
    if (extra.length > 0) {
      return {
        error: {
          code: 'unsupportedParameter',
          message: `imageUpload does not take ${extra.join(', ')}.`,
          parameter: extra[0]!,
          taskType: 'imageUpload',
          taskUUID,
        },
      };
    }
    if (typeof task.image !== 'string') {
      return {
        error: { code: 'missingImage', message: 'image must be a URL, a data URI or base64 data.', parameter: 'image', taskType: 'imageUpload', taskUUID },
      };
    }
    const bytes = await decodeImageString(task.image);
    if (!bytes)
      return { error: { code: 'invalidImage', message: 'image could not be read as an image.', parameter: 'image', taskType: 'imageUpload', taskUUID } };
    const imageUUID = randomUUID();
    uploads.set(imageUUID, bytes);
    const imageURL = files.put(`${imageUUID}.png`, bytes, 'image/png');
    return { item: { taskType: 'imageUpload', taskUUID, imageUUID, imageURL } };
  }

  async function decodeImageString(value: string): Promise<Buffer | null> {
    let bytes: Buffer | null = null;
    if (UUID_V4.test(value)) bytes = uploads.get(value) ?? null;
    else if (value.startsWith('data:')) bytes = parseDataUri(value)?.bytes ?? null;
    else if (/^https?:\/\//.test(value)) {
      // The fake has no internet: it can fetch only what it serves itself.
      if (!value.startsWith(origin)) return null;
      const answer = await fetch(value).catch(() => null);
      bytes = answer?.ok ? Buffer.from(await answer.arrayBuffer()) : null;
    } else if (/^[A-Za-z0-9+/=\s]+$/.test(value)) bytes = Buffer.from(value, 'base64');
    if (!bytes || !(await probeImage(bytes))) return null;
    return bytes;
  }

  async function runInference(task: Record<string, unknown>, taskUUID: string): Promise<{ ok: true } | { error: RunwareError[] }> {
    const problems: RunwareError[] = [];
    const fail = (code: string, parameter: string, message: string): void => {
      problems.push({ code, message, parameter, taskType: 'imageInference', taskUUID, documentation: 'https://runware.ai/docs/image-inference/api-reference' });
    };
    for (const key of unknownKeys(task, INFERENCE_KEYS)) {
      const hint =
        key === 'thinking' || key === 'temperature' || key === 'topP' || key === 'systemPrompt'
          ? ` It belongs in settings.${key}.`
          : key === 'webSearch' || key === 'imageSearch' || key === 'safetyTolerance'
            ? ` It belongs in providerSettings.google.${key}.`
            : key === 'referenceImages'
              ? ' It belongs in inputs.referenceImages.'
              : '';
      fail('unsupportedParameter', key, `Parameter ${key} is not supported by imageInference.${hint}`);
    }
    const model = typeof task.model === 'string' ? RUNWARE_MODELS[task.model] : undefined;
    if (!model) {
      fail('invalidModel', 'model', `model must be one of ${Object.keys(RUNWARE_MODELS).join(', ')}; got ${JSON.stringify(task.model)}.`);
      return { error: problems };
    }
    const prompt = task.positivePrompt;
    if (typeof prompt !== 'string') fail('invalidPositivePrompt', 'positivePrompt', 'positivePrompt is required and must be a string.');
    else if (prompt.length < model.promptLength.min || prompt.length > model.promptLength.max) {
      fail(
        'invalidPositivePrompt',
        'positivePrompt',
        `positivePrompt must be ${model.promptLength.min} to ${model.promptLength.max} characters for ${model.id}; got ${prompt.length}.`,
      );
    }
    checkEnum(task, 'outputType', ['URL', 'base64Data', 'dataURI'], fail);
    checkEnum(
      task,
      'outputFormat',
      Object.keys(OUTPUT_FORMATS).filter((format) => format !== 'JPEG'),
      fail,
    );
    checkEnum(task, 'deliveryMethod', ['sync', 'async'], fail);
    checkInteger(task, 'outputQuality', 20, 99, fail);
    checkInteger(task, 'numberResults', 1, 20, fail);
    checkInteger(task, 'ttl', 60, Number.MAX_SAFE_INTEGER, fail);
    if ('seed' in task && !model.acceptsSeed) fail('unsupportedParameter', 'seed', `seed is not supported by ${model.id} (${model.name}).`);
    else checkInteger(task, 'seed', 0, Number.MAX_SAFE_INTEGER, fail);
    if ('includeCost' in task && typeof task.includeCost !== 'boolean') fail('invalidIncludeCost', 'includeCost', 'includeCost must be a boolean.');
    if ('webhookURL' in task) fail('invalidWebhookURL', 'webhookURL', 'The fake cannot deliver webhooks; poll with getResponse instead.');
    if ('uploadEndpoint' in task) fail('invalidUploadEndpoint', 'uploadEndpoint', 'The fake cannot upload results; read them from the response.');
    if ('safety' in task) {
      const safety = task.safety;
      if (!isPlainObject(safety) || unknownKeys(safety, ['checkContent', 'mode']).length > 0)
        fail('invalidSafety', 'safety', 'safety takes only checkContent (boolean) and mode (none|fast).');
    }

    // settings.*: only the keys the model page lists (Nano Banana lists none).
    if ('settings' in task) {
      const settings = task.settings;
      if (!isPlainObject(settings)) fail('invalidSettings', 'settings', 'settings must be an object.');
      else {
        for (const key of unknownKeys(settings, model.settingsKeys)) {
          fail(
            'unsupportedParameter',
            `settings.${key}`,
            `settings.${key} is not supported by ${model.id} (${model.name}); ` +
              `it takes ${model.settingsKeys.length > 0 ? model.settingsKeys.join(', ') : 'no settings'}.`,
          );
        }
        for (const key of ['temperature', 'topP'] as const) {
          if (key in settings && (typeof settings[key] !== 'number' || settings[key] < 0 || settings[key] > 1)) {
            fail('invalidParameter', `settings.${key}`, `settings.${key} must be a number from 0 to 1.`);
          }
        }
        if (
          'systemPrompt' in settings &&
          (typeof settings.systemPrompt !== 'string' || settings.systemPrompt.length < 1 || settings.systemPrompt.length > 50_000)
        ) {
          fail('invalidParameter', 'settings.systemPrompt', 'settings.systemPrompt must be a string of 1 to 50000 characters.');
        }
        if ('thinking' in settings && settings.thinking !== 'MINIMAL' && settings.thinking !== 'HIGH') {
          fail('invalidParameter', 'settings.thinking', `settings.thinking must be MINIMAL or HIGH; got ${JSON.stringify(settings.thinking)}.`);
        }
      }
    }

    // providerSettings.google.*
    if ('providerSettings' in task) {
      const providerSettings = task.providerSettings;
      if (!isPlainObject(providerSettings)) fail('invalidProviderSettings', 'providerSettings', 'providerSettings must be an object.');
      else {
        for (const key of unknownKeys(providerSettings, ['google']))
          fail('unsupportedParameter', `providerSettings.${key}`, `providerSettings.${key} is not supported; Google models take providerSettings.google.`);
        const google = providerSettings.google;
        if (google !== undefined) {
          if (!isPlainObject(google)) fail('invalidProviderSettings', 'providerSettings.google', 'providerSettings.google must be an object.');
          else {
            for (const key of unknownKeys(google, model.googleKeys)) {
              fail(
                'unsupportedParameter',
                `providerSettings.google.${key}`,
                `providerSettings.google.${key} is not supported by ${model.id} (${model.name}); it takes ${model.googleKeys.join(', ')}.`,
              );
            }
            for (const key of ['webSearch', 'imageSearch'] as const) {
              if (key in google && typeof google[key] !== 'boolean')
                fail('invalidParameter', `providerSettings.google.${key}`, `providerSettings.google.${key} must be a boolean.`);
            }
            if ('safetyTolerance' in google && !SAFETY_TOLERANCES.includes(google.safetyTolerance as string)) {
              fail(
                'invalidParameter',
                'providerSettings.google.safetyTolerance',
                `providerSettings.google.safetyTolerance must be one of ${SAFETY_TOLERANCES.join(', ')}.`,
              );
            }
          }
        }
      }
    }

    // inputs.referenceImages
    const referenceImages: Buffer[] = [];
    if ('inputs' in task) {
      const inputs = task.inputs;
      if (!isPlainObject(inputs)) fail('invalidInputs', 'inputs', 'inputs must be an object.');
      else {
        for (const key of unknownKeys(inputs, ['referenceImages']))
          fail('unsupportedParameter', `inputs.${key}`, `inputs.${key} is not supported by ${model.id}; it takes inputs.referenceImages.`);
        const references = inputs.referenceImages;
        if (references !== undefined) {
          if (!Array.isArray(references) || references.some((reference) => typeof reference !== 'string')) {
            fail(
              'invalidReferenceImages',
              'inputs.referenceImages',
              'inputs.referenceImages must be an array of strings (image UUID, URL, data URI or base64).',
            );
          } else if (references.length < model.references.min || references.length > model.references.max) {
            fail(
              'invalidReferenceImages',
              'inputs.referenceImages',
              `inputs.referenceImages takes ${model.references.min} to ${model.references.max} images ` +
                `for ${model.id} (${model.name}); got ${references.length}.`,
            );
          } else {
            for (const [index, reference] of (references as string[]).entries()) {
              const bytes = await decodeImageString(reference);
              if (!bytes)
                fail(
                  'invalidReferenceImage',
                  `inputs.referenceImages[${index}]`,
                  `Reference image ${index + 1} could not be read (unknown image UUID, unreachable URL or not an image).`,
                );
              else referenceImages.push(bytes);
            }
          }
        }
      }
    }

    // Size: width+height from the table, or resolution, or the inputs alone.
    const hasWidth = 'width' in task;
    const hasHeight = 'height' in task;
    let size: FakeSizeRow | undefined;
    if (hasWidth !== hasHeight) fail('invalidDimensions', hasWidth ? 'height' : 'width', 'width and height must be used together.');
    if ('resolution' in task && (hasWidth || hasHeight)) fail('conflictingParameters', 'resolution', 'resolution cannot be used with width/height.');
    if (hasWidth && hasHeight) {
      if (!Number.isInteger(task.width) || !Number.isInteger(task.height)) fail('invalidDimensions', 'width', 'width and height must be integers.');
      else {
        size = model.sizes.find((row) => row.width === task.width && row.height === task.height);
        if (!size) {
          const allowed = model.sizes.map((row) => `${row.width}x${row.height}`).join(', ');
          fail(
            'invalidDimensions',
            'width',
            `${String(task.width)}x${String(task.height)} is not a supported size for ${model.id} (${model.name}); supported: ${allowed}.`,
          );
        }
      }
    } else if ('resolution' in task) {
      if (!model.resolutions) fail('unsupportedParameter', 'resolution', `resolution is not supported by ${model.id}; use width/height.`);
      else if (!model.resolutions.includes(task.resolution as string))
        fail('invalidResolution', 'resolution', `resolution must be one of ${model.resolutions.join(', ')}.`);
      else
        size = referenceImages[0]
          ? await sizeFollowingInput(model, task.resolution as string, referenceImages[0])
          : model.sizes.find((row) => row.resolution === task.resolution && row.aspectRatio === '1:1');
    } else if (referenceImages[0]) {
      size = await sizeFollowingInput(model, '1K', referenceImages[0]);
    } else if (problems.length === 0) {
      fail('missingDimensions', 'width', 'Either provide inputs.referenceImages, or specify width/height or resolution.');
    }

    if (problems.length > 0 || !size) return { error: problems };
    if (state.take('refuse-prompt')) {
      // Unconfirmed code: Runware does not publish one for Google's safety block.
      return {
        error: [
          {
            code: 'contentBlocked',
            message: "The request was blocked by the provider's safety filter (PROHIBITED_CONTENT). Rephrase the prompt.",
            parameter: 'positivePrompt',
            taskType: 'imageInference',
            taskUUID,
          },
        ],
      };
    }

    const numberResults = (task.numberResults as number | undefined) ?? 1;
    const format = OUTPUT_FORMATS[(task.outputFormat as string | undefined) ?? 'JPG']!;
    const outputType = (task.outputType as string | undefined) ?? 'URL';
    const listedCost = model.prices[size.resolution]! + model.perReference * referenceImages.length;
    const unitCost = roundUsd(state.take('overbill') ? listedCost * state.billingFactor : listedCost);
    const render = async (): Promise<void> => {
      for (let index = 0; index < numberResults; index += 1) {
        const seed = typeof task.seed === 'number' ? task.seed + index : Math.floor(Math.random() * 2 ** 32);
        const bytes = await renderFakeImage({
          provider: `runware ${model.id}`,
          prompt: prompt as string,
          seed,
          width: size.width,
          height: size.height,
          format,
          referenceCount: referenceImages.length,
        });
        const imageUUID = randomUUID();
        const item: RunwareItem = { taskType: 'imageInference', taskUUID, imageUUID };
        if (outputType === 'URL') item.imageURL = files.put(`${imageUUID}.${FILE_EXTENSION[format]}`, bytes, FAKE_IMAGE_MIME[format]);
        else if (outputType === 'base64Data') item.imageBase64Data = bytes.toString('base64');
        else item.imageDataURI = `data:${FAKE_IMAGE_MIME[format]};base64,${bytes.toString('base64')}`;
        item.seed = seed;
        item.NSFWContent = false;
        if (task.includeCost === true) item.cost = unitCost;
        accepted.items.push(item);
      }
      accepted.rendered = true;
    };
    const accepted: AcceptedTask = {
      taskUUID,
      numberResults,
      pollsLeft: task.deliveryMethod === 'async' && state.is('processing') ? state.polls : 0,
      items: [],
      rendered: false,
      error: null,
    };
    tasks.set(taskUUID, accepted);
    // Async: acknowledge at once and make the images in the background (getResponse says
    // "processing" until they exist); sync: answer when they are made.
    if (task.deliveryMethod === 'async') void render();
    else await render();
    return { ok: true };
  }

  const server = await startFakeHttpServer(handler, calls, options.port ?? 0);
  origin = server.origin;
  return fakeProviderHandle({ server, path: '/v1', apiKey, calls, state, files });
}

/** "When used with input media, automatically matches the aspect ratio from the input" (seed 000 `resolution`). */
async function sizeFollowingInput(model: RunwareFakeModel, resolution: string, reference: Buffer): Promise<FakeSizeRow> {
  const probe = await probeImage(reference);
  return closestRow(model.sizes, resolution, probe?.width ?? 1, probe?.height ?? 1);
}

function checkEnum(task: Record<string, unknown>, key: string, allowed: string[], fail: (code: string, parameter: string, message: string) => void): void {
  if (key in task && !allowed.includes(task[key] as string)) {
    fail(`invalid${key[0]!.toUpperCase()}${key.slice(1)}`, key, `${key} must be one of ${allowed.join(', ')}; got ${JSON.stringify(task[key])}.`);
  }
}

function checkInteger(
  task: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
  fail: (code: string, parameter: string, message: string) => void,
): void {
  if (!(key in task)) return;
  const value = task[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(
      `invalid${key[0]!.toUpperCase()}${key.slice(1)}`,
      key,
      `${key} must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}; got ${JSON.stringify(value)}.`,
    );
  }
}

function statusForErrors(errors: RunwareError[]): number {
  if (errors.some((error) => error.code === 'taskNotFound')) return 404;
  return 400;
}

function errorAnswer(status: number, errors: RunwareError[]): FakeAnswer {
  return { status, json: { errors } };
}
