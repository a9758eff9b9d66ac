/**
 * The browser's only way to the studio server (same origin, `/api`). Every
 * 4xx/5xx answer carries docs/API.md's error body
 * `{ error: { code, message, field?, allowed? } }`; it is raised as `ApiError`.
 */

/** An error answer from the studio server (docs/API.md "Errors"). */
export class ApiError extends Error {
  /** HTTP status, or 0 when the server could not be reached. */
  readonly status: number;
  /** Stable snake_case code: `invalid_request`, `provider_error`, `payload_too_large`, ... */
  readonly code: string;
  /** The field at fault, when one is. */
  readonly field: string | undefined;
  /** What the field allows, when one field is at fault. */
  readonly allowed: unknown[] | undefined;

  constructor(status: number, code: string, message: string, field?: string, allowed?: unknown[]) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.allowed = allowed;
  }
}

/** The window event sent when the server answers 401 (the access token is needed again); the sign-in feature listens. */
export const UNAUTHORIZED_EVENT = 'studio:unauthorized';

interface ErrorBody {
  error?: { code?: string; message?: string; field?: string; allowed?: unknown[] };
}

/** Turns a non-OK response into an `ApiError` with the server's own message. */
async function toApiError(response: Response): Promise<ApiError> {
  let body: ErrorBody | null;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    body = null;
  }
  const error = body?.error;
  return new ApiError(
    response.status,
    error?.code ?? 'http_error',
    error?.message ?? `The server answered ${response.status} ${response.statusText}.`,
    error?.field,
    error?.allowed,
  );
}

/** `defaults`, then every header of `given` (a plain object, an array of pairs or a `Headers`) over them. */
function mergeHeaders(defaults: Record<string, string>, given: HeadersInit | undefined): Headers {
  const merged = new Headers(defaults);
  new Headers(given).forEach((value, name) => {
    merged.set(name, value);
  });
  return merged;
}

/**
 * Calls the studio server and returns the parsed JSON body (or `undefined`
 * for 204). Raises `ApiError` for error answers and for a network failure
 * (status 0, code `network_error`).
 */
export async function requestJson<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(path, {
      ...rest,
      headers: mergeHeaders(json === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' }, headers),
      body: json === undefined ? rest.body : JSON.stringify(json),
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', 'The studio server cannot be reached. Is it still running?');
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
