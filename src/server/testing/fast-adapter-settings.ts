import type { AdapterSettingsOverrides } from '../providers/registry.ts';

/** The submit retry of every fast adapter: 3 attempts 10 ms then up to 50 ms apart, on 429/503 only. */
const FAST_SUBMIT_RETRY = { attempts: 3, initialDelayMs: 10, maxDelayMs: 50, retryStatuses: [429, 503], retryAmbiguousFailures: false };

/**
 * Adapter settings for tests against the local fake providers (src/server/testing/fakes/), which answer in
 * milliseconds: polls from 20 ms up to 60-80 ms apart instead of 1 s x1.5 up to 10 s, 20 s per request, a
 * 100 ms grace for "task not found" after an unknown submit, and fast submit retries. Pass the whole object to
 * `createStudio(config, { adapterSettings: FAST_ADAPTER_SETTINGS })` for an in-process studio, or one provider's
 * entry to its `create<Provider>Adapter`. All durations in ms. Production never uses these.
 */
export const FAST_ADAPTER_SETTINGS = {
  runware: {
    pollInitialDelayMs: 20,
    pollMaxDelayMs: 80,
    requestTimeoutMs: 20_000,
    syncSubmitTimeoutMs: 20_000,
    notFoundGraceMs: 100,
    submitRetry: FAST_SUBMIT_RETRY,
  },
  runflow: { pollInitialDelayMs: 20, pollMaxDelayMs: 60, requestTimeoutMs: 20_000, submitRetry: FAST_SUBMIT_RETRY },
  gemini: { requestTimeoutMs: 20_000, submitRetry: FAST_SUBMIT_RETRY },
  aimlapi: { requestTimeoutMs: 20_000, submitRetry: FAST_SUBMIT_RETRY },
} satisfies Required<AdapterSettingsOverrides>;
