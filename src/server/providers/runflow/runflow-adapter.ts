import type { AcceptedGenerationRequest } from '../../../catalog/request.ts';
import {
  describeHttpFailure,
  downloadImage,
  formatDuration,
  malformedAnswerError,
  parseJson,
  ProviderTransportError,
  READ_RETRY,
  sendHttp,
  splitIntoCalls,
  toDataUri,
  waitFor,
  type HttpAnswer,
} from '../http.ts';
import { ProviderError, type ImageProviderAdapter, type ProviderCallContext, type ProviderResult } from '../provider-types.ts';
import { DEFAULT_RUNFLOW_SETTINGS, RUNFLOW_ACCOUNT_PAGE, toRunflowInput, type RunflowAdapterSettings } from './runflow-settings.ts';
import {
  RUNFLOW_TERMINAL,
  runflowErrorSchema,
  runflowRunSchema,
  runflowTaskStateSchema,
  type RunflowCreateBody,
  type RunflowRun,
  type RunflowTaskState,
} from './runflow-wire.ts';

/**
 * The Runflow adapter (docs/PROVIDERS.md "Runflow"; seed 002).
 *
 * A request for n images becomes `ceil(n / 4)` runs (`num_images` 1..4),
 * created with `POST /v1/models/{providerModelId}/runs` (the `/edit` model
 * when there are reference images, chosen by the catalog) and polled with
 * `GET /v1/runs/{id}` (1 s, x1.5 up to 10 s, 10 min in all). Both output
 * shapes are read (`output.outputs[].url` and `output.image_urls`); images
 * are downloaded at once; `billedCost` is the sum of `Number(cost)`.
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

    async generate(request, context) {
      const state: RunflowTaskState = {
        runs: splitIntoCalls(request.numberResults, context.offering.numberResults.perCall).map((numImages) => ({
          numImages,
          status: 'not_started',
          runId: null,
        })),
      };
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
  };
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
        `${lost.reduce((sum, run) => sum + run.numImages, 0)} image(s) were being requested from Runflow when the server stopped; that run's id was never received, so those images cannot be collected (check the Runflow dashboard, it may have been billed).`,
      );
    }
    const imageUrls = this.context.references.map((reference) => toDataUri(reference.mimeType, reference.bytes));
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
        const finished = await this.pollRun(run.runId!);
        return this.collect(finished);
      }),
    );
    const results: ProviderResult[] = [];
    const failures: unknown[] = [];
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') failures.push(outcome.reason);
      else if (outcome.value) results.push(outcome.value);
    }
    const cancelled = failures.find((failure) => failure instanceof ProviderTransportError && failure.kind === 'cancelled');
    if (cancelled) throw cancelled;
    const images = results.flatMap((result) => result.images);
    if (images.length === 0) {
      throw failures[0] ?? new ProviderError({
        provider: 'runflow',
        message: 'Runflow returned no images for this generation; try again.',
        providerCode: 'no_images',
        providerMessage: '',
        httpStatus: null,
        retryable: true,
      });
    }
    for (const failure of failures) warnings.push(`Runflow made only part of the images: ${(failure as Error).message}`);
    for (const result of results) warnings.push(...result.warnings);
    if (images.length < this.request.numberResults) warnings.push(`Runflow returned ${images.length} of the ${this.request.numberResults} images asked for.`);
    const costs = results.map((result) => result.billedCost).filter((cost): cost is number => cost !== null);
    const billedCost = costs.length === 0 ? null : Math.round(costs.reduce((sum, cost) => sum + cost, 0) * 1e10) / 1e10;
    return { images, billedCost, warnings };
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
          message: `The connection to Runflow failed while creating the run (${error.providerMessage}); Runflow may have started it, so it was not sent again. Check the Runflow dashboard before generating again.`,
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
      throw malformedAnswerError('runflow', purpose, `HTTP ${answer.status}, ${describeBody(answer.text)}; Runflow may have started the run, so it was not sent again`, answer.status);
    }
    return run.data.id;
  }

  /** Poll until the run ends or the overall timeout passes. */
  private async pollRun(runId: string): Promise<RunflowRun> {
    const deadline = Date.now() + this.settings.overallTimeoutMs;
    let delayMs = this.settings.pollInitialDelayMs;
    for (;;) {
      await waitFor(delayMs, this.context.signal, 'runflow');
      delayMs = Math.min(delayMs * this.settings.pollBackoffFactor, this.settings.pollMaxDelayMs);
      const purpose = `checking on run ${runId}`;
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
      if (RUNFLOW_TERMINAL.includes(run.data.status_code)) return run.data;
      if (Date.now() > deadline) {
        throw new ProviderError({
          provider: 'runflow',
          message: `Runflow did not finish run ${runId} within ${formatDuration(this.settings.overallTimeoutMs)}; it may be overloaded. Try again later.`,
          providerCode: 'timeout',
          providerMessage: `status ${run.data.status_code} after ${this.settings.overallTimeoutMs} ms`,
          httpStatus: null,
          retryable: true,
        });
      }
    }
  }

  /** A finished run as images (downloaded at once), cost and warnings. */
  private async collect(run: RunflowRun): Promise<ProviderResult> {
    const cost = run.cost === null || run.cost === undefined ? null : Number(run.cost);
    if (run.status_code === 'failed' || run.status_code === 'canceled' || run.status_code === 'cancelled') {
      const code = run.failure_code ?? run.status_code;
      const providerMessage = run.failure_message ?? '';
      const refused = /content|policy|safety|nsfw|moderation/i.test(`${code} ${providerMessage}`);
      throw new ProviderError({
        provider: 'runflow',
        message: refused
          ? describeHttpFailure({ provider: 'runflow', status: 200, providerMessage, kind: 'refused_prompt', accountPage: RUNFLOW_ACCOUNT_PAGE })
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

  /** A Runflow error answer as a `ProviderError`: Runflow's code and message, and an actionable sentence. */
  private refusal(answer: HttpAnswer): ProviderError {
    const parsed = runflowErrorSchema.safeParse(parseJson(answer.text));
    if (!parsed.success) return malformedAnswerError('runflow', 'talking to Runflow', `HTTP ${answer.status}, ${describeBody(answer.text)}`, answer.status);
    const { code, message, errors } = parsed.data;
    const details = [message, ...(errors ?? []).map((entry) => `${entry.field ?? ''}: ${entry.message ?? ''}`)].filter((part) => part.length > 0).join(' | ');
    const kind =
      answer.status === 401 || answer.status === 403 || /unauthori[sz]ed|api_key/i.test(code)
        ? 'bad_key'
        : answer.status === 402 || /credit|balance/i.test(code)
          ? 'no_credit'
          : answer.status === 429
            ? 'rate_limit'
            : answer.status >= 500
              ? 'unavailable'
              : answer.status === 404 && code === 'RUN_NOT_FOUND'
                ? 'invalid_request'
                : undefined;
    return new ProviderError({
      provider: 'runflow',
      message: describeHttpFailure({ provider: 'runflow', status: answer.status, providerMessage: details, ...(kind ? { kind } : {}), accountPage: RUNFLOW_ACCOUNT_PAGE }),
      providerCode: code,
      providerMessage: details,
      httpStatus: answer.status,
      retryable: answer.status === 429 || answer.status >= 500,
    });
  }
}

function describeBody(text: string): string {
  const preview = text.slice(0, 120).replace(/\s+/g, ' ');
  return preview.length > 0 ? `body ${JSON.stringify(preview)} is not the documented JSON` : 'empty body';
}
