import { randomUUID } from 'node:crypto';
import PQueue from 'p-queue';
import { getOfferingById, getProvider } from '../../catalog/catalog.ts';
import { GENERATED_IMAGE_TYPE_NAMES } from '../../catalog/image-types.ts';
import { readImageHeader } from '../store/image-inspection.ts';
import type { ProviderId } from '../../catalog/types.ts';
import { costDriftWarnings } from '../budget/cost-drift.ts';
import { isProviderConfigured, type StudioConfig } from '../config.ts';
import { generateImages, resumeImages } from '../providers/generate-images.ts';
import {
  ProviderError,
  type ImageProviderAdapter,
  type ProviderCallContext,
  type ProviderResult,
  type ProviderTaskState,
} from '../providers/provider-types.ts';
import { scrubSecrets } from '../secrets.ts';
import type { GenerationError, GenerationsStore, StoredImage } from '../store/generations-store.ts';
import type { ImageFiles } from '../store/image-files.ts';
import type { ProviderCacheStore } from '../store/provider-cache-store.ts';
import type { UploadsStore } from '../store/uploads-store.ts';

/** The message of a generation cancelled with `POST /api/generations/:id/cancel` or deleted while running. */
export const CANCELLED_MESSAGE = 'Cancelled by the user';

/** The message of a generation found `queued`/`running` at start-up that cannot be resumed. */
export const INTERRUPTED_MESSAGE = 'The server stopped before this generation finished, so it was not completed and nothing was stored; generate it again.';

/**
 * The message of a generation the provider had already accepted (a task state
 * was saved) when the server stopped, but that cannot be resumed: a
 * synchronous provider (AI/ML API, Gemini) or one no longer configured. The
 * provider may have billed it, so the user is told to check before retrying.
 */
export function interruptedAfterAcceptanceMessage(providerName: string): string {
  return (
    `The server stopped while ${providerName} was making this generation and it cannot be picked up again, so no image was stored. ` +
    `${providerName} may still have billed it: check your ${providerName} account before generating it again.`
  );
}

/** Largest provider image the runner decodes to check it, in px (4K 8:1 is 19 MP; generous headroom). */
const PROVIDER_IMAGE_PIXEL_LIMIT = 300_000_000;

/** What the runner needs. */
export interface GenerationRunnerDependencies {
  config: StudioConfig;
  generations: GenerationsStore;
  uploads: UploadsStore;
  imageFiles: ImageFiles;
  providerCache: ProviderCacheStore;
  /** The adapter of a provider (providers/registry.ts `getAdapter`); throws for a provider without one. */
  getAdapter: (provider: ProviderId) => ImageProviderAdapter;
  /** Where progress lines go (default console.log). Never passed keys. */
  log?: (line: string) => void;
}

type Job = { kind: 'generate' } | { kind: 'resume'; state: ProviderTaskState };

interface ActiveGeneration {
  id: string;
  provider: ProviderId;
  job: Job;
  /** Aborted by the user (`cancelGeneration`) or by `close`. */
  controller: AbortController;
  /** Aborted only while the job waits in its provider's queue: p-queue then drops it without running it. */
  dequeue: AbortController;
  stopping: boolean;
  started: boolean;
  done: Promise<void>;
  finish: () => void;
}

/**
 * Runs generations: `queued` (saved by the route before anything else) ->
 * `running` -> `succeeded` (image files on disk before the record says so, in
 * one transaction with the image rows) or `failed` (with the provider's
 * message). Many generations run at once, capped per provider
 * (`config.concurrency`: `local` is CPU-bound); the rest wait `queued`.
 * Each call gets an AbortSignal for a user cancel plus the overall timeout
 * (`config.generationTimeoutMs`).
 */
export class GenerationRunner {
  private readonly active = new Map<string, ActiveGeneration>();
  /** One p-queue per provider, its concurrency the provider's cap (`config.concurrency`). */
  private readonly queues = new Map<ProviderId, PQueue>();
  /** sha256 -> how many running generations wrote that file and have not recorded it yet. */
  private readonly pendingFiles = new Map<string, number>();
  private readonly log: (line: string) => void;
  private closed = false;

