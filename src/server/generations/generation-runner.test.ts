import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AcceptedGenerationRequest } from '../../catalog/request.ts';
import type { ProviderId } from '../../catalog/types.ts';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { localAdapter } from '../providers/local/local-adapter.ts';
import {
  ProviderError,
  type ImageProviderAdapter,
  type ProviderCallContext,
  type ProviderResult,
  type ProviderTaskState,
} from '../providers/provider-types.ts';
import { createStudio, type Studio } from '../studio.ts';
import { CANCELLED_MESSAGE, interruptedAfterAcceptanceMessage } from './generation-runner.ts';

/**
 * A scripted adapter standing in for a hosted provider, to drive the runner's
 * lifecycle (the hosted adapters themselves are tested against fake servers).
 * The prompt picks the behaviour.
 */
class ScriptedAdapter implements ImageProviderAdapter {
  readonly provider = 'runware' as const;
  resumed: ProviderTaskState[] = [];
  seenKeys: string[] = [];
  /** The prompt of every `generate` call so far, recorded as the call starts. */
  startedPrompts: string[] = [];

  async generate(request: AcceptedGenerationRequest, context: ProviderCallContext): Promise<ProviderResult> {
    this.seenKeys.push(context.apiKey);
    this.startedPrompts.push(request.prompt);
    context.cache.set('last-prompt', request.prompt);
    if (request.prompt.includes('no credit')) {
      throw new ProviderError({
        provider: 'runware',
        message: 'Runware refused the task: the account has no credit left; top it up at runware.ai and retry.',
        providerCode: 'insufficientCredits',
        providerMessage: 'Insufficient credits',
        httpStatus: 402,
        retryable: false,
      });
    }
    if (request.prompt.includes('accept then wait')) {
      context.onAccepted({ taskUUID: 'task-1' });
      return this.waitForAbort(context.signal);
    }
    if (request.prompt.includes('wait for cancel')) return this.waitForAbort(context.signal);
    if (request.prompt.includes('ignore the signal')) {
      // A provider that does not stop when asked: it answers with an image only after the timeout has fired.
      await this.waitForAbort(context.signal).catch(() => undefined);
    }
    if (request.prompt.includes('not an image')) {
      return { images: [{ bytes: Buffer.from('<html>expired</html>'), mimeType: 'image/png', seed: null }], billedCost: 0.04, warnings: [] };
    }
    return this.result(0.0421, context);
  }

  async resume(request: AcceptedGenerationRequest, state: ProviderTaskState, context: ProviderCallContext): Promise<ProviderResult> {
    this.resumed.push(state);
    return this.result(0.05, context);
  }

  private async result(billedCost: number, context: ProviderCallContext): Promise<ProviderResult> {
    const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#facc15' } })
      .png()
      .toBuffer();
    return { images: [{ bytes, mimeType: 'image/png', seed: 7 }], billedCost, warnings: [`references: ${context.references.length}`], usage: { tokens: 5 } };
  }

  private waitForAbort(signal: AbortSignal): Promise<never> {
    // Rejects with the abort reason once the runner aborts the call (a cancel, the overall timeout or a shutdown).
    return new Promise((_, reject) => {
      if (signal.aborted) reject(signal.reason as Error);
      signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
    });
  }
}

let directory: string;
const adapter = new ScriptedAdapter();
const getAdapter = (provider: ProviderId): ImageProviderAdapter => (provider === 'runware' ? adapter : localAdapter);
let studio: Studio;

/** Resolves once the runner has saved the provider's task state for the generation (its `onAccepted` ran). */
async function waitForAcceptedTask(id: string): Promise<void> {
  await vi.waitFor(() => {
    expect(studio.generations.listUnfinishedGenerations().find((unfinished) => unfinished.generation.id === id)?.taskState).not.toBeNull();
  });
}

function openStudio(runwareKey: string | null = 'runware-test-key', extra: Record<string, string> = {}): Studio {
  const environment: Record<string, string> = { STUDIO_DATA_DIR: directory, STUDIO_GENERATION_TIMEOUT_MS: '800', ...extra };
  if (runwareKey !== null) environment.RUNWARE_API_KEY = runwareKey;
  const config = loadConfig(environment, directory);
  return createStudio(config, { getAdapter, log: () => {} });
}

/** The Generation fields these tests read (docs/API.md). */
interface GenerationAnswer {
  id: string;
  status: string;
  actualCost: number | null;
  error: { code: string; message: string; providerCode?: string } | null;
  usage: unknown;
  warnings: string[];
  images: unknown[];
}

