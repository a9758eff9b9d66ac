import { randomUUID } from 'node:crypto';
import type { AcceptedGenerationRequest } from '../../../catalog/request.ts';
import {
  asError,
  decodeBase64Image,
  downloadImage,
  formatDuration,
  inspectProviderImage,
  malformedAnswerError,
  parseJson,
  ProviderTransportError,
  READ_RETRY,
  sendHttp,
  toDataUri,
  type DecodedImage,
  type HttpAnswer,
  type RetryPolicy,
} from '../http.ts';
import { pollUntil, STILL_PROCESSING } from '../polling.ts';
import { providerFailureError } from '../provider-errors.ts';
import {
  ProviderError,
  type ImageProviderAdapter,
  type KeyCheckContext,
  type KeyCheckResult,
  type ProviderCallContext,
  type ProviderResult,
} from '../provider-types.ts';
import { toRunwareInferenceTask } from './runware-mapping.ts';
import { DEFAULT_RUNWARE_SETTINGS, type RunwareAdapterSettings } from './runware-settings.ts';
import {
  runwareAnswerSchema,
  runwareInferenceItemSchema,
  runwareTaskStateSchema,
  runwareUploadItemSchema,
  type RunwareAnswer,
  type RunwareError,
  type RunwareInferenceItem,
  type RunwareInferenceTask,
  type RunwareTaskState,
  type RunwareUploadTask,
} from './runware-wire.ts';

/**
 * The Runware adapter (docs/PROVIDERS.md "Runware"; seeds 000, 001, 003).
 *
 * `generate`: references are uploaded once (`imageUpload`, cached by
 * sha256) or sent as data URIs; the request (at most `perCall`, 20 images:
 * `generateImages` splits larger ones) becomes one `imageInference` task; `onAccepted({ deliveryMethod, tasks })` is called before the
 * body leaves, because Runware may accept a task even if the connection then
 * drops. Async delivery polls `getResponse` (1 s, x1.5, up to 10 s). Images
 * are downloaded at once; `billedCost` is the sum of the items' `cost`.
 *
 * Never submits twice what may have been accepted: a submit is retried only
 * for 429/503 or a refused connection; a timeout, a dropped connection, a
 * 5xx or an unreadable answer switches to polling the taskUUIDs instead.
 * `resume` polls the saved taskUUIDs after a restart.
 */
export function createRunwareAdapter(overrides: Partial<RunwareAdapterSettings> = {}): ImageProviderAdapter {
  const settings: RunwareAdapterSettings = { ...DEFAULT_RUNWARE_SETTINGS, ...overrides };

  return {
    provider: 'runware',

    maxImagesPerCall: (offering) => offering.numberResults.perCall,

    async checkKey(context) {
      return checkRunwareKey(context);
    },

    async generate(request, context) {
      const client = new RunwareClient(settings, context);
      let references = await client.prepareReferences(false);
      let retriedStaleUploads = false;
      for (;;) {
        // One task of at most perCall (20) images: generateImages splits larger requests.
        const tasks = [
          toRunwareInferenceTask({
            request,
            offering: context.offering,
            taskUUID: randomUUID(),
            numberResults: request.numberResults,
            referenceImages: references.values,
            outputType: settings.outputType,
            deliveryMethod: settings.deliveryMethod,
          }),
        ];
        const state: RunwareTaskState = {
          deliveryMethod: settings.deliveryMethod,
          tasks: tasks.map((task) => ({ taskUUID: task.taskUUID, numberResults: task.numberResults })),
        };
        context.onAccepted(state);
        try {
          return await client.submitAndCollect(tasks, state, request);
        } catch (error) {
          // A cached imageUUID that Runware no longer knows fails validation
          // before the task is accepted (nothing billed): upload again, once.
          if (!retriedStaleUploads && references.fromCache && error instanceof RunwareRefusal && error.refusedSubmit && error.concernsReferences) {
            retriedStaleUploads = true;
            references = await client.prepareReferences(true);
            continue;
          }
          throw error instanceof RunwareRefusal ? error.providerError : error;
        }
      }
    },

    async resume(request, state, context) {
      const parsed = runwareTaskStateSchema.safeParse(state);
      if (!parsed.success) {
        throw new ProviderError({
          provider: 'runware',
          message: 'The saved Runware task state is unreadable, so the task started before the restart cannot be picked up; generate again.',
          providerCode: 'invalid_task_state',
          providerMessage: parsed.error.message,
          httpStatus: null,
          retryable: false,
        });
      }
      const client = new RunwareClient(settings, context);
      try {
        const items = await client.poll(parsed.data, { afterRestart: true });
        return await client.finish(items, request.numberResults);
      } catch (error) {
        throw error instanceof RunwareRefusal ? error.providerError : error;
      }
    },
  };
}

