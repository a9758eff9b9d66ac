import { createHash } from 'node:crypto';
import { imageTypeOfMimeType } from '../../../catalog/image-types.ts';
import type { AcceptedGenerationRequest } from '../../../catalog/request.ts';
import {
  asError,
  downloadImage,
  formatDuration,
  malformedAnswerError,
  parseJson,
  ProviderTransportError,
  READ_RETRY,
  sendHttp,
  type HttpAnswer,
} from '../http.ts';
import { pollUntil, STILL_PROCESSING } from '../polling.ts';
import { classifyProviderFailure, providerFailureError } from '../provider-errors.ts';
import {
  ProviderError,
  type ImageProviderAdapter,
  type KeyCheckContext,
  type KeyCheckResult,
  type ProviderCallContext,
  type ProviderResult,
  type ReferenceImageInput,
} from '../provider-types.ts';
import { DEFAULT_RUNFLOW_SETTINGS, toRunflowInput, type RunflowAdapterSettings } from './runflow-settings.ts';
import {
  RUNFLOW_TERMINAL,
  runflowAssetSchema,
  runflowAssetUploadSchema,
  runflowCachedAssetSchema,
  runflowErrorSchema,
  runflowRunSchema,
  runflowTaskStateSchema,
  type RunflowAssetUploadBody,
  type RunflowCachedAsset,
  type RunflowCreateBody,
  type RunflowRun,
  type RunflowTaskState,
} from './runflow-wire.ts';

/**
 * The Runflow adapter (docs/PROVIDERS.md "Runflow"; seed 002).
 *
 * A request for at most `perCall` (4) images (`generateImages` splits larger
 * ones) becomes one run (`num_images` 1..4), created with `POST /v1/models/{providerModelId}/runs` (the `/edit` model
 * when there are reference images, chosen by the catalog) and polled with
 * `GET /v1/runs/{id}` (1 s, x1.5 up to 10 s, 10 min in all). Both output
 * shapes are read (`output.outputs[].url` and `output.image_urls`); images
 * are downloaded at once; `billedCost` is the sum of `Number(cost)`.
 *
 * Reference images are uploaded first, as Runflow's own SDK does
 * (`uploadReference`): the edit models refuse `data:` URIs. Each upload is
 * cached by the image's sha256 per key, so the same reference is uploaded
 * once; its short-lived URL is fetched again (`GET /v1/assets/{id}`) when older
 * than `assetUrlFreshMs`.
 *
 * `onAccepted` is called before each create leaves (that run "submitting")
 * and again with its id once created; `resume` polls created runs and
 * creates the ones never sent. A create is retried only for 429/503 or a
 * refused connection.
 */
export function createRunflowAdapter(overrides: Partial<RunflowAdapterSettings> = {}): ImageProviderAdapter {
  const settings: RunflowAdapterSettings = { ...DEFAULT_RUNFLOW_SETTINGS, ...overrides };

  return {
    provider: 'runflow',

    maxImagesPerCall: (offering) => offering.numberResults.perCall,

    async generate(request, context) {
      // One run of at most perCall (4) images: generateImages splits larger requests. A state saved with
      // several runs (before the split moved there) still resumes run by run.
      const state: RunflowTaskState = { runs: [{ numImages: request.numberResults, status: 'not_started', runId: null }] };
      return new RunflowClient(settings, context, request, state).complete();
    },

    async resume(request, saved, context) {
      const parsed = runflowTaskStateSchema.safeParse(saved);
      if (!parsed.success) {
        throw new ProviderError({
          provider: 'runflow',
          message: 'The saved Runflow run state is unreadable, so the runs started before the restart cannot be picked up; generate again.',
          providerCode: 'invalid_task_state',
          providerMessage: parsed.error.message,
          httpStatus: null,
          retryable: false,
        });
      }
      return new RunflowClient(settings, context, request, parsed.data).complete();
    },

    async checkKey(context) {
      return checkRunflowKey(context);
    },
  };
}

/**
 * The Runflow key check: `GET /v1/runs/{a run id that does not exist}`. It
 * generates nothing and costs nothing; a valid key gets 404 `RUN_NOT_FOUND`,
 * a wrong one 401. Runflow lists no models per key, so `listedModelIds` is `null`.
 */
