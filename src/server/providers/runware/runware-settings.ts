import { SUBMIT_RETRY, type RetryPolicy } from '../http.ts';

/**
 * How the Runware adapter talks to Runware. The defaults are what the studio
 * uses; tests shorten the delays.
 */
export interface RunwareAdapterSettings {
  /**
   * `async` (default): the submit is acknowledged at once and the adapter
   * polls `getResponse`; a task left running by a restart is picked up by
   * polling its taskUUID. `sync`: the submit answer carries the images; if
   * the connection drops, the adapter falls back to polling.
   */
  deliveryMethod: 'sync' | 'async';
  /**
   * `upload` (default): each reference image is sent once as an
   * `imageUpload` task and its Runware imageUUID is cached by sha256 (in the
   * runner's provider cache), so later generations reuse it and the
   * inference body stays small. `dataUri`: references go inline as data URIs.
   */
  referenceStrategy: 'upload' | 'dataUri';
  /**
   * `URL` (Runware's default, as the seed examples answer): the adapter
   * downloads each image at once, since the URLs expire. `base64Data`: the
   * images come inside the answer.
   */
  outputType: 'URL' | 'base64Data';
  /** Per-attempt timeout of a sync submit, in ms (a 4K image can take minutes). */
  syncSubmitTimeoutMs: number;
  /** Per-attempt timeout of an async submit, an upload or a poll, in ms. */
  requestTimeoutMs: number;
  /** First poll delay in ms; the SDK polls at 1 s, then x1.5 up to 10 s (docs/PROVIDERS.md "Async"). */
  pollInitialDelayMs: number;
  pollBackoffFactor: number;
  pollMaxDelayMs: number;
  /** How long to poll before giving up, in ms. */
  overallTimeoutMs: number;
  /**
   * After a submit whose fate is unknown (timeout, dropped connection, 5xx,
   * unreadable answer), how long "task not found" polls are tolerated before
   * concluding Runware never accepted the task, in ms.
   */
  notFoundGraceMs: number;
  /** Per-image download timeout in ms. */
  downloadTimeoutMs: number;
  /** Retry policy of the submit (429/503/refused connections only). */
  submitRetry: RetryPolicy;
}

/** The studio's settings. */
export const DEFAULT_RUNWARE_SETTINGS: RunwareAdapterSettings = {
  deliveryMethod: 'async',
  referenceStrategy: 'upload',
  outputType: 'URL',
  syncSubmitTimeoutMs: 300_000,
  requestTimeoutMs: 30_000,
  pollInitialDelayMs: 1_000,
  pollBackoffFactor: 1.5,
  pollMaxDelayMs: 10_000,
  overallTimeoutMs: 15 * 60_000,
  notFoundGraceMs: 20_000,
  downloadTimeoutMs: 60_000,
  submitRetry: SUBMIT_RETRY,
};
