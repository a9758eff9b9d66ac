import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Shared plumbing for the fake provider servers (src/server/testing/fakes/<provider>-fake.ts):
 * a real node:http server on 127.0.0.1 and a free port, a log of every call,
 * an in-memory file store for the images it serves, and the switchable
 * misbehaviours that the adapter tests and the UI's browser tests use.
 *
 * The fakes are the test oracle for the adapters, so they never import
 * src/catalog: every table they check against is transcribed on its own from
 * docs/seeds and docs/PROVIDERS.md.
 */

/** One HTTP request the fake received. */
export interface FakeCall {
  method: string;
  /** Path without the query string, e.g. `/v1` or `/v1/runs/run_123`. */
  path: string;
  /** Query parameters. A `key` parameter's value is replaced by `<redacted>`. */
  query: Record<string, string>;
  /** Request headers, lower-case names; the values of auth headers are replaced by `<redacted>` (or `<missing>` is simply absent). */
  headers: Record<string, string>;
  /** The JSON body as parsed; `undefined` for no body, the raw text when it was not JSON. */
  body: unknown;
  /** What the call was, in the fake's words: `submit`, `poll`, `upload`, `image`, `other`. */
  kind: FakeCallKind;
}

/** What a recorded call was: a task submit, a poll, a Runware imageUpload, an image download, anything else. */
type FakeCallKind = 'submit' | 'poll' | 'upload' | 'image' | 'other';

/**
 * What a fake can be told to do wrong (`misbehave(mode, options)`):
 *
 * - `none`: behave (the default; also clears any earlier mode).
 * - `server-error`: answer submits with HTTP 500 in the provider's error format.
 * - `unavailable`: answer submits with HTTP 503 (the provider's "try later").
 * - `rate-limit`: answer submits with HTTP 429; by default once, then behave.
 * - `slow`: wait `delayMs` (default 5,000 ms) before answering submits.
 * - `malformed-json`: answer submits with HTTP 200 and a body that is not JSON.
 * - `reject-key`: refuse every call as the provider refuses a revoked API key, whatever key is sent.
 * - `no-credit`: refuse submits as the provider does when the account has no credit.
 * - `refuse-prompt`: refuse the prompt on safety grounds, as the provider reports it.
 * - `expire-image-urls`: every image URL the fake has handed out, and every later one, answers 404.
 * - `processing`: async tasks / runs stay processing for `polls` polls (default 3) before they finish.
 * - `drop-connection`: accept (and bill) the task, then destroy the connection without answering.
 * - `image-urls-shape`: (Runflow only) finished runs carry `output.image_urls` instead of `output.outputs`.
 * - `status-field`: (Runflow only) run objects carry `status` instead of `status_code`, as one of Runflow's error page examples does.
 * - `overbill`: (Runware only) bill `billingFactor` (default 2) times the price list, as a provider whose price
 *   changed does; the studio's estimate then disagrees with the billed cost (drift).
 */
export type FakeMisbehaviour =
  | 'none'
  | 'server-error'
  | 'unavailable'
  | 'rate-limit'
  | 'slow'
  | 'malformed-json'
  | 'reject-key'
  | 'no-credit'
  | 'refuse-prompt'
  | 'expire-image-urls'
  | 'processing'
  | 'drop-connection'
  | 'image-urls-shape'
  | 'status-field'
  | 'overbill';

/** Options for `misbehave`. */
export interface FakeMisbehaviourOptions {
  /**
   * How many submits the mode applies to before the fake behaves again; default 1 for `rate-limit`, `unavailable` and `drop-connection`,
   * otherwise unlimited.
   */
  times?: number;
  /** `slow`: the delay before answering, in ms (default 5,000). */
  delayMs?: number;
  /** `processing`: how many polls a task stays processing (default 3). */
  polls?: number;
  /** `overbill`: the factor applied to the listed price (default 2). */
  billingFactor?: number;
}

/** Options of every `start<Provider>Fake()`. */
export interface FakeStartOptions {
  /** The key the fake accepts; default a random one. */
  apiKey?: string;
  /** The port on 127.0.0.1; default 0, a free port. */
  port?: number;
}