/** The adapter with the studio's settings (async delivery, uploaded references, URL output). */
export const runwareAdapter = createRunwareAdapter();

/**
 * A Runware refusal, with whether it concerns the reference images (a stale
 * cached upload) and whether it refused the submit itself (so no task was
 * accepted and a corrected submit cannot bill twice).
 */
class RunwareRefusal extends Error {
  refusedSubmit = false;

  constructor(
    readonly providerError: ProviderError,
    readonly concernsReferences: boolean,
  ) {
    super(providerError.message);
  }
}

/** One generation's conversation with Runware. */
class RunwareClient {
  constructor(
    private readonly settings: RunwareAdapterSettings,
    private readonly context: ProviderCallContext,
  ) {}

  /** POST a task array; returns the raw answer. */
  private post(tasks: unknown[], purpose: string, timeoutMs: number, retry: RetryPolicy): Promise<HttpAnswer> {
    return sendHttp({
      provider: 'runware',
      purpose,
      url: this.context.baseUrl,
      method: 'POST',
      headers: { authorization: `Bearer ${this.context.apiKey}` },
      json: tasks,
      timeoutMs,
      signal: this.context.signal,
      retry,
    });
  }

  /**
   * The reference images as Runware expects them: cached or fresh
   * `imageUpload` UUIDs, or data URIs. `forceUpload` ignores the cache.
   */
  async prepareReferences(forceUpload: boolean): Promise<{ values: string[]; fromCache: boolean }> {
    const references = this.context.references;
    if (references.length === 0) return { values: [], fromCache: false };
    if (this.settings.referenceStrategy === 'dataUri') {
      return { values: references.map((reference) => toDataUri(reference.mimeType, reference.bytes)), fromCache: false };
    }
    const values: (string | undefined)[] = references.map((reference) =>
      forceUpload ? undefined : this.context.cache.get(runwareUploadCacheKey(this.context.baseUrl, reference.sha256)),
    );
    const fromCache = values.some((value) => value !== undefined);
    const uploads: { index: number; task: RunwareUploadTask; sha256: string }[] = [];
    const bySha = new Map<string, RunwareUploadTask>();
    references.forEach((reference, index) => {
      if (values[index] !== undefined) return;
      // The same photo twice in one request is uploaded once.
      const existing = bySha.get(reference.sha256);
      const task = existing ?? { taskType: 'imageUpload' as const, taskUUID: randomUUID(), image: toDataUri(reference.mimeType, reference.bytes) };
      bySha.set(reference.sha256, task);
      uploads.push({ index, task, sha256: reference.sha256 });
    });
    if (uploads.length > 0) {
      // One upload per request (a reference can be 20 MB; one body with eight would be huge), in parallel.
      // Uploads are free and create nothing billable, so reads' retry policy applies.
      const purpose = 'uploading the reference images';
      const uuidByTask = new Map<string, string>();
      await Promise.all(
        [...bySha.values()].map(async (task) => {
          const answer = await this.post([task], purpose, this.settings.requestTimeoutMs, READ_RETRY);
          const parsed = this.parseAnswer(answer, purpose);
          if (answer.status !== 200 || (parsed.errors?.length ?? 0) > 0) throw this.refusal(answer.status, parsed.errors ?? []).providerError;
          for (const item of parsed.data ?? []) {
            const upload = runwareUploadItemSchema.safeParse(item);
            if (upload.success) uuidByTask.set(upload.data.taskUUID, upload.data.imageUUID);
          }
          if (!uuidByTask.has(task.taskUUID)) throw malformedAnswerError('runware', purpose, `no imageUUID for upload ${task.taskUUID}`, answer.status);
        }),
      );
      for (const { index, task, sha256 } of uploads) {
        const imageUUID = uuidByTask.get(task.taskUUID);
        // Every upload answered with an imageUUID or threw above; this only narrows the type.
        if (imageUUID === undefined) throw malformedAnswerError('runware', purpose, `no imageUUID for upload ${task.taskUUID}`, null);
        values[index] = imageUUID;
        this.context.cache.set(runwareUploadCacheKey(this.context.baseUrl, sha256), imageUUID);
      }
    }
    return { values: values as string[], fromCache };
  }