  constructor(private readonly dependencies: GenerationRunnerDependencies) {
    const log = dependencies.log ?? ((line) => console.log(line));
    // Provider text reaches log lines through failures: no configured key or token may follow it.
    this.log = (line) => log(scrubSecrets(line, dependencies.config));
  }

  /** Starts (or queues behind the provider's cap) a generation already saved as `queued`. Returns at once. */
  startGeneration(id: string): void {
    const generation = this.dependencies.generations.getGenerationById(id);
    if (!generation) throw new Error(`generation ${id} is not stored`);
    this.enqueue(id, generation.request.provider, { kind: 'generate' });
  }

  /** Resolves when the generation ends (at once when it is not queued or running in this process). */
  async waitForGeneration(id: string): Promise<void> {
    await this.active.get(id)?.done;
  }

  /** Whether the generation is queued or running in this process. */
  isActive(id: string): boolean {
    return this.active.has(id);
  }

  /**
   * Cancels a queued or running generation: it ends `failed` with
   * `{code: 'cancelled', message: 'Cancelled by the user'}` (a provider task
   * already accepted may still be billed). Returns false when it is not active.
   */
  cancelGeneration(id: string): boolean {
    const entry = this.active.get(id);
    if (!entry) return false;
    if (!entry.started) {
      entry.dequeue.abort();
      this.dependencies.generations.failGeneration(id, { code: 'cancelled', message: CANCELLED_MESSAGE }, { durationMs: null });
      this.settle(entry);
      return true;
    }
    entry.controller.abort(new Error(CANCELLED_MESSAGE));
    return true;
  }

  /**
   * At start-up: generations left `queued`/`running` by a previous run are
   * resumed in the background when their adapter has `resume` and a task
   * state was saved; the rest are marked `failed` (code `interrupted`) with
   * `INTERRUPTED_MESSAGE`, or, where the provider had accepted the task,
   * `interruptedAfterAcceptanceMessage`. Returns how many took each path.
   */
  recoverInterruptedGenerations(): { resumed: number; failed: number } {
    let resumed = 0;
    let failed = 0;
    for (const { generation, taskState } of this.dependencies.generations.listUnfinishedGenerations()) {
      if (this.active.has(generation.id)) continue;
      const provider = generation.request.provider;
      let adapter: ImageProviderAdapter | undefined;
      try {
        adapter = this.dependencies.getAdapter(provider);
      } catch {
        adapter = undefined;
      }
      if (taskState && adapter?.resume && isProviderConfigured(this.dependencies.config, provider)) {
        this.enqueue(generation.id, provider, { kind: 'resume', state: taskState });
        resumed += 1;
      } else {
        const message = taskState ? interruptedAfterAcceptanceMessage(getProvider(provider)?.name ?? provider) : INTERRUPTED_MESSAGE;
        this.dependencies.generations.failGeneration(generation.id, { code: 'interrupted', message }, { durationMs: null });
        failed += 1;
      }
    }
    if (resumed + failed > 0) this.log(`recovered unfinished generations: ${resumed} resumed, ${failed} marked failed`);
    return { resumed, failed };
  }

  /**
   * Stops taking work and aborts what runs. Rows stay `queued`/`running`, so
   * the next start resumes or fails them (`recoverInterruptedGenerations`).
   * Resolves when every job has stopped.
   */
  async close(): Promise<void> {
    this.closed = true;
    const entries = [...this.active.values()];
    for (const entry of entries) {
      entry.stopping = true;
      if (!entry.started) {
        entry.dequeue.abort();
        this.settle(entry);
      } else {
        entry.controller.abort(new Error('The server is stopping'));
      }
    }
    await Promise.all(entries.map((entry) => entry.done));
  }