/** What every fake returns from `start<Provider>Fake()`. */
export interface FakeProviderServer {
  /** The base URL to put in `<PROVIDER>_BASE_URL` (Runware: `http://127.0.0.1:PORT/v1`; the others: the origin). */
  url: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** The one API key the fake accepts. */
  apiKey: string;
  /** Every call received, in order. */
  calls: FakeCall[];
  /** Switch a misbehaviour on (`none` switches it off). */
  misbehave(mode: FakeMisbehaviour, options?: FakeMisbehaviourOptions): void;
  /** Forget the recorded calls (the images and tasks stay). */
  resetCalls(): void;
  /** Stop listening and drop open connections. */
  close(): Promise<void>;
}

/**
 * The handle every fake returns, around its running HTTP server: `url` is the
 * origin plus `path` (Runware's `/v1`); `misbehave` sets the mode and, for a
 * fake that serves image URLs (`files`), expires them on `expire-image-urls`.
 */
export function fakeProviderHandle(options: {
  server: { origin: string; close: () => Promise<void> };
  path?: string;
  apiKey: string;
  calls: FakeCall[];
  state: MisbehaviourState;
  files?: FakeFileStore;
}): FakeProviderServer {
  const { server, apiKey, calls, state, files } = options;
  return {
    url: `${server.origin}${options.path ?? ''}`,
    origin: server.origin,
    apiKey,
    calls,
    misbehave(mode, misbehaviourOptions) {
      state.set(mode, misbehaviourOptions);
      if (files) files.expired = mode === 'expire-image-urls';
    },
    resetCalls() {
      calls.length = 0;
    },
    close: server.close,
  };
}

/** The active misbehaviour and how many more submits it applies to. */
export class MisbehaviourState {
  mode: FakeMisbehaviour = 'none';
  remaining = Number.POSITIVE_INFINITY;
  delayMs = 5_000;
  polls = 3;
  billingFactor = 2;

  set(mode: FakeMisbehaviour, options: FakeMisbehaviourOptions = {}): void {
    this.mode = mode;
    const oneShot = mode === 'rate-limit' || mode === 'unavailable' || mode === 'drop-connection';
    this.remaining = options.times ?? (oneShot ? 1 : Number.POSITIVE_INFINITY);
    this.delayMs = options.delayMs ?? 5_000;
    this.polls = options.polls ?? 3;
    this.billingFactor = options.billingFactor ?? 2;
  }

  /** Whether `mode` is active; counts one use of it when `consume` is true. */
  take(mode: FakeMisbehaviour, consume = true): boolean {
    if (this.mode !== mode || this.remaining <= 0) return false;
    if (consume) {
      this.remaining -= 1;
      if (this.remaining <= 0) this.mode = 'none';
    }
    return true;
  }

  is(mode: FakeMisbehaviour): boolean {
    return this.mode === mode && this.remaining > 0;
  }
}

/** An in-memory store of the image files a fake serves under `/files/<name>`. */
export class FakeFileStore {
  private readonly files = new Map<string, { bytes: Buffer; mimeType: string }>();
  expired = false;

  constructor(private readonly origin: () => string) {}

  /** Store `bytes` and return the URL that serves them. */
  put(name: string, bytes: Buffer, mimeType: string, query = ''): string {
    this.files.set(name, { bytes, mimeType });
    return `${this.origin()}/files/${name}${query}`;
  }

  /** Serve `/files/<name>`; `false` when the path is not a file path. */
  serve(path: string, response: ServerResponse): boolean {
    if (!path.startsWith('/files/')) return false;
    const file = this.files.get(decodeURIComponent(path.slice('/files/'.length)));
    if (!file || this.expired) {
      response.writeHead(404, { 'content-type': 'application/xml' });
      response.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
      return true;
    }
    response.writeHead(200, { 'content-type': file.mimeType, 'content-length': String(file.bytes.length) });
    response.end(file.bytes);
    return true;
  }
}