  /** Submit the tasks and wait for their result items (sync answer, or polling). */
  async submitAndCollect(tasks: RunwareInferenceTask[], state: RunwareTaskState, request: AcceptedGenerationRequest): Promise<ProviderResult> {
    const purpose = 'submitting the task';
    const timeoutMs = this.settings.deliveryMethod === 'sync' ? this.settings.syncSubmitTimeoutMs : this.settings.requestTimeoutMs;
    let answer: HttpAnswer;
    try {
      answer = await this.post(tasks, purpose, timeoutMs, this.settings.submitRetry);
    } catch (error) {
      // The body may have arrived: never resubmit, ask Runware about the taskUUIDs instead.
      if (error instanceof ProviderTransportError && error.requestMayHaveArrived && error.kind !== 'cancelled') {
        return this.finish(await this.poll(state, { submitFailure: error }), request.numberResults);
      }
      throw error;
    }
    const parsed = runwareAnswerSchema.safeParse(parseJson(answer.text));
    if (!parsed.success) {
      const failure = malformedAnswerError('runware', purpose, describeUnreadable(answer), answer.status);
      // An unreadable 2xx/5xx answer may hide an accepted task.
      if (answer.status >= 200 && answer.status < 300) return this.finish(await this.poll(state, { submitFailure: failure }), request.numberResults);
      if (answer.status >= 500 && answer.status !== 503) return this.finish(await this.poll(state, { submitFailure: failure }), request.numberResults);
      throw failure;
    }
    const errors = parsed.data.errors ?? [];
    const items = (parsed.data.data ?? []).flatMap((item) => {
      const inference = runwareInferenceItemSchema.safeParse(item);
      return inference.success ? [inference.data] : [];
    });
    if (answer.status < 200 || answer.status >= 300 || (items.length === 0 && errors.length > 0)) {
      const refusal = this.refusal(answer.status, errors);
      // 500/502/504: Runware may have accepted the task before failing; poll before giving up.
      if (answer.status >= 500 && answer.status !== 503) {
        return this.finish(await this.poll(state, { submitFailure: refusal.providerError }), request.numberResults);
      }
      refusal.refusedSubmit = true;
      throw refusal;
    }
    const warnings = errors.map((error) => `Runware reported a problem with part of the request: ${error.code}: ${error.message}`);
    if (this.settings.deliveryMethod === 'async') {
      // The acknowledgement's exact body is unconfirmed (docs/PROVIDERS.md): poll the tasks it names,
      // or every task when it names none (a 2xx without errors means they were accepted).
      const acknowledged = new Set(items.map((item) => item.taskUUID));
      const named = state.tasks.filter((task) => acknowledged.has(task.taskUUID));
      const pending = named.length > 0 ? named : errors.length === 0 ? state.tasks : [];
      if (pending.length === 0) throw this.refusal(answer.status, errors);
      return this.finish(await this.poll({ ...state, tasks: pending }, {}), request.numberResults, warnings);
    }
    return this.finish(items, request.numberResults, warnings);
  }