  private enqueue(id: string, provider: ProviderId, job: Job): void {
    if (this.closed) throw new Error('the generation runner is closed');
    if (this.active.has(id)) return;
    let finish!: () => void;
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const entry: ActiveGeneration = {
      id,
      provider,
      job,
      controller: new AbortController(),
      dequeue: new AbortController(),
      stopping: false,
      started: false,
      done,
      finish,
    };
    this.active.set(id, entry);
    let queue = this.queues.get(provider);
    if (!queue) {
      queue = new PQueue({ concurrency: this.capacity(provider) });
      this.queues.set(provider, queue);
    }
    // A cancel or close while queued aborts `dequeue`: p-queue drops the job and rejects, which settles it (idempotent).
    queue
      .add(
        async () => {
          entry.started = true;
          await this.execute(entry);
        },
        { signal: entry.dequeue.signal },
      )
      .catch(() => undefined)
      .finally(() => this.settle(entry));
  }

  private capacity(provider: ProviderId): number {
    return provider === 'local' ? this.dependencies.config.concurrency.local : this.dependencies.config.concurrency.hosted;
  }

  private settle(entry: ActiveGeneration): void {
    if (this.active.get(entry.id) === entry) this.active.delete(entry.id);
    entry.finish();
  }

  private async execute(entry: ActiveGeneration): Promise<void> {
    const { generations, uploads, imageFiles, providerCache, config } = this.dependencies;
    const generation = generations.getGenerationById(entry.id);
    if (!generation || (generation.status !== 'queued' && generation.status !== 'running')) return;
    const request = generation.request;
    const startedAt = Date.now();
    const timeout = AbortSignal.timeout(config.generationTimeoutMs);
    const signal = AbortSignal.any([entry.controller.signal, timeout]);
    const writtenFiles: Array<{ sha256: string; mimeType: string }> = [];
    try {
      if (!generations.markGenerationRunning(entry.id, new Date(startedAt).toISOString())) return;
      const offering = getOfferingById(generation.offeringId);
      if (!offering) throw new Error(`the offering ${generation.offeringId} is no longer in the catalog`);
      const adapter = this.dependencies.getAdapter(request.provider);
      const endpoint = config.providers[request.provider];
      const references = await uploads.loadReferenceImages(request.referenceImages);
      const context: ProviderCallContext = {
        generationId: entry.id,
        offering,
        apiKey: endpoint.apiKey ?? '',
        baseUrl: endpoint.baseUrl,
        signal,
        references,
        onAccepted: (state) => generations.saveTaskState(entry.id, state),
        cache: providerCache.forProvider(request.provider),
        conversationHistory: generations.getConversationHistory(entry.id),
        loadStoredImage: (sha256, mimeType) => imageFiles.readImage(sha256, mimeType),
      };
      let result: ProviderResult;
      // The n-image split (ceil(n / maxImagesPerCall) calls, merged) happens there, above the adapters.
      if (entry.job.kind === 'resume') result = await resumeImages(adapter, request, entry.job.state, context);
      else result = await generateImages(adapter, request, context);
      signal.throwIfAborted();
      if (result.images.length === 0) {
        throw new ProviderError({
          provider: request.provider,
          message: `${offering.id} returned no image${result.warnings.length > 0 ? `: ${result.warnings.join(' ')}` : '; try another prompt.'}`,
          providerCode: 'no_image',
          providerMessage: result.warnings.join(' '),
          httpStatus: null,
          retryable: false,
        });
      }
      const stored: StoredImage[] = [];
      for (const [index, image] of result.images.entries()) {
        const header = await readImageHeader(image.bytes, PROVIDER_IMAGE_PIXEL_LIMIT);
        if (!header?.type.generated) {
          throw new ProviderError({
            provider: request.provider,
            message: `${offering.id} returned image ${index + 1} in a form that is not a ${GENERATED_IMAGE_TYPE_NAMES} image; nothing was stored.`,
            providerCode: 'invalid_image',
            providerMessage: `declared ${image.mimeType}`,
            httpStatus: null,
            retryable: false,
          });
        }
        const { mimeType } = header.type;
        const sha256 = await imageFiles.writeImage(image.bytes, mimeType);
        // The studio asks for the thumbnail as soon as it hears of the result: have it ready (made on demand if this fails).
        await imageFiles.ensureThumbnail(sha256, mimeType).catch(() => undefined);
        if (!writtenFiles.some((file) => file.sha256 === sha256)) {
          writtenFiles.push({ sha256, mimeType });
          this.pendingFiles.set(sha256, (this.pendingFiles.get(sha256) ?? 0) + 1);
        }
        stored.push({
          id: randomUUID(),
          sha256,
          mimeType,
          width: header.width,
          height: header.height,
          seed: image.seed,
          bytes: image.bytes.length,
          ...(image.conversation === undefined ? {} : { conversation: image.conversation }),
        });
      }
      const completed = generations.completeGeneration(entry.id, {
        images: stored,
        actualCost: result.billedCost,
        computedCost: result.computedCost ?? null,
        // Drift (budget/cost-drift.ts): a cost outside the estimate's range is flagged on the generation.
        warnings: [
          ...result.warnings.map((warning) => scrubSecrets(warning, this.dependencies.config)),
          ...costDriftWarnings(generation.estimatedCost, generation.offeringId, result.billedCost, result.computedCost?.usd ?? null),
        ],
        usage: result.usage ?? null,
        durationMs: Date.now() - startedAt,
      });
      if (!completed) {
        await this.removeUnusedFiles(writtenFiles, new Set(writtenFiles.map((file) => file.sha256)));
        return;
      }
      this.log(`generation ${entry.id} succeeded: ${generation.offeringId}, ${stored.length} image(s), ${Date.now() - startedAt} ms`);
    } catch (error) {
      if (entry.stopping) {
        this.log(`generation ${entry.id} interrupted by shutdown`);
        await this.removeUnusedFiles(writtenFiles, new Set(writtenFiles.map((file) => file.sha256)));
        return;
      }
      const failure = this.describeFailure(error, entry, timeout);
      generations.failGeneration(entry.id, failure, { durationMs: Date.now() - startedAt });
      await this.removeUnusedFiles(writtenFiles, new Set(writtenFiles.map((file) => file.sha256)));
      this.log(`generation ${entry.id} failed: ${failure.code}${failure.providerCode ? ` (${failure.providerCode})` : ''}: ${failure.message}`);
    } finally {
      for (const file of writtenFiles) {
        const count = (this.pendingFiles.get(file.sha256) ?? 1) - 1;
        if (count <= 0) this.pendingFiles.delete(file.sha256);
        else this.pendingFiles.set(file.sha256, count);
      }
    }
  }