async function checkRunflowKey(context: KeyCheckContext): Promise<KeyCheckResult> {
  const answer = await sendHttp({
    provider: 'runflow',
    purpose: 'checking the key',
    url: `${context.baseUrl}/v1/runs/run_key_check_${Date.now()}`,
    method: 'GET',
    headers: { authorization: `Bearer ${context.apiKey}` },
    timeoutMs: 30_000,
    signal: context.signal,
    retry: READ_RETRY,
  });
  const parsed = runflowErrorSchema.safeParse(parseJson(answer.text));
  if (answer.status === 404 && parsed.success && parsed.data.code === 'RUN_NOT_FOUND') {
    const message = 'Runflow accepted the key (asked for a run that does not exist, which costs nothing).';
    return { method: 'probe', verified: true, listedModelIds: null, message };
  }
  if (answer.status >= 200 && answer.status < 300) {
    return { method: 'probe', verified: true, listedModelIds: null, message: 'Runflow accepted the key.' };
  }
  throw runflowRefusal(answer);
}

/** The cache key of a reference uploaded to Runflow: per endpoint and key (hashed, never the key itself) and image sha256. */
export function runflowAssetCacheKey(baseUrl: string, apiKey: string, sha256: string): string {
  const account = createHash('sha256').update(`${baseUrl}\n${apiKey}`).digest('hex').slice(0, 16);
  return `asset:${account}:${sha256}`;
}

/** The adapter with the studio's settings. */
export const runflowAdapter = createRunflowAdapter();

class RunflowClient {
  constructor(
    private readonly settings: RunflowAdapterSettings,
    private readonly context: ProviderCallContext,
    private readonly request: AcceptedGenerationRequest,
    private readonly state: RunflowTaskState,
  ) {}

  private get headers(): Record<string, string> {
    return { authorization: `Bearer ${this.context.apiKey}` };
  }