async function generate(prompt: string, wait = true, target: Studio = studio): Promise<GenerationAnswer> {
  const app = createApp(target, { staticDirectory: null });
  const response = await app.request(`/api/generations${wait ? '?wait=true' : ''}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ provider: 'runware', model: 'nano-banana-2', prompt }),
  });
  expect(response.status).toBe(wait ? 200 : 202);
  return response.json() as never;
}

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'studio-runner-test-'));
  studio = openStudio();
});

afterAll(async () => {
  await studio.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('generation runner', () => {
  it('records the billed cost, warnings, usage and the images; passes the key to the adapter only', async () => {
    const generation = await generate('a plain success');
    expect(generation).toMatchObject({ status: 'succeeded', actualCost: 0.0421, usage: { tokens: 5 }, error: null });
    // The adapter's own warning, then the drift warning: $0.0421 billed against an estimate of $0.06895.
    expect(generation.warnings).toEqual([
      'references: 0',
      expect.stringMatching(/^Cost outside the estimate: The provider billed \$0\.0421, below the estimated \$0\.06895\./),
    ]);
    expect(generation.images).toEqual([expect.objectContaining({ width: 64, height: 48, mimeType: 'image/png', seed: 7 })]);
    expect(adapter.seenKeys).toContain('runware-test-key');
    expect(JSON.stringify(generation)).not.toContain('runware-test-key');
    expect(studio.providerCache.forProvider('runware').get('last-prompt')).toBe('a plain success');
  });

  it("records a provider's refusal with its code and message", async () => {
    const generation = await generate('there is no credit');
    expect(generation.status).toBe('failed');
    expect(generation.error).toEqual({
      code: 'provider_error',
      message: 'Runware refused the task: the account has no credit left; top it up at runware.ai and retry.',
      providerCode: 'insufficientCredits',
    });
    expect(generation.actualCost).toBeNull();
  });

  it('refuses to store what is not an image', async () => {
    const generation = await generate('returns not an image');
    expect(generation.status).toBe('failed');
    expect(generation.error).toMatchObject({ code: 'provider_error', providerCode: 'invalid_image' });
  });

  it('cancels a running generation', async () => {
    const started = await generate('wait for cancel', false);
    const app = createApp(studio, { staticDirectory: null });
    await vi.waitFor(() => expect(adapter.startedPrompts).toContain('wait for cancel'));
    const response = await app.request(`/api/generations/${started.id}/cancel`, { method: 'POST' });
    const generation = (await response.json()) as { status: string; error: unknown };
    expect(generation).toMatchObject({ status: 'failed', error: { code: 'cancelled', message: CANCELLED_MESSAGE } });
  });

  it('stops a generation at the overall timeout', async () => {
    const generation = await generate('ignore the signal and take long');
    expect(generation.status).toBe('failed');
    expect(generation.error?.code).toBe('timeout');
    expect(generation.error?.message).toMatch(/did not finish within/);
  });

  it('a failure in one generation leaves the others whole', async () => {
    const results = await Promise.all([generate('ok one'), generate('no credit two'), generate('ok three')]);
    expect(results.map((generation) => generation.status)).toEqual(['succeeded', 'failed', 'succeeded']);
  });

  it('resumes a task the provider accepted before a restart, without submitting it again', async () => {
    const started = await generate('accept then wait for the restart', false);
    await waitForAcceptedTask(started.id);
    await studio.close();
    expect(studio.database.open).toBe(false);

    studio = openStudio();
    const before = adapter.seenKeys.length;
    expect(studio.generations.getGenerationById(started.id)?.status).toBe('running');
    const recovered = studio.runner.recoverInterruptedGenerations();
    expect(recovered.resumed).toBe(1);
    await studio.runner.waitForGeneration(started.id);
    const generation = studio.generations.getGenerationById(started.id)!;
    expect(generation).toMatchObject({ status: 'succeeded', actualCost: 0.05 });
    expect(adapter.resumed).toEqual([{ taskUUID: 'task-1' }]);
    expect(adapter.seenKeys.length).toBe(before);
  });

  it('says the provider may have billed an accepted task it cannot resume', async () => {
    const started = await generate('accept then wait, then lose the key', false);
    await waitForAcceptedTask(started.id);
    await studio.close();

    studio = openStudio(null);
    const resumedBefore = adapter.resumed.length;
    expect(studio.runner.recoverInterruptedGenerations()).toEqual({ resumed: 0, failed: 1 });
    const generation = studio.generations.getGenerationById(started.id)!;
    expect(generation.status).toBe('failed');
    expect(generation.error).toEqual({ code: 'interrupted', message: interruptedAfterAcceptanceMessage('Runware') });
    expect(generation.error?.message).toMatch(/Runware may still have billed it/);
    expect(adapter.resumed.length).toBe(resumedBefore);
    await studio.close();
    studio = openStudio();
  });

  it('queues behind the provider cap: a queued cancel fails at once without starting, close leaves queued rows for recovery', async () => {
    const capped = openStudio('runware-test-key', { STUDIO_MAX_CONCURRENT_GENERATIONS: '1', STUDIO_GENERATION_TIMEOUT_MS: '60000' });
    const app = createApp(capped, { staticDirectory: null });
    const first = await generate('wait for cancel: holds the only slot', false, capped);
    await vi.waitFor(() => expect(adapter.startedPrompts).toContain('wait for cancel: holds the only slot'));
    const second = await generate('queued, then cancelled', false, capped);
    const third = await generate('queued until the server stops', false, capped);
    expect(capped.generations.getGenerationById(second.id)?.status).toBe('queued');
    expect(capped.runner.isActive(second.id)).toBe(true);

    const response = await app.request(`/api/generations/${second.id}/cancel`, { method: 'POST' });
    expect(await response.json()).toMatchObject({ status: 'failed', error: { code: 'cancelled', message: CANCELLED_MESSAGE } });
    expect(capped.runner.isActive(second.id)).toBe(false);

    await capped.close();
    expect(adapter.startedPrompts).not.toContain('queued, then cancelled');
    expect(adapter.startedPrompts).not.toContain('queued until the server stops');
    const reopened = openStudio();
    expect(reopened.generations.getGenerationById(first.id)?.status).toBe('running');
    expect(reopened.generations.getGenerationById(third.id)?.status).toBe('queued');
    expect(reopened.runner.recoverInterruptedGenerations()).toEqual({ resumed: 0, failed: 2 });
    await reopened.close();
  });
});
