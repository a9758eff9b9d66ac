/**
 * The hostile-input suite (issue 10): requests an attacker would send, through
 * the real server process (`startStudioServer`), with an access token set and
 * a fake Gemini API that speaks Google's error wire format. Each case asserts
 * the status, docs/API.md's error body (small, no key, no token), that the
 * server still answers `GET /api/health`, and that nothing stored changed
 * (generation and upload rows, image files).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudioServer, type StudioServerProcess } from './testing/studio-server-process.ts';

const PHOTOS = join(import.meta.dirname, '../../e2e/fixtures/photos');
const TOKEN = 'hostile-suite-token-4b1d9e7c2a';
const GEMINI_KEY = 'AIzaHostileSuiteKey-93f1c0a7e5';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

interface HostileRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Send without the bearer token. */
  anonymous?: boolean;
  /** Source address (a second loopback address keeps the rate limit away from the other cases). */
  localAddress?: string;
  /** Send these bytes as they are over a socket instead (what Node's client refuses to send). */
  raw?: string;
}

let dataDirectory: string;
let server: StudioServerProcess;
let geminiFake: Server;
let hostHeader: string;
let seededUploadId: string;
let seededGenerationId: string;
let seededImageId: string;
let photo: Buffer;
let jpeg: Buffer;

/** One HTTP request with full control of the headers (fetch forbids Host). */
function send(request: HostileRequest): Promise<Answer> {
  if (request.raw !== undefined) return sendRaw(request.raw);
  const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body);
  const headers: Record<string, string> = {
    host: hostHeader,
    ...(request.anonymous ? {} : { authorization: `Bearer ${TOKEN}` }),
    ...(body ? { 'content-length': String(body.length) } : {}),
    ...request.headers,
  };
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        method: request.method ?? 'GET',
        path: request.path,
        headers,
        ...(request.localAddress ? { localAddress: request.localAddress } : {}),
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text: Buffer.concat(chunks).toString('utf8') }));
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** A raw request line and headers over a socket, for what Node's client refuses to send. */
function sendRaw(head: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(head));
    let raw = '';
    socket.on('data', (chunk) => (raw += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('end', () => {
      const [headerBlock = '', text = ''] = raw.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(headerBlock)?.[1] ?? 0);
      const headers = Object.fromEntries(
        headerBlock
          .split('\r\n')
          .slice(1)
          .map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      resolve({ status, headers, text });
    });
  });
}