  /** Create what is not created, poll everything, merge. */
  async complete(): Promise<ProviderResult> {
    const warnings: string[] = [];
    const lost = this.state.runs.filter((run) => run.status === 'submitting' && run.runId === null);
    if (lost.length > 0) {
      warnings.push(
        `${lost.reduce((sum, run) => sum + run.numImages, 0)} image(s) were being requested from Runflow when the server stopped; ` +
          `that run's id was never received, so those images cannot be collected (check the Runflow dashboard, it may have been billed).`,
      );
    }
    const needsReferences = this.context.references.length > 0 && this.state.runs.some((run) => run.status === 'not_started');
    const imageUrls = needsReferences ? await Promise.all(this.context.references.map((reference) => this.referenceUrl(reference))) : [];
    const outcomes = await Promise.allSettled(
      this.state.runs.map(async (run) => {
        if (run.status === 'submitting' && run.runId === null) return null;
        if (run.status === 'not_started') {
          run.status = 'submitting';
          this.context.onAccepted(structuredClone(this.state));
          run.runId = await this.create(run.numImages, imageUrls);
          run.status = 'created';
          this.context.onAccepted(structuredClone(this.state));
        }
        // A run past `not_started` has its id, or was skipped above as lost; this only narrows the type.
        if (run.runId === null) throw new Error(`Runflow run for ${run.numImages} image(s) has no run id after creation.`);
        const finished = await this.pollRun(run.runId);
        return this.collect(finished);
      }),
    );
    const results: ProviderResult[] = [];
    const failures: Error[] = [];
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') failures.push(asError(outcome.reason));
      else if (outcome.value) results.push(outcome.value);
    }
    const cancelled = failures.find((failure) => failure instanceof ProviderTransportError && failure.kind === 'cancelled');
    if (cancelled) throw cancelled;
    const images = results.flatMap((result) => result.images);
    if (images.length === 0) {
      throw (
        failures[0] ??
        new ProviderError({
          provider: 'runflow',
          message: 'Runflow returned no images for this generation; try again.',
          providerCode: 'no_images',
          providerMessage: '',
          httpStatus: null,
          retryable: true,
        })
      );
    }
    for (const failure of failures) warnings.push(`Runflow made only part of the images: ${failure.message}`);
    for (const result of results) warnings.push(...result.warnings);
    if (images.length < this.request.numberResults) warnings.push(`Runflow returned ${images.length} of the ${this.request.numberResults} images asked for.`);
    const costs = results.map((result) => result.billedCost).filter((cost): cost is number => cost !== null);
    const billedCost = costs.length === 0 ? null : Math.round(costs.reduce((sum, cost) => sum + cost, 0) * 1e10) / 1e10;
    return { images, billedCost, warnings };
  }

  /**
   * The https URL Runflow's edit models read a reference from: the cached
   * asset's URL when fresh, refreshed with `GET /v1/assets/{id}` when older
   * than `assetUrlFreshMs`, otherwise (or when the asset is gone) a new upload.
   */
  private async referenceUrl(reference: ReferenceImageInput): Promise<string> {
    const cacheKey = runflowAssetCacheKey(this.context.baseUrl, this.context.apiKey, reference.sha256);
    const cachedText = this.context.cache.get(cacheKey);
    const cached = cachedText ? runflowCachedAssetSchema.safeParse(parseJson(cachedText)) : null;
    if (cached?.success) {
      if (Date.now() - cached.data.fetchedAt < this.settings.assetUrlFreshMs) return cached.data.url;
      const refreshed = await this.fetchAsset(cached.data.assetId);
      if (refreshed) {
        this.remember(cacheKey, refreshed);
        return refreshed.url;
      }
    }
    const uploaded = await this.uploadReference(reference);
    this.remember(cacheKey, uploaded);
    return uploaded.url;
  }

  private remember(cacheKey: string, asset: Omit<RunflowCachedAsset, 'fetchedAt'>): void {
    this.context.cache.set(cacheKey, JSON.stringify({ ...asset, fetchedAt: Date.now() } satisfies RunflowCachedAsset));
  }

  /** `GET /v1/assets/{id}`: the asset with a fresh URL, or `null` when Runflow no longer has it (404). */
  private async fetchAsset(assetId: string): Promise<Omit<RunflowCachedAsset, 'fetchedAt'> | null> {
    const purpose = 'refreshing an uploaded reference image';
    const answer = await sendHttp({
      provider: 'runflow',
      purpose,
      url: `${this.context.baseUrl}/v1/assets/${encodeURIComponent(assetId)}`,
      method: 'GET',
      headers: this.headers,
      timeoutMs: this.settings.requestTimeoutMs,
      signal: this.context.signal,
      retry: READ_RETRY,
    });
    if (answer.status === 404) return null;
    if (answer.status < 200 || answer.status >= 300) throw this.refusal(answer);
    const asset = runflowAssetSchema.safeParse(parseJson(answer.text));
    if (!asset.success) throw malformedAnswerError('runflow', purpose, `HTTP ${answer.status}, ${describeBody(answer.text)}`, answer.status);
    return { assetId: asset.data.id, url: asset.data.url };
  }

  /**
   * Runflow's asset upload (runflow-js `assets.ts`): `POST /v1/asset-uploads`
   * `{filename, mime_type, size_bytes}` -> `{asset_id, upload_url}`; `PUT` the
   * bytes to `upload_url` with their type and no Authorization header;
   * `POST /v1/asset-uploads/{asset_id}/confirmations` `{folder_id: null}` -> the asset with its https `url`.
   */
  private async uploadReference(reference: ReferenceImageInput): Promise<Omit<RunflowCachedAsset, 'fetchedAt'>> {
    const purpose = 'uploading a reference image';
    const extension = imageTypeOfMimeType(reference.mimeType)?.extension ?? 'bin';
    const body: RunflowAssetUploadBody = {
      filename: `reference-${reference.sha256.slice(0, 12)}.${extension}`,
      mime_type: reference.mimeType,
      size_bytes: reference.bytes.length,
    };
    const common = { provider: 'runflow' as const, purpose, timeoutMs: this.settings.requestTimeoutMs, signal: this.context.signal, retry: READ_RETRY };
    const started = await sendHttp({ ...common, url: `${this.context.baseUrl}/v1/asset-uploads`, method: 'POST', headers: this.headers, json: body });
    if (started.status < 200 || started.status >= 300) throw this.refusal(started);
    const upload = runflowAssetUploadSchema.safeParse(parseJson(started.text));
    if (!upload.success) throw malformedAnswerError('runflow', purpose, `HTTP ${started.status}, ${describeBody(started.text)}`, started.status);
    // The presigned URL carries its own signature: sending the Runflow key there would leak it and be refused.
    const put = await sendHttp({
      ...common,
      url: upload.data.upload_url,
      method: 'PUT',
      headers: {},
      bytes: { body: reference.bytes, contentType: reference.mimeType },
    });
    if (put.status < 200 || put.status >= 300) {
      throw new ProviderError({
        provider: 'runflow',
        message: `Runflow's storage refused the reference image upload (HTTP ${put.status}). Try again.`,
        providerCode: `upload_http_${put.status}`,
        providerMessage: put.text.slice(0, 300),
        httpStatus: put.status,
        retryable: true,
      });
    }
    const confirmed = await sendHttp({
      ...common,
      url: `${this.context.baseUrl}/v1/asset-uploads/${encodeURIComponent(upload.data.asset_id)}/confirmations`,
      method: 'POST',
      headers: this.headers,
      json: { folder_id: null },
    });
    if (confirmed.status < 200 || confirmed.status >= 300) throw this.refusal(confirmed);
    const asset = runflowAssetSchema.safeParse(parseJson(confirmed.text));
    if (!asset.success) throw malformedAnswerError('runflow', purpose, `HTTP ${confirmed.status}, ${describeBody(confirmed.text)}`, confirmed.status);
    return { assetId: asset.data.id, url: asset.data.url };
  }

  /** Create one run; returns its id. */
  private async create(numImages: number, imageUrls: string[]): Promise<string> {
    const body: RunflowCreateBody = {
      input: toRunflowInput({ request: this.request, offering: this.context.offering, numImages, imageUrls }),
      metadata: { studioGenerationId: this.context.generationId },
    };
    const purpose = 'creating the run';
    let answer: HttpAnswer;
    try {
      answer = await sendHttp({
        provider: 'runflow',
        purpose,
        url: `${this.context.baseUrl}/v1/models/${this.request.providerModelId}/runs`,
        method: 'POST',
        headers: this.headers,
        json: body,
        timeoutMs: this.settings.requestTimeoutMs,
        signal: this.context.signal,
        retry: this.settings.submitRetry,
      });
    } catch (error) {
      if (error instanceof ProviderTransportError && error.requestMayHaveArrived && error.kind !== 'cancelled') {
        // Without the run id there is nothing to poll, and creating again could bill twice.
        throw new ProviderError({
          provider: 'runflow',
          message:
            `The connection to Runflow failed while creating the run (${error.providerMessage}); Runflow may have started it, so it was not sent again. ` +
            'Check the Runflow dashboard before generating again.',
          providerCode: error.kind,
          providerMessage: error.providerMessage,
          httpStatus: null,
          retryable: false,
        });
      }
      throw error;
    }
    if (answer.status < 200 || answer.status >= 300) throw this.refusal(answer);
    const run = runflowRunSchema.safeParse(parseJson(answer.text));
    if (!run.success) {
      throw malformedAnswerError(
        'runflow',
        purpose,
        `HTTP ${answer.status}, ${describeBody(answer.text)}; Runflow may have started the run, so it was not sent again`,
        answer.status,
      );
    }
    return run.data.id;
  }

  /** Poll until the run ends or the overall timeout passes (`pollUntil`, the adapter's poll settings). */
  private async pollRun(runId: string): Promise<RunflowRun> {
    const purpose = `checking on run ${runId}`;
    let lastStatus = 'unknown';
    return pollUntil({
      provider: 'runflow',
      signal: this.context.signal,
      schedule: {
        firstDelayMs: this.settings.pollInitialDelayMs,
        initialDelayMs: this.settings.pollInitialDelayMs,
        backoffFactor: this.settings.pollBackoffFactor,
        maxDelayMs: this.settings.pollMaxDelayMs,
        overallTimeoutMs: this.settings.overallTimeoutMs,
      },
      check: async () => {
        const answer = await sendHttp({
          provider: 'runflow',
          purpose,
          url: `${this.context.baseUrl}/v1/runs/${encodeURIComponent(runId)}`,
          method: 'GET',
          headers: this.headers,
          timeoutMs: this.settings.requestTimeoutMs,
          signal: this.context.signal,
          retry: READ_RETRY,
        });
        if (answer.status < 200 || answer.status >= 300) throw this.refusal(answer);
        const run = runflowRunSchema.safeParse(parseJson(answer.text));
        if (!run.success) throw malformedAnswerError('runflow', purpose, `HTTP ${answer.status}, ${describeBody(answer.text)}`, answer.status);
        lastStatus = run.data.status_code;
        return RUNFLOW_TERMINAL.includes(run.data.status_code) ? run.data : STILL_PROCESSING;
      },
      timeoutError: () =>
        new ProviderError({
          provider: 'runflow',
          message: `Runflow did not finish run ${runId} within ${formatDuration(this.settings.overallTimeoutMs)}; it may be overloaded. Try again later.`,
          providerCode: 'timeout',
          providerMessage: `status ${lastStatus} after ${this.settings.overallTimeoutMs} ms`,
          httpStatus: null,
          retryable: true,
        }),
    });
  }

  /** A finished run as images (downloaded at once), cost and warnings. */
  private async collect(run: RunflowRun): Promise<ProviderResult> {
    const cost = run.cost === null || run.cost === undefined ? null : Number(run.cost);
    if (run.status_code === 'failed' || run.status_code === 'canceled' || run.status_code === 'cancelled') {
      const code = run.failure_code ?? run.status_code;
      const providerMessage = run.failure_message ?? '';
      // A failed run comes in a 200 answer: the table says whether it was a refusal of the prompt.
      const classified = classifyProviderFailure({ provider: 'runflow', httpStatus: 200, codes: [code], providerMessage });
      const refused = classified.kind === 'refused_prompt';
      throw new ProviderError({
        provider: 'runflow',
        message: refused
          ? classified.message
          : `Runflow run ${run.id} ${run.status_code === 'failed' ? 'failed' : 'was cancelled'}${providerMessage ? `: "${providerMessage}"` : ''}. Try again.`,
        providerCode: code,
        providerMessage,
        httpStatus: null,
        retryable: !refused,
      });
    }
    const urls = [
      ...(run.output?.outputs ?? []).filter((entry) => entry.type === undefined || entry.type === 'image').map((entry) => entry.url),
      ...(run.output?.image_urls ?? []),
    ];
    if (urls.length === 0) throw malformedAnswerError('runflow', `reading run ${run.id}`, 'the run succeeded without output.outputs or output.image_urls', 200);
    const downloaded = await Promise.all(
      urls.map((url) => downloadImage({ provider: 'runflow', url, signal: this.context.signal, timeoutMs: this.settings.downloadTimeoutMs })),
    );
    const seed = typeof run.output?.seed === 'number' ? run.output.seed : null;
    const warnings: string[] = [];
    if (run.output?.nsfw_detected === true) warnings.push('Runflow flagged the output as NSFW.');
    if (run.status_code === 'partial_succeeded') warnings.push(`Runflow run ${run.id} succeeded only in part.`);
    return {
      // Runflow reports one seed per run (seed 002 "Output schema"); it is the first image's
      // seed, and how the others derive from it is undocumented, so they report none.
      images: downloaded.map((image, index) => ({ bytes: image.bytes, mimeType: image.mimeType, seed: index === 0 ? seed : null })),
      billedCost: cost !== null && Number.isFinite(cost) ? cost : null,
      warnings,
    };
  }

  private refusal(answer: HttpAnswer): ProviderError {
    return runflowRefusal(answer);
  }
}

/** A Runflow error answer as a `ProviderError`: Runflow's code and message, and an actionable sentence. */
function runflowRefusal(answer: HttpAnswer): ProviderError {
  const parsed = runflowErrorSchema.safeParse(parseJson(answer.text));
  if (!parsed.success) return malformedAnswerError('runflow', 'talking to Runflow', `HTTP ${answer.status}, ${describeBody(answer.text)}`, answer.status);
  const { code, message, errors } = parsed.data;
  const details = [message, ...(errors ?? []).map((entry) => `${entry.field ?? ''}: ${entry.message ?? ''}`)].filter((part) => part.length > 0).join(' | ');
  return providerFailureError({ provider: 'runflow', httpStatus: answer.status, codes: [code], providerCode: code, providerMessage: details });
}

function describeBody(text: string): string {
  const preview = text.slice(0, 120).replace(/\s+/g, ' ');
  return preview.length > 0 ? `body ${JSON.stringify(preview)} is not the documented JSON` : 'empty body';
}
