import { setTimeout as sleep } from 'node:timers/promises';
import pRetry from 'p-retry';
import type { ProviderId } from '../../catalog/types.ts';
import { readImageHeader } from '../store/image-inspection.ts';
import { ProviderError } from './provider-types.ts';

/**
 * Shared HTTP plumbing for the hosted provider adapters: `fetch` with a
 * per-call timeout joined to the generation's cancel signal, retries with
 * backoff only where the provider cannot have accepted the task, image
 * download, and error helpers. Every failure is a `ProviderError`.
 */

/** Display names used in error sentences. */
export const PROVIDER_NAMES: Record<ProviderId, string> = {
  local: 'The local preview',
  runware: 'Runware',
  runflow: 'Runflow',
  aimlapi: 'AI/ML API',
  gemini: 'The Gemini API',
};

/** The environment variable holding each provider's key (docs/API.md "Start-up"). */
export const KEY_VARIABLES: Record<ProviderId, string> = {
  local: '',
  runware: 'RUNWARE_API_KEY',
  runflow: 'RUNFLOW_API_KEY',
  aimlapi: 'AIMLAPI_API_KEY',
  gemini: 'GEMINI_API_KEY',
};

/**
 * A transport failure (no HTTP answer): the connection was refused, dropped,
 * timed out, or the user cancelled. `requestMayHaveArrived` is false only
 * when the request provably never reached the provider (connection refused,
 * DNS failure), which is the one case a submit may be retried.
 */
export class ProviderTransportError extends ProviderError {
  /** Whether the provider may have received (and so may bill) the request. */
  readonly requestMayHaveArrived: boolean;
  /** `timeout`, `cancelled`, `connection_refused`, `connection_failed`. */
  readonly kind: 'timeout' | 'cancelled' | 'connection_refused' | 'connection_failed';

  constructor(options: {
    provider: ProviderId;
    message: string;
    kind: ProviderTransportError['kind'];
    providerMessage: string;
    requestMayHaveArrived: boolean;
  }) {
    super({
      provider: options.provider,
      message: options.message,
      providerCode: options.kind,
      providerMessage: options.providerMessage,
      httpStatus: null,
      retryable: options.kind !== 'cancelled',
    });
    this.name = 'ProviderTransportError';
    this.kind = options.kind;
    this.requestMayHaveArrived = options.requestMayHaveArrived;
  }
}

/** When to retry an HTTP call. */
export interface RetryPolicy {
  /** Total attempts, the first included (1 = no retry). */
  attempts: number;
  /** Delay before the first retry in ms; doubled each time, capped at `maxDelayMs`. A `Retry-After` header wins when shorter than `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  /**
   * Statuses that mean "refused, nothing accepted", so the same request may
   * be sent again (429 and 503 for submits; reads may add 500, 502, 504).
   */
  retryStatuses: number[];
  /** Retry transport failures that may have reached the provider (true only for reads such as polls and downloads). */
  retryAmbiguousFailures: boolean;
}

/** Submits: retry only 429/503 and refused connections, the cases where the provider cannot have accepted the task. */
export const SUBMIT_RETRY: RetryPolicy = {
  attempts: 4,
  initialDelayMs: 1_000,
  maxDelayMs: 8_000,
  retryStatuses: [429, 503],
  retryAmbiguousFailures: false,
};

/** Reads (polls, downloads, free uploads): also retry 5xx and dropped connections; reading twice costs nothing. */
export const READ_RETRY: RetryPolicy = {
  attempts: 4,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  retryStatuses: [429, 500, 502, 503, 504],
  retryAmbiguousFailures: true,
};

/** An HTTP answer, body read as text. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** One HTTP call to a provider. */
export interface HttpCall {
  provider: ProviderId;
  /** What the call does, for error messages: "submitting the task", "polling run abc". */
  purpose: string;
  url: string;
  method: 'GET' | 'POST' | 'PUT';
  headers: Record<string, string>;
  /** A JSON body, serialised here. */
  json?: unknown;
  /** Raw bytes with their type (e.g. a PUT to a presigned upload URL); not with `json`. */
  bytes?: { body: Buffer; contentType: string };
  /** Per-attempt timeout in ms. */
  timeoutMs: number;
  /** The generation's cancel signal. */
  signal: AbortSignal;
  retry: RetryPolicy;
  /** Called before each retry (tests and logs); `attempt` counts from 2. */
  onRetry?: (attempt: number, reason: string) => void;
}

