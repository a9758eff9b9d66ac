import pRetry from 'p-retry';
import type { ProviderId } from '../../catalog/types.ts';
import { cancelledError, waitFor } from './http.ts';

/** What `check` returns while the provider is still working on the task. */
export const STILL_PROCESSING = Symbol('still processing');

/** Thrown inside the p-retry loop for a "still processing" answer, so that p-retry waits and asks again. */
class StillProcessingError extends Error {
  constructor() {
    super('still processing');
    this.name = 'StillProcessingError';
  }
}

/** How often and how long to poll a provider for a task it accepted (the adapters' settings). */
export interface PollSchedule {
  /** Wait before the first check in ms (0 asks at once, e.g. after a restart). */
  firstDelayMs: number;
  /** Wait after the first "still processing" in ms is `initialDelayMs` x `backoffFactor`, then x`backoffFactor` each time, at most `maxDelayMs`. */
  initialDelayMs: number;
  backoffFactor: number;
  maxDelayMs: number;
  /** Give up after this long in ms, counted from the call (the first delay included). */
  overallTimeoutMs: number;
}

/**
 * Poll a provider until `check` returns something other than
 * `STILL_PROCESSING`, on `schedule` (p-retry's exponential backoff). Each
 * check does its own HTTP retries (`sendHttp` with `READ_RETRY`); an error
 * it throws ends the polling at once.
 *
 * @throws the error of `timeoutError()` when `overallTimeoutMs` passes with the task still processing.
 * @throws ProviderTransportError `cancelled` as soon as `signal` aborts.
 */
export async function pollUntil<T>(options: {
  provider: ProviderId;
  signal: AbortSignal;
  schedule: PollSchedule;
  check: () => Promise<T | typeof STILL_PROCESSING>;
  timeoutError: () => Error;
}): Promise<T> {
  const { provider, signal, schedule } = options;
  if (schedule.firstDelayMs > 0) await waitFor(schedule.firstDelayMs, signal, provider);
  try {
    return await pRetry(
      async () => {
        const outcome = await options.check();
        if (outcome === STILL_PROCESSING) throw new StillProcessingError();
        return outcome;
      },
      {
        retries: Number.POSITIVE_INFINITY,
        minTimeout: Math.min(schedule.initialDelayMs * schedule.backoffFactor, schedule.maxDelayMs),
        factor: schedule.backoffFactor,
        maxTimeout: schedule.maxDelayMs,
        maxRetryTime: Math.max(0, schedule.overallTimeoutMs - schedule.firstDelayMs),
        signal,
        shouldRetry: ({ error }) => error instanceof StillProcessingError,
      },
    );
  } catch (error) {
    if (signal.aborted) throw cancelledError(provider);
    if (error instanceof StillProcessingError) throw options.timeoutError();
    throw error;
  }
}
