import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { splitIntoCalls } from './generate-images.ts';
import { downloadImage, formatDuration, ProviderTransportError, READ_RETRY, sendHttp, SUBMIT_RETRY, type RetryPolicy } from './http.ts';
import { ProviderError } from './provider-types.ts';

/** A tiny scripted server: each request takes the next answer from `script`. */
let script: Array<(request: IncomingMessage, response: ServerResponse) => void> = [];
let hits = 0;
let origin = '';
const server = createServer((request, response) => {
  hits += 1;
  const next = script.shift();
  if (next) next(request, response);
  else {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"ok":true}');
  }
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  script = [];
  hits = 0;
});

const quick = (policy: RetryPolicy): RetryPolicy => ({ ...policy, initialDelayMs: 5, maxDelayMs: 20 });
const status =
  (code: number, headers: Record<string, string> = {}) =>
  (_request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(code, headers);
    response.end(`{"status":${code}}`);
  };
const call = (retry: RetryPolicy, extra: { timeoutMs?: number; signal?: AbortSignal; url?: string } = {}) =>
  sendHttp({
    provider: 'runware',
    purpose: 'testing',
    url: extra.url ?? `${origin}/v1`,
    method: 'POST',
    headers: {},
    json: [{ a: 1 }],
    timeoutMs: extra.timeoutMs ?? 2_000,
    signal: extra.signal ?? new AbortController().signal,
    retry,
  });

describe('sendHttp', () => {
  it('retries a submit on 429 and 503 (Retry-After honoured) and returns the answer that came', async () => {
    script = [status(429, { 'retry-after': '0' }), status(503)];
    const answer = await call(quick(SUBMIT_RETRY));
    expect(answer.status).toBe(200);
    expect(hits).toBe(3);
  });

  it('never retries a submit on 500 (the provider may have accepted it)', async () => {
    script = [status(500)];
    expect((await call(quick(SUBMIT_RETRY))).status).toBe(500);
    expect(hits).toBe(1);
  });

  it('retries reads on 500 and stops after the last attempt', async () => {
    script = [status(500), status(502), status(504), status(500)];
    expect((await call(quick(READ_RETRY))).status).toBe(500);
    expect(hits).toBe(4);
  });

  it('a dropped connection may have arrived: not retried for a submit, retried for a read', async () => {
    const drop = (request: IncomingMessage) => request.socket.destroy();
    script = [drop];
    const error = await call(quick(SUBMIT_RETRY)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderTransportError);
    expect(error).toMatchObject({ kind: 'connection_failed', requestMayHaveArrived: true, httpStatus: null });
    expect(hits).toBe(1);
    script = [drop];
    expect((await call(quick(READ_RETRY))).status).toBe(200);
  });

  it('a timeout says how long it waited and that the request may have arrived', async () => {
    script = [() => undefined];
    const error = (await call(quick(SUBMIT_RETRY), { timeoutMs: 100 }).catch((caught: unknown) => caught)) as ProviderTransportError;
    expect(error).toMatchObject({ kind: 'timeout', providerCode: 'timeout', requestMayHaveArrived: true });
    expect(error.message).toBe('Runware did not answer within 0.1 s while testing. The provider may be overloaded; try again later.');
  });

  it('a refused connection never arrived: retried, then reported with the base URL variable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const retries: number[] = [];
    const error = (await sendHttp({
      provider: 'runflow',
      purpose: 'creating the run',
      url: `http://127.0.0.1:${port}/v1/models/x/runs`,
      method: 'POST',
      headers: {},
      json: {},
      timeoutMs: 1_000,
      signal: new AbortController().signal,
      retry: quick(SUBMIT_RETRY),
      onRetry: (attempt) => retries.push(attempt),
    }).catch((caught: unknown) => caught)) as ProviderTransportError;
    expect(retries).toEqual([2, 3, 4]);
    expect(error).toMatchObject({ kind: 'connection_refused', requestMayHaveArrived: false });
    expect(error.message).toMatch(
      /Could not reach Runflow at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\) while creating the run\. Check the network and the RUNFLOW_BASE_URL setting\./,
    );
  });

  it('a cancel stops a retry wait at once', async () => {
    script = [status(429, { 'retry-after': '30' })];
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const error = await call({ ...SUBMIT_RETRY, maxDelayMs: 30_000 }, { signal: controller.signal }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'cancelled', providerCode: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('downloadImage', () => {
  it('reads the real type and size of the image', async () => {
    const png = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#f00' } })
      .png()
      .toBuffer();
    script = [(_request, response) => response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(png)];
    const image = await downloadImage({ provider: 'runware', url: `${origin}/x.png`, signal: new AbortController().signal, timeoutMs: 1_000 });
    expect(image).toMatchObject({ mimeType: 'image/png', width: 30, height: 20 });
  });

  it('404 means the URL expired; bytes that are not an image are malformed', async () => {
    script = [status(404)];
    const expired = (await downloadImage({ provider: 'runflow', url: `${origin}/gone.png`, signal: new AbortController().signal, timeoutMs: 1_000 }).catch(
      (caught: unknown) => caught,
    )) as ProviderError;
    expect(expired).toBeInstanceOf(ProviderError);
    expect(expired).toMatchObject({ providerCode: 'image_url_expired', httpStatus: 404 });
    script = [(_request, response) => response.writeHead(200).end('<html>not an image</html>')];
    const malformed = await downloadImage({ provider: 'runflow', url: `${origin}/bad.png`, signal: new AbortController().signal, timeoutMs: 1_000 }).catch(
      (caught: unknown) => caught,
    );
    expect(malformed).toMatchObject({ providerCode: 'malformed_image' });
  });

  it('refuses URLs that are not http(s)', async () => {
    const error = await downloadImage({ provider: 'aimlapi', url: 'file:///etc/passwd', signal: new AbortController().signal, timeoutMs: 1_000 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ providerCode: 'malformed_response' });
  });
});

describe('helpers', () => {
  it('splits n images into calls of at most perCall (the AI SDK split)', () => {
    expect(splitIntoCalls(1, 4)).toEqual([1]);
    expect(splitIntoCalls(6, 4)).toEqual([4, 2]);
    expect(splitIntoCalls(3, 1)).toEqual([1, 1, 1]);
    expect(splitIntoCalls(20, 20)).toEqual([20]);
  });

  it('formats durations for sentences', () => {
    expect(formatDuration(150)).toBe('0.2 s');
    expect(formatDuration(30_000)).toBe('30 s');
    expect(formatDuration(15 * 60_000)).toBe('15 min');
  });
});