  /**
   * Poll `getResponse` for every task until each has its `numberResults`
   * success items (`pollUntil`: 1 s, x1.5, at most 10 s apart; `overallTimeoutMs` in all).
   * `submitFailure`: the submit's own failure, thrown instead when Runware
   * does not know the task (it was never accepted).
   */
  async poll(state: RunwareTaskState, options: { submitFailure?: ProviderError; afterRestart?: boolean }): Promise<RunwareInferenceItem[]> {
    const started = Date.now();
    const purpose = 'checking on the task';
    const successes = new Map<string, Map<string, RunwareInferenceItem>>(state.tasks.map((task) => [task.taskUUID, new Map()]));
    /** The images received so far for one task (every task has an entry, made above). */
    const successesFor = (task: { taskUUID: string }): Map<string, RunwareInferenceItem> =>
      successes.get(task.taskUUID) ?? new Map<string, RunwareInferenceItem>();
    return pollUntil({
      provider: 'runware',
      signal: this.context.signal,
      schedule: {
        firstDelayMs: options.afterRestart ? 0 : this.settings.pollInitialDelayMs,
        initialDelayMs: this.settings.pollInitialDelayMs,
        backoffFactor: this.settings.pollBackoffFactor,
        maxDelayMs: this.settings.pollMaxDelayMs,
        overallTimeoutMs: this.settings.overallTimeoutMs,
      },
      check: async () => {
        const open = state.tasks.filter((task) => successesFor(task).size < task.numberResults);
        const answer = await this.post(
          open.map((task) => ({ taskType: 'getResponse', taskUUID: task.taskUUID })),
          purpose,
          this.settings.requestTimeoutMs,
          READ_RETRY,
        );
        const parsed = this.parseAnswer(answer, purpose);
        const errors = parsed.errors ?? [];
        const notFound = errors.find((error) => /notfound|not_found|unknownTask/i.test(error.code));
        if (notFound) {
          if (options.submitFailure) {
            // A submit still queued in front of Runware may show up a little later.
            if (Date.now() - started < this.settings.notFoundGraceMs) return STILL_PROCESSING;
            throw options.submitFailure;
          }
          throw new ProviderError({
            provider: 'runware',
            message: options.afterRestart
              ? 'Runware no longer knows the task started before the restart, so its images cannot be collected; generate again.'
              : 'Runware lost track of the task while it was running; generate again.',
            providerCode: notFound.code,
            providerMessage: notFound.message,
            httpStatus: answer.status,
            retryable: true,
          });
        }
        for (const item of parsed.data ?? []) {
          const inference = runwareInferenceItemSchema.safeParse(item);
          if (!inference.success) continue;
          const found = inference.data;
          if (found.status === 'error') {
            throw this.refusal(answer.status, [{ code: found.error?.code ?? 'taskFailed', message: found.error?.message ?? 'the task failed' }]);
          }
          // Older Runware docs call the in-progress state `pending` (docs/PROVIDERS.md, Corrections: Runware).
          if (found.status === 'processing' || found.status === 'pending') continue;
          if (found.imageURL || found.imageBase64Data || found.imageDataURI) {
            successes.get(found.taskUUID)?.set(found.imageUUID ?? `${successes.get(found.taskUUID)?.size}`, found);
          }
        }
        if (errors.length > 0 && (answer.status < 200 || answer.status >= 300 || (parsed.data ?? []).length === 0)) {
          throw this.refusal(answer.status, errors);
        }
        if (state.tasks.every((task) => successesFor(task).size >= task.numberResults)) {
          return state.tasks.flatMap((task) => [...successesFor(task).values()]);
        }
        return STILL_PROCESSING;
      },
      timeoutError: () =>
        new ProviderError({
          provider: 'runware',
          message: `Runware did not finish the task within ${formatDuration(this.settings.overallTimeoutMs)}; it may be overloaded. Try again later.`,
          providerCode: 'timeout',
          providerMessage: `still processing after ${this.settings.overallTimeoutMs} ms`,
          httpStatus: null,
          retryable: true,
        }),
    });
  }

  /** Turn result items into images (downloaded at once), the billed cost and warnings. */
  async finish(items: RunwareInferenceItem[], expected: number, warnings: string[] = []): Promise<ProviderResult> {
    const settled = await Promise.allSettled(items.map((item) => this.readImage(item)));
    const images: ProviderResult['images'] = [];
    const failures: Error[] = [];
    settled.forEach((outcome, index) => {
      if (outcome.status === 'fulfilled') images.push({ bytes: outcome.value.bytes, mimeType: outcome.value.mimeType, seed: items[index]?.seed ?? null });
      else failures.push(asError(outcome.reason));
    });
    if (images.length === 0) {
      throw failures[0] ?? malformedAnswerError('runware', 'reading the result', 'the answer holds no images', null);
    }
    const allWarnings = [...warnings];
    for (const failure of failures) allWarnings.push(`One image Runware made could not be read: ${failure.message}`);
    if (items.some((item) => item.NSFWContent === true)) allWarnings.push('Runware flagged at least one image as NSFW content.');
    if (images.length < expected) allWarnings.push(`Runware returned ${images.length} of the ${expected} images asked for.`);
    const costs = items.map((item) => item.cost).filter((cost): cost is number => typeof cost === 'number');
    const billedCost = costs.length === 0 ? null : Math.round(costs.reduce((sum, cost) => sum + cost, 0) * 1e10) / 1e10;
    return { images, billedCost, warnings: allWarnings };
  }