  /**
   * Removes each image file that no generation, upload or running generation
   * uses any more (after a delete or a failure). Never throws.
   */
  async removeUnusedFiles(files: Array<{ sha256: string; mimeType: string }>, ownPendingFiles = new Set<string>()): Promise<void> {
    for (const file of files) {
      const pending = (this.pendingFiles.get(file.sha256) ?? 0) - (ownPendingFiles.has(file.sha256) ? 1 : 0);
      if (pending > 0 || this.dependencies.generations.isImageFileInUse(file.sha256)) continue;
      await this.dependencies.imageFiles.deleteImage(file.sha256, file.mimeType).catch(() => undefined);
    }
  }

  private describeFailure(error: unknown, entry: ActiveGeneration, timeout: AbortSignal): GenerationError {
    if (entry.controller.signal.aborted) return { code: 'cancelled', message: CANCELLED_MESSAGE };
    if (timeout.aborted) {
      const minutes = Math.round((this.dependencies.config.generationTimeoutMs / 60_000) * 10) / 10;
      return {
        code: 'timeout',
        message: `The generation did not finish within ${minutes} minutes and was stopped; try again or choose a smaller resolution.`,
      };
    }
    const scrub = (text: string) => scrubSecrets(text, this.dependencies.config);
    if (error instanceof ProviderError) return { code: 'provider_error', message: scrub(error.message), providerCode: scrub(error.providerCode) };
    const reason = error instanceof Error ? error.message : String(error);
    return { code: 'internal_error', message: scrub(`The generation failed on the studio server: ${reason}`) };
  }
}