const json = (value: unknown, path = '/api/generations', extra: Partial<HostileRequest> = {}): HostileRequest => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json' },
  body: typeof value === 'string' ? value : JSON.stringify(value),
  ...extra,
});
const upload = (body: Buffer | string, contentType = 'image/png'): HostileRequest => ({
  method: 'POST',
  path: '/api/uploads',
  headers: { 'content-type': contentType },
  body,
});
function multipart(parts: Array<{ name: string; filename?: string; type?: string; content: Buffer | string }>, boundary = 'hostile-boundary'): HostileRequest {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`));
    chunks.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { method: 'POST', path: '/api/uploads', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: Buffer.concat(chunks) };
}
const dataUri = (bytes: Buffer, type = 'image/png') => `data:${type};base64,${bytes.toString('base64')}`;
const localRequest = (extra: Record<string, unknown> = {}) => ({
  provider: 'local',
  model: 'nano-banana-2',
  prompt: 'A hostile test',
  resolution: '1K',
  ...extra,
});

/** A PNG whose IHDR claims `width` x `height` and which then ends: a bomb's header without its body. */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const type = Buffer.from('IHDR');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, ihdr])) >>> 0, 0);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(13, 0);
  const chunk = (name: string, data: Buffer) => {
    const size = Buffer.alloc(4);
    size.writeUInt32BE(data.length, 0);
    const checksum = Buffer.alloc(4);
    checksum.writeUInt32BE(crc32(Buffer.concat([Buffer.from(name), data])) >>> 0, 0);
    return Buffer.concat([size, Buffer.from(name), data, checksum]);
  };
  // One compressed row of zeros: enough for the decoder to read the header, far too little for the claimed size.
  const firstRow = deflateSync(Buffer.alloc(1 + width * 3));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    length,
    type,
    ihdr,
    crc,
    chunk('IDAT', firstRow),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** What is stored: generation and upload rows, and the image files (thumbnails, made on first view, left out). */
function storedState(): { generations: unknown[]; uploads: unknown[]; files: string[] } {
  const database = new Database(join(dataDirectory, 'studio.db'), { readonly: true, fileMustExist: true });
  try {
    return {
      generations: database.prepare('SELECT id, status FROM generations ORDER BY id').all(),
      uploads: database.prepare('SELECT id, sha256 FROM uploads ORDER BY id').all(),
      files: readdirSync(join(dataDirectory, 'images'))
        .filter((name) => name !== 'thumbnails')
        .sort(),
    };
  } finally {
    database.close();
  }
}

interface ErrorBodyShape {
  error: { code: string; message: string; field?: string; allowed?: unknown[] };
}

/** Status, docs/API.md's error body (small, with neither secret), health afterwards, nothing stored. */
async function expectRefused(answer: Answer, status: number, code: string, before: ReturnType<typeof storedState>): Promise<ErrorBodyShape> {
  expect(answer.status, answer.text.slice(0, 300)).toBe(status);
  expect(String(answer.headers['content-type'])).toContain('application/json');
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
  expect(String(answer.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  const body = JSON.parse(answer.text) as ErrorBodyShape;
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(10);
  expect(answer.text.length).toBeLessThan(8 * 1024);
  expect(answer.text).not.toContain(TOKEN);
  expect(answer.text).not.toContain(GEMINI_KEY);
  const health = await send({ path: '/api/health' });
  expect(health.status).toBe(200);
  expect(storedState()).toEqual(before);
  return body;
}

interface HostileCase {
  name: string;
  request: () => HostileRequest | Promise<HostileRequest>;
  status: number;
  code: string;
  check?: (body: ErrorBodyShape) => void;
}

/** Every route of docs/API.md and the extensions, with a harmless method and path. */
const ROUTES: Array<{ method: string; path: () => string }> = [
  { method: 'GET', path: () => '/api/health' },
  { method: 'GET', path: () => '/api/catalog' },
  { method: 'POST', path: () => '/api/estimate' },
  { method: 'POST', path: () => '/api/uploads' },
  { method: 'GET', path: () => `/api/uploads/${seededUploadId}` },
  { method: 'POST', path: () => '/api/generations' },
  { method: 'GET', path: () => '/api/generations' },
  { method: 'GET', path: () => `/api/generations/${seededGenerationId}` },
  { method: 'DELETE', path: () => `/api/generations/${seededGenerationId}` },
  { method: 'POST', path: () => `/api/generations/${seededGenerationId}/cancel` },
  { method: 'GET', path: () => `/api/images/${seededImageId}` },
  { method: 'GET', path: () => '/api/spend' },
  { method: 'GET', path: () => '/api/events' },
];

const routeBody = (method: string, path: string): Partial<HostileRequest> =>
  method === 'POST' && !path.includes('cancel')
    ? path.endsWith('uploads')
      ? { headers: { 'content-type': 'image/png' }, body: photo }
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(localRequest()) }
    : {};

const CASES: HostileCase[] = [
  // Host, Origin and token on every route.
  ...ROUTES.map((route): HostileCase => ({
    name: `foreign Host on route ${ROUTES.indexOf(route)} (${route.method})`,
    request: () => ({
      method: route.method,
      path: route.path(),
      ...routeBody(route.method, route.path()),
      headers: { ...routeBody(route.method, route.path()).headers, host: 'attacker.example:80' },
    }),
    status: 403,
    code: 'forbidden_origin',
  })),
  ...ROUTES.map((route): HostileCase => ({
    name: `foreign Origin on route ${ROUTES.indexOf(route)} (${route.method})`,
    request: () => ({
      method: route.method,
      path: route.path(),
      ...routeBody(route.method, route.path()),
      headers: { ...routeBody(route.method, route.path()).headers, origin: 'https://attacker.example' },
    }),
    status: 403,
    code: 'forbidden_origin',
  })),
  ...ROUTES.map((route): HostileCase => ({
    name: `no token on route ${ROUTES.indexOf(route)} (${route.method})`,
    request: () => ({ method: route.method, path: route.path(), anonymous: true, ...routeBody(route.method, route.path()) }),
    status: 401,
    code: 'unauthorized',
  })),
  {
    name: 'a cookie that is no session',
    request: () => ({ path: '/api/generations', anonymous: true, headers: { cookie: 'banana_studio_session=forged-session-id' } }),
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'the token in a query string is not accepted',
    request: () => ({ path: `/api/generations?token=${TOKEN}`, anonymous: true }),
    status: 401,
    code: 'unauthorized',
  },
  { name: 'Origin "null" (sandboxed frame)', request: () => ({ path: '/api/catalog', headers: { origin: 'null' } }), status: 403, code: 'forbidden_origin' },
  { name: 'Host with user info', request: () => ({ path: '/api/catalog', headers: { host: `evil@${hostHeader}` } }), status: 400, code: 'invalid_request' },

  // JSON bodies.
  {
    name: 'a body 10,000 levels deep (generations)',
    request: () => json(`{"provider":"local","model":"nano-banana-2","prompt":"x","advanced":${'['.repeat(10_000)}1${']'.repeat(10_000)}}`),
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'a body 10,000 levels deep in a known enum (estimate)',
    request: () => json(`{"provider":${'['.repeat(10_000)}1${']'.repeat(10_000)},"model":"nano-banana-2","prompt":"x"}`, '/api/estimate'),
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'a 1 MB unknown model is echoed cut with an ellipsis',
    request: () => json({ provider: 'local', model: 'm'.repeat(1_000_000), prompt: 'x' }, '/api/estimate'),
    status: 400,
    code: 'invalid_request',
    check: (body) => {
      expect(body.error.field).toBe('model');
      expect(body.error.message).toContain('…');
      expect(body.error.message.length).toBeLessThan(400);
    },
  },
  {
    name: 'a 1 MB unknown field name',
    request: () => json({ ...localRequest(), ['k'.repeat(1_000_000)]: 1 }),
    status: 400,
    code: 'invalid_request',
    check: (body) => expect(body.error.message).toContain('…'),
  },
  {
    name: 'a 100 KB providerModelId',
    request: () => json(localRequest({ providerModelId: 'p'.repeat(100_000) })),
    status: 400,
    code: 'invalid_request',
    check: (body) => expect(body.error.field).toBe('providerModelId'),
  },
  { name: 'not JSON', request: () => json('{"provider": "local",'), status: 400, code: 'invalid_request' },
  { name: 'a JSON array', request: () => json([localRequest()]), status: 400, code: 'invalid_request' },
  { name: 'JSON null', request: () => json('null'), status: 400, code: 'invalid_request' },
  { name: 'an empty body', request: () => json(''), status: 400, code: 'invalid_request' },
  {
    name: 'a __proto__ field',
    request: () => json(`{"provider":"local","model":"nano-banana-2","prompt":"x","__proto__":{"admin":true}}`),
    status: 400,
    code: 'invalid_request',
  },
  { name: 'a blank prompt', request: () => json(localRequest({ prompt: '   ' })), status: 400, code: 'invalid_request' },
  { name: 'a prompt past the limit', request: () => json(localRequest({ prompt: 'p'.repeat(200_000) })), status: 400, code: 'invalid_request' },
  {
    name: 'numberResults 1e400 (Infinity)',
    request: () => json('{"provider":"local","model":"nano-banana-2","prompt":"x","numberResults":1e400}'),
    status: 400,
    code: 'invalid_request',
  },
  { name: 'a fractional seed', request: () => json(localRequest({ seed: 1.5 })), status: 400, code: 'invalid_request' },
  { name: 'a look-alike provider (Cyrillic o)', request: () => json(localRequest({ provider: 'l\u043ecal' })), status: 400, code: 'invalid_request' },
  { name: 'a NUL in the model', request: () => json(localRequest({ model: 'nano-banana-2\u0000' })), status: 400, code: 'invalid_request' },
  {
    name: 'a right-to-left override in the aspect ratio',
    request: () => json(localRequest({ aspectRatio: '\u202e9:16' })),
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'a provider without a key',
    request: () => json({ provider: 'runware', model: 'nano-banana-2', prompt: 'A poster of a lighthouse' }),
    status: 400,
    code: 'provider_not_configured',
  },
  {
    name: 'a provider that does not offer the model',
    request: () => json({ provider: 'local', model: 'nano-banana', prompt: 'A poster of a lighthouse', resolution: '4K' }, '/api/estimate'),
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'a body claiming 300 MB by Content-Length',
    request: () => ({
      path: '/api/generations',
      raw:
        `POST /api/generations HTTP/1.1\r\nHost: ${hostHeader}\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: ` +
        `${300 * 1024 * 1024}\r\nConnection: close\r\n\r\n{"provider":`,
    }),
    status: 413,
    code: 'payload_too_large',
  },

  // Reference images: refuse the whole request before storing any of them.
  {
    name: 'a new data: image followed by an unknown upload id stores nothing',
    request: async () => json(localRequest({ referenceImages: [dataUri(await sharp(photo).resize(64).png().toBuffer()), 'unknown-upload-id-123'] })),
    status: 400,
    code: 'invalid_request',
    check: (body) => expect(body.error.field).toBe('referenceImages.1'),
  },
  {
    name: 'a new data: image followed by a text data: URI stores nothing',
    request: async () =>
      json(localRequest({ referenceImages: [dataUri(await sharp(photo).resize(72).png().toBuffer()), dataUri(Buffer.from('hello'), 'image/png')] })),
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'a data: JPEG truncated inside its header',
    request: () => json(localRequest({ referenceImages: [dataUri(jpeg.subarray(0, 40), 'image/jpeg')] })),
    status: 400,
    code: 'invalid_image',
    check: (body) => expect(body.error.field).toBe('referenceImages.0'),
  },
  {
    name: 'a data: image over 20 MB',
    request: () => json(localRequest({ referenceImages: [`data:image/png;base64,${'A'.repeat(28 * 1024 * 1024)}`] })),
    status: 413,
    code: 'payload_too_large',
  },

  // Uploads.
  { name: 'an empty upload', request: () => upload(Buffer.alloc(0)), status: 400, code: 'invalid_image' },
  { name: 'text sent as an image', request: () => upload('just some words, not a picture', 'image/png'), status: 415, code: 'unsupported_media_type' },
  {
    name: 'an SVG (scripts inside)',
    request: () => upload('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9" height="9"/></svg>', 'image/svg+xml'),
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'a PDF declared as PNG',
    request: () => upload('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF', 'image/png'),
    status: 415,
    code: 'unsupported_media_type',
  },
  { name: 'a JPEG truncated inside its header', request: () => upload(jpeg.subarray(0, 40), 'image/jpeg'), status: 400, code: 'invalid_image' },
  { name: 'a JPEG cut in half', request: () => upload(jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'image/jpeg'), status: 400, code: 'invalid_image' },
  { name: 'a PNG cut in half', request: () => upload(photo.subarray(0, Math.floor(photo.length / 2))), status: 400, code: 'invalid_image' },
  { name: 'a PNG signature alone', request: () => upload(photo.subarray(0, 8)), status: 400, code: 'invalid_image' },
  { name: 'a GIF header alone', request: () => upload('GIF89a'), status: 400, code: 'invalid_image' },
  { name: 'a decompression bomb header (60000 x 60000 PNG)', request: () => upload(pngHeader(60_000, 60_000)), status: 413, code: 'payload_too_large' },
  { name: 'an upload over 20 MB', request: () => upload(Buffer.alloc(21 * 1024 * 1024, 1)), status: 413, code: 'payload_too_large' },
  {
    name: 'a multipart body with two files',
    request: () =>
      multipart([
        { name: 'file', filename: 'a.png', type: 'image/png', content: photo },
        { name: 'file', filename: 'b.jpg', type: 'image/jpeg', content: jpeg },
      ]),
    status: 400,
    code: 'invalid_request',
    check: (body) => expect(body.error.field).toBe('file'),
  },
  {
    name: 'a multipart body with a second file under another name',
    request: () =>
      multipart([
        { name: 'file', filename: 'a.png', type: 'image/png', content: photo },
        { name: 'other', filename: 'b.png', type: 'image/png', content: jpeg },
      ]),
    status: 400,
    code: 'invalid_request',
  },
  { name: 'a multipart body without a file', request: () => multipart([{ name: 'note', content: 'hello' }]), status: 400, code: 'invalid_request' },
  {
    name: 'a multipart body with a broken boundary',
    request: () => ({
      ...multipart([{ name: 'file', filename: 'a.png', content: photo }]),
      headers: { 'content-type': 'multipart/form-data; boundary=something-else' },
    }),
    status: 400,
    code: 'invalid_request',
  },

  // Routes and parameters.
  { name: 'limit 0', request: () => ({ path: '/api/generations?limit=0' }), status: 400, code: 'invalid_request' },
  { name: 'limit 201', request: () => ({ path: '/api/generations?limit=201' }), status: 400, code: 'invalid_request' },
  { name: 'limit in words', request: () => ({ path: '/api/generations?limit=all' }), status: 400, code: 'invalid_request' },
  { name: 'a forged cursor', request: () => ({ path: '/api/generations?cursor=eyJmb3JnZWQiOnRydWV9' }), status: 400, code: 'invalid_request' },
  {
    name: 'an unknown 6,000 character model filter is cut',
    request: () => ({ path: `/api/generations?model=${'x'.repeat(6000)}` }),
    status: 400,
    code: 'invalid_request',
    check: (body) => expect(body.error.message.length).toBeLessThan(400),
  },
  { name: 'an unknown provider filter', request: () => ({ path: '/api/generations?provider=%00evil' }), status: 400, code: 'invalid_request' },
  { name: 'spend since a date that does not parse', request: () => ({ path: '/api/spend?since=yesterday-ish' }), status: 400, code: 'invalid_request' },
  { name: 'an unknown generation', request: () => ({ path: '/api/generations/00000000-0000-0000-0000-000000000000' }), status: 404, code: 'not_found' },
  {
    name: 'deleting an unknown generation',
    request: () => ({ method: 'DELETE', path: '/api/generations/no-such-generation' }),
    status: 404,
    code: 'not_found',
  },
  {
    name: 'cancelling an unknown generation',
    request: () => ({ method: 'POST', path: '/api/generations/no-such-generation/cancel' }),
    status: 404,
    code: 'not_found',
  },
  {
    name: 'cancelling a finished generation',
    request: () => ({ method: 'POST', path: `/api/generations/${seededGenerationId}/cancel` }),
    status: 409,
    code: 'generation_finished',
  },
  { name: 'an unknown image', request: () => ({ path: '/api/images/not-an-image' }), status: 404, code: 'not_found' },
  { name: 'an unknown upload', request: () => ({ path: '/api/uploads/not-an-upload' }), status: 404, code: 'not_found' },
  { name: 'path traversal to the database', request: () => ({ path: '/api/images/..%2F..%2Fstudio.db' }), status: 404, code: 'not_found' },
  { name: 'an unknown API path', request: () => ({ path: '/api/admin' }), status: 404, code: 'not_found' },
  {
    name: 'a method the route does not have',
    request: () => ({ method: 'PUT', path: '/api/generations', headers: { 'content-type': 'application/json' }, body: '{}' }),
    status: 404,
    code: 'not_found',
  },
  { name: 'sign-in without a token field', request: () => json({ password: 'x' }, '/api/session', { anonymous: true }), status: 400, code: 'invalid_request' },
  {
    name: 'sign-in with a 1 MB body',
    request: () => json({ token: 't'.repeat(1_000_000) }, '/api/session', { anonymous: true }),
    status: 413,
    code: 'payload_too_large',
  },
];

beforeAll(async () => {
  photo = readFileSync(join(PHOTOS, 'coffee.png'));
  jpeg = await sharp(photo).resize(256).jpeg().toBuffer();
  // A fake Gemini API whose every answer is an error that repeats the key, as a careless provider might.
  geminiFake = createServer((incoming, outgoing) => {
    incoming.resume();
    incoming.on('end', () => {
      const key = incoming.headers['x-goog-api-key'];
      outgoing.writeHead(400, { 'content-type': 'application/json' });
      outgoing.end(
        JSON.stringify({ error: { code: 400, message: `API key not valid. Please pass a valid API key. (key: ${String(key)})`, status: 'INVALID_ARGUMENT' } }),
      );
    });
  });
  await new Promise<void>((resolve) => geminiFake.listen(0, '127.0.0.1', resolve));
  dataDirectory = mkdtempSync(join(tmpdir(), 'studio-hostile-test-'));
  server = await startStudioServer({
    dataDirectory,
    environment: {
      STUDIO_ACCESS_TOKEN: TOKEN,
      GEMINI_API_KEY: GEMINI_KEY,
      GEMINI_BASE_URL: `http://127.0.0.1:${(geminiFake.address() as AddressInfo).port}`,
    },
  });
  hostHeader = `127.0.0.1:${server.port}`;
  const uploaded = await send(upload(photo));
  expect(uploaded.status).toBe(201);
  seededUploadId = (JSON.parse(uploaded.text) as { id: string }).id;
  const generated = await send(json(localRequest({ referenceImages: [seededUploadId] }), '/api/generations?wait=true'));
  expect(generated.status).toBe(200);
  const generation = JSON.parse(generated.text) as { id: string; status: string; images: Array<{ id: string }> };
  expect(generation.status).toBe('succeeded');
  seededGenerationId = generation.id;
  seededImageId = generation.images[0]!.id;
}, 120_000);

