import type { AcceptedGenerationRequest } from '../../catalog/request.ts';
import type { ProviderId } from '../../catalog/types.ts';
import { PROVIDER_NAMES, ProviderTransportError } from './http.ts';
import { ProviderError, type ImageProviderAdapter, type ProviderCallContext, type ProviderResult, type ProviderTaskState } from './provider-types.ts';

/**
 * The n-image split, in one place above the adapters, as the AI SDK's
 * `generateImage` does: a request for `numberResults` images becomes
 * `ceil(n / maxImagesPerCall)` adapter calls (in parallel), and their results
 * are merged. A request that fits one call goes to the adapter unchanged, its
 * task state too.
 *
 * Task state of a split request (saved through `onAccepted`, read by
 * `resumeImages`): `{ splitCalls: [{ numberResults, state }] }`, one entry per
 * call, `state` the adapter's own state for that call or `null` while the
 * call has not been accepted (so it can be sent after a restart without
 * billing twice).
 */

/** The task state of a request split into several calls. */
interface SplitTaskState extends ProviderTaskState {
  splitCalls: Array<{ numberResults: number; state: ProviderTaskState | null }>;
}

/** How many images one call of `adapter` makes at most for the context's offering (all of them when the adapter says nothing). */
function maxImagesPerCall(adapter: ImageProviderAdapter, context: ProviderCallContext): number {
  return Math.max(1, adapter.maxImagesPerCall?.(context.offering) ?? Number.POSITIVE_INFINITY);
}

/**
 * Run `count` calls of at most `perCall` images each (the AI SDK's
 * `ceil(n / maxImagesPerCall)` split): returns the image count of each call.
 */
export function splitIntoCalls(count: number, perCall: number): number[] {
  const calls: number[] = [];
  for (let remaining = count; remaining > 0; remaining -= perCall) calls.push(Math.min(perCall, remaining));
  return calls;
}

/** Whether a saved task state is a split request's (`SplitTaskState`). */
function isSplitTaskState(state: ProviderTaskState): state is SplitTaskState {
  const calls = (state as { splitCalls?: unknown }).splitCalls;
  return (
    Array.isArray(calls) &&
    calls.every((call) => typeof call === 'object' && call !== null && typeof (call as { numberResults?: unknown }).numberResults === 'number')
  );
}

/**
 * Make the request's images with `adapter`, split into calls of at most its
 * `maxImagesPerCall`. Throws the adapter's `ProviderError` when every call
 * failed; keeps the images made when only some did (with a warning each).
 */
export async function generateImages(adapter: ImageProviderAdapter, request: AcceptedGenerationRequest, context: ProviderCallContext): Promise<ProviderResult> {
  const counts = splitIntoCalls(request.numberResults, maxImagesPerCall(adapter, context));
  if (counts.length <= 1) return adapter.generate(request, context);
  const calls = counts.map((numberResults) => ({ numberResults, state: null }));
  return runCalls(adapter, request, context, calls, (_call, callRequest, callContext) => adapter.generate(callRequest, callContext));
}

/**
 * Finish, after a restart, a request whose task state was saved: each call
 * the provider accepted is resumed (`adapter.resume`), each call never sent is
 * sent now. A state that is not a split request's goes to `adapter.resume` unchanged.
 *
 * @throws Error when the adapter has no `resume`.
 */
export async function resumeImages(
  adapter: ImageProviderAdapter,
  request: AcceptedGenerationRequest,
  state: ProviderTaskState,
  context: ProviderCallContext,
): Promise<ProviderResult> {
  const resume = adapter.resume?.bind(adapter);
  if (!resume) throw new Error(`the ${adapter.provider} adapter cannot resume a task`);
  if (!isSplitTaskState(state)) return resume(request, state, context);
  const calls = state.splitCalls.map((call) => ({ numberResults: call.numberResults, state: call.state ?? null }));
  return runCalls(adapter, request, context, calls, (call, callRequest, callContext) =>
    call.state === null ? adapter.generate(callRequest, callContext) : resume(callRequest, call.state, callContext),
  );
}