  private async readImage(item: RunwareInferenceItem): Promise<DecodedImage> {
    if (item.imageURL) {
      return downloadImage({ provider: 'runware', url: item.imageURL, signal: this.context.signal, timeoutMs: this.settings.downloadTimeoutMs });
    }
    const inline = item.imageBase64Data ?? item.imageDataURI;
    if (inline) return inspectProviderImage('runware', decodeBase64Image(inline), 'inline image data');
    throw malformedAnswerError(
      'runware',
      'reading the result',
      `item ${item.imageUUID ?? item.taskUUID} has no imageURL, imageBase64Data or imageDataURI`,
      null,
    );
  }

  private parseAnswer(answer: HttpAnswer, purpose: string): RunwareAnswer {
    const parsed = runwareAnswerSchema.safeParse(parseJson(answer.text));
    if (!parsed.success) throw malformedAnswerError('runware', purpose, describeUnreadable(answer), answer.status);
    return parsed.data;
  }

  /** A Runware error answer as a `ProviderError` with Runware's own code and message, and an actionable sentence. */
  private refusal(status: number, errors: RunwareError[]): RunwareRefusal {
    const first = errors[0] ?? { code: `http_${status}`, message: '' };
    const details = errors.map((error) => (error.parameter ? `${error.parameter}: ${error.message}` : error.message)).join(' | ');
    const concernsReferences = errors.some(
      (error) => (error.parameter ?? '').startsWith('inputs.referenceImages') || /referenceImage|imageUUID/i.test(error.code),
    );
    return new RunwareRefusal(
      providerFailureError({ provider: 'runware', httpStatus: status, codes: [first.code], providerCode: first.code, providerMessage: details }),
      concernsReferences,
    );
  }
}

/**
 * The Runware key check: `getResponse` for a taskUUID that was never sent.
 * It generates nothing and costs nothing; Runware answers a wrong key with
 * 401 `invalidApiKey` before looking for the task, and a valid one with an
 * error about the unknown task (its exact code is unpublished). Runware
 * lists no models per key, so `listedModelIds` is `null`.
 */
async function checkRunwareKey(context: KeyCheckContext): Promise<KeyCheckResult> {
  const answer = await sendHttp({
    provider: 'runware',
    purpose: 'checking the key',
    url: context.baseUrl,
    method: 'POST',
    headers: { authorization: `Bearer ${context.apiKey}` },
    json: [{ taskType: 'getResponse', taskUUID: randomUUID() }],
    timeoutMs: 30_000,
    signal: context.signal,
    retry: READ_RETRY,
  });
  if (answer.status === 401 || answer.status === 403 || answer.status === 402 || answer.status >= 500 || answer.status === 429) {
    const parsed = runwareAnswerSchema.safeParse(parseJson(answer.text));
    const first = parsed.success ? parsed.data.errors?.[0] : undefined;
    const providerMessage = first?.message ?? answer.text.slice(0, 300);
    const providerCode = first?.code ?? `http_${answer.status}`;
    throw providerFailureError({ provider: 'runware', httpStatus: answer.status, codes: first ? [first.code] : [], providerCode, providerMessage });
  }
  return {
    method: 'probe',
    verified: true,
    listedModelIds: null,
    message: 'Runware accepted the key (asked about a task that does not exist, which costs nothing).',
  };
}

/**
 * The provider-cache key of a reference image's Runware imageUUID: by
 * endpoint and content, so that UUIDs from one endpoint (e.g. the fake of
 * `npm run fakes`) are never sent to another.
 */
export function runwareUploadCacheKey(baseUrl: string, sha256: string): string {
  return `imageUpload:${baseUrl}:${sha256}`;
}

function describeUnreadable(answer: HttpAnswer): string {
  const preview = answer.text.slice(0, 120).replace(/\s+/g, ' ');
  return `HTTP ${answer.status}, body ${preview.length > 0 ? JSON.stringify(preview) : 'empty'} is not Runware's {"data"|"errors"} JSON`;
}