afterAll(async () => {
  // Unset when beforeAll failed, which the declared types cannot say.
  await (server as StudioServerProcess | undefined)?.stop();
  const fake = geminiFake as Server | undefined;
  await new Promise<void>((resolve) => (fake ? fake.close(() => resolve()) : resolve()));
  if (dataDirectory) rmSync(dataDirectory, { recursive: true, force: true });
});

describe('hostile requests are refused with the error body, the server stays up, nothing is stored', () => {
  it('has at least 60 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  for (const hostileCase of CASES) {
    it(hostileCase.name, async () => {
      const before = storedState();
      const answer = await send(await hostileCase.request());
      const body = await expectRefused(answer, hostileCase.status, hostileCase.code, before);
      hostileCase.check?.(body);
    });
  }

  it('a malformed Host header gets the JSON error body, not an empty 400', async () => {
    const before = storedState();
    const answer = await sendRaw(`GET /api/health HTTP/1.1\r\nHost: a@b:c:d\r\nConnection: close\r\n\r\n`);
    await expectRefused(answer, 400, 'invalid_request', before);
  });

  it('a backslash in the path gets the JSON error body', async () => {
    const before = storedState();
    const answer = await sendRaw(`GET /api\\health HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`);
    await expectRefused(answer, 400, 'invalid_request', before);
  });

  it('ten wrong tokens from one address within a minute, then 429 even for the right one', async () => {
    const before = storedState();
    const from = { localAddress: '127.0.0.2', anonymous: true };
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const answer = await send({ path: '/api/catalog', headers: { authorization: `Bearer wrong-${attempt}` }, ...from });
      await expectRefused(answer, 401, 'unauthorized', before);
    }
    await expectRefused(await send({ path: '/api/catalog', headers: { authorization: 'Bearer wrong-11' }, ...from }), 429, 'too_many_attempts', before);
    await expectRefused(await send({ path: '/api/catalog', headers: { authorization: `Bearer ${TOKEN}` }, ...from }), 429, 'too_many_attempts', before);
    await expectRefused(await send(json({ token: TOKEN }, '/api/session', from)), 429, 'too_many_attempts', before);
    // Other addresses are not affected.
    expect((await send({ path: '/api/catalog' })).status).toBe(200);
  });

  it('30 hostile requests at once: all refused, the server healthy, nothing stored', async () => {
    const before = storedState();
    const requests = [...CASES.filter((hostileCase) => hostileCase.code !== 'unauthorized').slice(0, 30)];
    const answers = await Promise.all(requests.map(async (hostileCase) => ({ hostileCase, answer: await send(await hostileCase.request()) })));
    for (const { hostileCase, answer } of answers) expect(answer.status, hostileCase.name).toBe(hostileCase.status);
    expect((await send({ path: '/api/health' })).status).toBe(200);
    expect(storedState()).toEqual(before);
  });

  it('10 identical requests with a bad second reference at once store no upload', async () => {
    const before = storedState();
    const image = dataUri(await sharp(photo).resize(96).png().toBuffer());
    const answers = await Promise.all(Array.from({ length: 10 }, () => send(json(localRequest({ referenceImages: [image, 'missing-upload-id'] })))));
    for (const answer of answers) expect(answer.status).toBe(400);
    expect(storedState()).toEqual(before);
  });
});