/**
 * An answer whose status the policy retries (429/503, and 5xx for reads),
 * thrown inside the retry loop so p-retry sees it as a failed attempt; the
 * last one is returned to the caller as an ordinary answer.
 */
class RetryableStatusError extends Error {
  constructor(readonly answer: HttpAnswer) {
    super(`HTTP ${answer.status}`);
    this.name = 'RetryableStatusError';
  }
}

/**
 * The retry rule as a predicate: whether a failed attempt may be sent again
 * under `policy`. A status is retried when the policy lists it (429/503 for
 * submits: "refused, nothing accepted"); a transport failure only when the
 * request provably never arrived (connection refused, DNS), or for reads
 * (`retryAmbiguousFailures`). A cancel is never retried.
 */
function shouldRetry(failure: unknown, policy: RetryPolicy): boolean {
  if (failure instanceof RetryableStatusError) return policy.retryStatuses.includes(failure.answer.status);
  if (!(failure instanceof ProviderTransportError) || failure.kind === 'cancelled') return false;
  return !failure.requestMayHaveArrived || policy.retryAmbiguousFailures;
}

/**
 * Send an HTTP call with a per-attempt timeout (`AbortSignal.any` of the
 * cancel signal and `AbortSignal.timeout`) and retries (p-retry, exponential
 * backoff from `initialDelayMs` to `maxDelayMs`; a longer `Retry-After`,
 * capped at `maxDelayMs`, is waited out) as `shouldRetry` allows. Returns
 * the last answer whatever its status (the caller maps provider errors);
 * throws `ProviderTransportError` when no answer came.
 */
export async function sendHttp(call: HttpCall): Promise<HttpAnswer> {
  const policy = call.retry;
  try {
    return await pRetry(
      async () => {
        const answer = await sendOnce(call);
        if (policy.retryStatuses.includes(answer.status)) throw new RetryableStatusError(answer);
        return answer;
      },
      {
        retries: policy.attempts - 1,
        minTimeout: policy.initialDelayMs,
        maxTimeout: policy.maxDelayMs,
        factor: 2,
        signal: call.signal,
        shouldRetry: ({ error }) => shouldRetry(error, policy),
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          if (retriesLeft <= 0 || !shouldRetry(error, policy)) return;
          call.onRetry?.(attemptNumber + 1, error instanceof ProviderTransportError ? error.providerMessage : error.message);
          if (!(error instanceof RetryableStatusError)) return;
          // p-retry then waits its own backoff; wait the rest of a longer Retry-After here.
          const backoffMs = Math.min(policy.initialDelayMs * 2 ** (attemptNumber - 1), policy.maxDelayMs);
          const retryAfter = retryAfterMs(error.answer.headers, policy.maxDelayMs);
          if (retryAfter !== undefined && retryAfter > backoffMs) await waitFor(retryAfter - backoffMs, call.signal, call.provider);
        },
      },
    );
  } catch (error) {
    if (call.signal.aborted) throw cancelledError(call.provider);
    if (error instanceof RetryableStatusError) return error.answer;
    throw error;
  }
}