async function runCalls(
  adapter: ImageProviderAdapter,
  request: AcceptedGenerationRequest,
  context: ProviderCallContext,
  calls: SplitTaskState['splitCalls'],
  run: (call: SplitTaskState['splitCalls'][number], callRequest: AcceptedGenerationRequest, callContext: ProviderCallContext) => Promise<ProviderResult>,
): Promise<ProviderResult> {
  const saveState = () => context.onAccepted({ splitCalls: structuredClone(calls) } satisfies SplitTaskState);
  const settled = await Promise.allSettled(
    calls.map((call) =>
      run(
        { ...call },
        { ...request, numberResults: call.numberResults },
        {
          ...context,
          onAccepted: (state) => {
            call.state = state;
            saveState();
          },
        },
      ),
    ),
  );
  return mergeResults(adapter, request, context, settled);
}

/**
 * Merge settled calls: when all failed, throw the first error; when some
 * failed, keep the images that were made (they are billed) and add a warning
 * per failure. A cancel wins over everything.
 */
function mergeSettledCalls<T>(provider: ProviderId, settled: PromiseSettledResult<T>[], images: (value: T) => number): { values: T[]; warnings: string[] } {
  const values: T[] = [];
  const failures: unknown[] = [];
  for (const outcome of settled) {
    if (outcome.status === 'fulfilled') values.push(outcome.value);
    else failures.push(outcome.reason);
  }
  const cancelled = failures.find((failure): failure is ProviderTransportError => failure instanceof ProviderTransportError && failure.kind === 'cancelled');
  if (cancelled) throw cancelled;
  if (values.length === 0 || values.every((value) => images(value) === 0)) {
    const first = failures[0];
    if (first instanceof Error) throw first;
    throw new ProviderError({
      provider,
      message: `${PROVIDER_NAMES[provider]} returned no images; try again.`,
      providerCode: 'no_images',
      providerMessage: first === undefined ? '' : JSON.stringify(first),
      httpStatus: null,
      retryable: true,
    });
  }
  const warnings = failures.map(
    (failure) => `${PROVIDER_NAMES[provider]} made only part of the images: one call failed (${failure instanceof Error ? failure.message : String(failure)}).`,
  );
  return { values, warnings };
}

/**
 * The results of several calls as one: images in call order; warnings
 * (repeats dropped); `billedCost` the sum, `null` when any call billed
 * nothing known; `computedCost` the adapter's `computeCost` of the merged usage
 * where it has one, else the sum; `usage` numbers summed, lists joined.
 */
function mergeResults(
  adapter: ImageProviderAdapter,
  request: AcceptedGenerationRequest,
  context: ProviderCallContext,
  settled: PromiseSettledResult<ProviderResult>[],
): ProviderResult {
  const { values, warnings: failureWarnings } = mergeSettledCalls(adapter.provider, settled, (result) => result.images.length);
  const images = values.flatMap((result) => result.images);
  const warnings = [...new Set(values.flatMap((result) => result.warnings))];
  warnings.push(...failureWarnings);
  if (images.length < request.numberResults) {
    warnings.push(`${PROVIDER_NAMES[adapter.provider]} returned ${images.length} of the ${request.numberResults} images asked for.`);
  }
  const billedCost = values.some((result) => result.billedCost === null)
    ? null
    : Math.round(values.reduce((sum, result) => sum + (result.billedCost ?? 0), 0) * 1e10) / 1e10;
  const usages = values.map((result) => result.usage).filter((usage): usage is Record<string, unknown> => usage !== undefined);
  const usage = usages.length > 0 ? mergeUsage(usages) : undefined;
  const costs = values.map((result) => result.computedCost).filter((cost): cost is { usd: number; basis: string } => cost !== undefined);
  const computedCost =
    adapter.computeCost && usage
      ? adapter.computeCost(request, usage, context)
      : costs.length > 0
        ? { usd: Math.round(costs.reduce((sum, cost) => sum + cost.usd, 0) * 1e8) / 1e8, basis: [...new Set(costs.map((cost) => cost.basis))].join(' ') }
        : null;
  return { images, billedCost, warnings, ...(usage ? { usage } : {}), ...(computedCost ? { computedCost } : {}) };
}

/** Usage records of several calls as one: numbers summed, lists joined, anything else as the first call said. */
function mergeUsage(usages: Record<string, unknown>[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const usage of usages) {
    for (const [key, value] of Object.entries(usage)) {
      const before = merged[key];
      if (typeof value === 'number' && (before === undefined || typeof before === 'number')) merged[key] = (before ?? 0) + value;
      else if (Array.isArray(value) && (before === undefined || Array.isArray(before))) {
        const list: unknown[] = value;
        merged[key] = [...((before ?? []) as unknown[]), ...list];
      } else if (before === undefined) merged[key] = value;
    }
  }
  return merged;
}