/** A parsed incoming request handed to a fake's handler. */
export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  rawBody: string;
  /** The body's bytes, unchanged (uploads). */
  rawBytes: Buffer;
  /** The parsed JSON body, `undefined` when empty; `jsonError` is set when the body was not JSON. */
  body: unknown;
  jsonError: string | null;
  /** Append a call record; the handler decides the kind. */
  record(kind: FakeCallKind): void;
}

/** An answer a handler gives: JSON with a status, raw text, or a destroyed connection. */
export type FakeAnswer =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; text: string; headers?: Record<string, string> }
  | { destroy: true }
  | { handled: true };

const REDACTED_HEADERS = new Set(['authorization', 'x-goog-api-key', 'x-api-key']);

/**
 * Start a node:http server on 127.0.0.1 and a free port that parses each
 * request, records it through `request.record(kind)`, and sends the handler's
 * answer. Returns the origin and a close function.
 */
export async function startFakeHttpServer(
  handler: (request: FakeRequest, response: ServerResponse) => Promise<FakeAnswer>,
  calls: FakeCall[],
  /** The port to listen on; 0 (default) picks a free one. */
  port = 0,
): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    void handleIncoming(incoming, response, handler, calls);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handleIncoming(
  incoming: IncomingMessage,
  response: ServerResponse,
  handler: (request: FakeRequest, response: ServerResponse) => Promise<FakeAnswer>,
  calls: FakeCall[],
): Promise<void> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const rawBytes = Buffer.concat(chunks);
    const rawBody = rawBytes.toString('utf8');
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value === undefined) continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const query = Object.fromEntries(url.searchParams.entries());
    let body: unknown;
    let jsonError: string | null = null;
    if (rawBody.length > 0) {
      try {
        body = JSON.parse(rawBody);
      } catch (error) {
        jsonError = (error as Error).message;
        body = rawBody;
      }
    }
    const request: FakeRequest = {
      method: incoming.method ?? 'GET',
      path: url.pathname,
      query,
      headers,
      rawBody,
      rawBytes,
      body,
      jsonError,
      record(kind) {
        const recordedHeaders = Object.fromEntries(
          Object.entries(headers).map(([name, value]) => [name, REDACTED_HEADERS.has(name) ? redactAuth(value) : value]),
        );
        const recordedQuery = { ...query };
        if ('key' in recordedQuery) recordedQuery.key = '<redacted>';
        calls.push({ method: request.method, path: request.path, query: recordedQuery, headers: recordedHeaders, body, kind });
      },
    };
    const answer = await handler(request, response);
    if ('handled' in answer) return;
    if ('destroy' in answer) {
      response.socket?.destroy();
      return;
    }
    if ('json' in answer) {
      const text = JSON.stringify(answer.json);
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(text);
    } else {
      response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      response.end(answer.text);
    }
  } catch (error) {
    if (!response.headersSent) {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`fake server bug: ${(error as Error).stack ?? String(error)}`);
    }
  }
}

/** `Bearer abc` -> `Bearer <redacted>`; anything else -> `<redacted>`. */
function redactAuth(value: string): string {
  return /^Bearer\s/i.test(value) ? 'Bearer <redacted>' : '<redacted>';
}

/** The bearer token of an `Authorization` header, or `null`. */
export function bearerToken(headers: Record<string, string>): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
  return match?.[1]?.trim() ?? null;
}

/** Wait `ms`, for the `slow` misbehaviour. */
export async function slowDown(ms: number): Promise<void> {
  await delay(ms);
}

/** A plain-object check for strict body validation. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys of `value` not in `allowed`. */
export function unknownKeys(value: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(value).filter((key) => !allowed.includes(key));
}

/** Parse a `data:<mime>;base64,<data>` URI; `null` when it is not one. */
export function parseDataUri(value: string): { mimeType: string; bytes: Buffer } | null {
  const match = /^data:([a-z0-9.+/-]+);base64,([A-Za-z0-9+/=\s]+)$/i.exec(value);
  if (!match) return null;
  return { mimeType: match[1]!.toLowerCase(), bytes: Buffer.from(match[2]!, 'base64') };
}

/** Round a dollar amount to 1e-8 to keep float noise out of the billed figures. */
export function roundUsd(amount: number): number {
  return Math.round(amount * 1e8) / 1e8;
}