describe('a provider error that repeats the key', () => {
  it('never shows the key in the stored error, the answer, the live events or the log', async () => {
    const events = await fetch(`${server.url}/api/events`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(events.status).toBe(200);
    const reader = events.body!.getReader();
    let streamed = '';
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        streamed += Buffer.from(value).toString('utf8');
        if (streamed.includes('"status":"failed"')) return;
      }
    })();
    const answer = await send(json({ provider: 'gemini', model: 'nano-banana-2', prompt: 'A leak test' }, '/api/generations?wait=true'));
    expect(answer.status).toBe(200);
    const generation = JSON.parse(answer.text) as { id: string; status: string; error: { code: string; message: string; providerCode?: string } };
    expect(generation.status).toBe('failed');
    expect(generation.error.code).toBe('provider_error');
    expect(generation.error.message).toContain('[redacted]');
    expect(answer.text).not.toContain(GEMINI_KEY);
    const again = await send({ path: `/api/generations/${generation.id}` });
    expect(again.text).not.toContain(GEMINI_KEY);
    const listed = await send({ path: '/api/generations' });
    expect(listed.text).not.toContain(GEMINI_KEY);
    await reading;
    await reader.cancel();
    expect(streamed).toContain('event: generation');
    expect(streamed).not.toContain(GEMINI_KEY);
    const database = readFileSync(join(dataDirectory, 'studio.db')).toString('latin1') + readFileSync(join(dataDirectory, 'studio.db-wal')).toString('latin1');
    expect(database).not.toContain(GEMINI_KEY);
    expect(server.output()).toContain(`generation ${generation.id} failed`);
    expect(server.output()).not.toContain(GEMINI_KEY);
    expect(server.output()).not.toContain(TOKEN);
  });
});