async function sendOnce(call: HttpCall): Promise<HttpAnswer> {
  const name = PROVIDER_NAMES[call.provider];
  if (call.signal.aborted) throw cancelledError(call.provider);
  const timeout = AbortSignal.timeout(call.timeoutMs);
  const signal = AbortSignal.any([call.signal, timeout]);
  const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
  if (call.json !== undefined) headers['content-type'] = 'application/json';
  if (call.bytes !== undefined) headers['content-type'] = call.bytes.contentType;
  try {
    const response = await fetch(call.url, {
      method: call.method,
      headers,
      body: call.json !== undefined ? JSON.stringify(call.json) : call.bytes !== undefined ? new Uint8Array(call.bytes.body) : undefined,
      signal,
      redirect: 'follow',
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- TS keeps the narrowing from before the await; the caller may abort since.
    if (call.signal.aborted) throw cancelledError(call.provider);
    if (timeout.aborted) {
      throw new ProviderTransportError({
        provider: call.provider,
        kind: 'timeout',
        message: `${name} did not answer within ${formatDuration(call.timeoutMs)} while ${call.purpose}. ` + 'The provider may be overloaded; try again later.',
        providerMessage: `no answer within ${call.timeoutMs} ms`,
        requestMayHaveArrived: true,
      });
    }
    const code = networkErrorCode(error);
    const refused = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH';
    throw new ProviderTransportError({
      provider: call.provider,
      kind: refused ? 'connection_refused' : 'connection_failed',
      message: refused
        ? `Could not reach ${name} at ${new URL(call.url).origin} (${code}) while ${call.purpose}. ` +
          `Check the network and the ${KEY_VARIABLES[call.provider].replace('_API_KEY', '_BASE_URL')} setting.`
        : `The connection to ${name} failed while ${call.purpose} (${code ?? 'connection closed'}). Try again.`,
      providerMessage: describeError(error),
      requestMayHaveArrived: !refused,
    });
  }
}

/** `1.5 s`, `2 min`: a duration in ms for a sentence. */
export function formatDuration(ms: number): string {
  if (ms >= 120_000) return `${Math.round(ms / 60_000)} min`;
  if (ms >= 10_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 100) / 10} s`;
}

/** The Node network error code (`ECONNREFUSED`, `ECONNRESET`, `UND_ERR_SOCKET`, ...) behind a fetch failure. */
function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (current instanceof Error) parts.push(current.message);
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join(': ') || String(error);
}

function retryAfterMs(headers: Headers, maxMs: number): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, maxMs);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.min(Math.max(0, date - Date.now()), maxMs) : undefined;
}

/** Wait `ms`, or throw the cancel error as soon as `signal` aborts. */
export async function waitFor(ms: number, signal: AbortSignal, provider: ProviderId): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    throw cancelledError(provider);
  }
}

/** The error for a cancelled generation. */
export function cancelledError(provider: ProviderId): ProviderTransportError {
  return new ProviderTransportError({
    provider,
    kind: 'cancelled',
    message: `The generation was cancelled before ${PROVIDER_NAMES[provider]} finished.`,
    providerMessage: 'cancelled',
    requestMayHaveArrived: true,
  });
}

/** Parse an answer's JSON body; `undefined` when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A rejection reason as an Error: an Error as it is, anything else (never thrown by the adapters, but `Promise.allSettled`
 * types reasons as `any`) wrapped in `new Error(String(reason))`.
 */
export function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

/** The error for an answer the adapter cannot read (not JSON, or not the documented shape). */
export function malformedAnswerError(provider: ProviderId, purpose: string, detail: string, httpStatus: number | null): ProviderError {
  return new ProviderError({
    provider,
    message:
      `${PROVIDER_NAMES[provider]} sent an answer the studio cannot read while ${purpose} (${detail}). ` +
      'This is usually temporary; try again, and report it if it persists.',
    providerCode: 'malformed_response',
    providerMessage: detail,
    httpStatus,
    retryable: true,
  });
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

/** A decoded image and its real MIME type. */
export interface DecodedImage {
  bytes: Buffer;
  mimeType: string;
  width: number;
  height: number;
}

/**
 * Checks that `bytes` a provider sent are an image of a type the studio knows, and reads its real type and size in
 * px from the header (`readImageHeader`, the one table in src/catalog/image-types.ts).
 *
 * @throws ProviderError `malformed_image` (retryable) when they are not.
 */
export async function inspectProviderImage(provider: ProviderId, bytes: Buffer, origin: string): Promise<DecodedImage> {
  const header = await readImageHeader(bytes);
  if (!header) {
    throw new ProviderError({
      provider,
      message: `${PROVIDER_NAMES[provider]} returned an image the studio cannot read (${origin}). Try again.`,
      providerCode: 'malformed_image',
      providerMessage: `${bytes.length} bytes that are not an image of a known type`,
      httpStatus: null,
      retryable: true,
    });
  }
  return { bytes, mimeType: header.type.mimeType, width: header.width, height: header.height };
}

/**
 * Download a result image from a provider URL at once (they expire) and
 * check it decodes. Retries transport failures and 5xx (a GET is free);
 * 403/404/410 mean the URL expired or never existed.
 *
 * @throws ProviderError `image_url_expired` for 403/404/410, `image_download_failed` otherwise.
 */
export async function downloadImage(options: {
  provider: ProviderId;
  url: string;
  signal: AbortSignal;
  timeoutMs: number;
  /** Extra headers (none of the providers here needs the API key for its result URLs). */
  headers?: Record<string, string>;
}): Promise<DecodedImage> {
  const name = PROVIDER_NAMES[options.provider];
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw malformedAnswerError(options.provider, 'reading the result', `image URL ${JSON.stringify(options.url)} is not a URL`, null);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw malformedAnswerError(options.provider, 'reading the result', `image URL scheme ${url.protocol} is not http(s)`, null);
  }
  const started = Date.now();
  const downloadFailed = (providerMessage: string, httpStatus: number | null, detail: string) =>
    new ProviderError({
      provider: options.provider,
      message:
        httpStatus === null
          ? `The studio could not download the image ${name} made (${detail}). Try again.`
          : `Downloading the image ${name} made failed with HTTP ${httpStatus}; try again.`,
      providerCode: 'image_download_failed',
      providerMessage,
      httpStatus,
      retryable: true,
    });
  // A GET is free: transport failures, 429 and 5xx are retried (3 attempts, 0.5 s then 1 s apart).
  const retried = new WeakSet<Error>();
  try {
    const bytes = await pRetry(
      async () => {
        const timeout = AbortSignal.timeout(options.timeoutMs);
        let response: Response;
        try {
          response = await fetch(url, { headers: options.headers ?? {}, signal: AbortSignal.any([options.signal, timeout]) });
        } catch (error) {
          if (options.signal.aborted) throw cancelledError(options.provider);
          const failure = downloadFailed(describeError(error), null, timeout.aborted ? 'timed out' : describeError(error));
          retried.add(failure);
          throw failure;
        }
        if (response.ok) return Buffer.from(await response.arrayBuffer());
        const body = await response.text().catch(() => '');
        if (response.status === 403 || response.status === 404 || response.status === 410) {
          throw new ProviderError({
            provider: options.provider,
            message: `The image URL ${name} returned answered ${response.status} (it expired or was never stored), so the image is lost; generate again.`,
            providerCode: 'image_url_expired',
            providerMessage: truncate(body, 300),
            httpStatus: response.status,
            retryable: true,
          });
        }
        const failure = downloadFailed(truncate(body, 300), response.status, '');
        if (response.status >= 500 || response.status === 429) retried.add(failure);
        throw failure;
      },
      { retries: 2, minTimeout: 500, factor: 2, signal: options.signal, shouldRetry: ({ error }) => retried.has(error) },
    );
    return await inspectProviderImage(options.provider, bytes, `downloaded in ${Date.now() - started} ms`);
  } catch (error) {
    if (options.signal.aborted) throw cancelledError(options.provider);
    throw error;
  }
}

/** Decode a `data:<mime>;base64,...` URI or bare base64 into bytes. */
export function decodeBase64Image(value: string): Buffer {
  const comma = value.startsWith('data:') ? value.indexOf(',') : -1;
  return Buffer.from(comma >= 0 ? value.slice(comma + 1) : value, 'base64');
}

/** A reference image as a `data:` URI. */
export function toDataUri(mimeType: string, bytes: Buffer): string {
  return `data:${mimeType};base64,${bytes.toString('base64')}`;
}
