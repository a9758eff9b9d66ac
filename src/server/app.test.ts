import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import encodeChunks from 'png-chunks-encode';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { MAX_JSON_BODY_BYTES } from './routes/route-helpers.ts';
import { createStudio, type Studio } from './studio.ts';

const PHOTOS = join(import.meta.dirname, '../../e2e/fixtures/photos');
const photo = (name: string) => readFileSync(join(PHOTOS, `${name}.png`));

let directory: string;
let studio: Studio;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'studio-app-test-'));
  studio = createStudio(loadConfig({ STUDIO_DATA_DIR: directory, RUNWARE_API_KEY: 'test-key-never-shown' }, directory), { log: () => {} });
  app = createApp(studio, { staticDirectory: join(directory, 'no-ui-here'), logError: () => {} });
});

afterAll(async () => {
  await studio.close();
  rmSync(directory, { recursive: true, force: true });
});

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

async function uploadPhoto(name: string): Promise<{ id: string; sha256: string; width: number; height: number }> {
  const response = await app.request('/api/uploads', { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: photo(name) });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; sha256: string; width: number; height: number };
}

describe('health and catalog', () => {
  it('answers health with the package version', async () => {
    const response = await app.request('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', version: '0.1.0' });
  });

  it('marks local and key-holding providers configured and never shows a key', async () => {
    const response = await app.request('/api/catalog');
    const text = await response.text();
    expect(text).not.toContain('test-key-never-shown');
    const catalog = JSON.parse(text) as { providers: Array<{ id: string; configured: boolean }>; offerings: unknown[] };
    const configured = Object.fromEntries(catalog.providers.map((provider) => [provider.id, provider.configured]));
    expect(configured).toEqual({ local: true, runware: true, runflow: false, aimlapi: false, gemini: false });
    expect(catalog.offerings.length).toBeGreaterThan(5);
  });
});

describe('estimate', () => {
  it('prices a request', async () => {
    const response = await app.request('/api/estimate', json({ provider: 'local', model: 'nano-banana-2', prompt: 'a yellow banana' }));
    expect(response.status).toBe(200);
    const estimate = (await response.json()) as { currency: string; total: number };
    expect(estimate).toMatchObject({ currency: 'USD', total: 0 });
  });

  it('refuses an unsupported value with the first issue and all issues', async () => {
    const response = await app.request(
      '/api/estimate',
      json({ provider: 'runware', model: 'nano-banana-pro', prompt: 'a yellow banana', aspectRatio: '8:1', numberResults: 99 }),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; field: string; allowed: string[]; issues: unknown[]; message: string } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.field).toBe('aspectRatio');
    expect(body.error.allowed).toContain('16:9');
    expect(body.error.allowed).not.toContain('8:1');
    expect(body.error.issues.length).toBe(2);
  });

  it('refuses a body that is not JSON', async () => {
    const response = await app.request('/api/estimate', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{oops' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
  });
});

describe('uploads', () => {
  it('stores a photo once: the same bytes give the same id', async () => {
    const first = await uploadPhoto('coffee');
    const second = await uploadPhoto('coffee');
    expect(second.id).toBe(first.id);
    const metadata = await sharp(photo('coffee')).metadata();
    expect(first).toMatchObject({ width: metadata.width, height: metadata.height });
    expect(readdirSync(join(directory, 'images')).filter((name) => name.startsWith(first.sha256))).toHaveLength(1);
  });

  it('accepts multipart/form-data with a file field', async () => {
    const form = new FormData();
    form.append('file', new Blob([photo('chelsea')]), 'whatever.txt');
    const response = await app.request('/api/uploads', { method: 'POST', body: form });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { mimeType: string }).mimeType).toBe('image/png');
  });

  it('checks content, not headers: a PNG sent as text/plain is stored, text sent as image/png is refused', async () => {
    const png = await app.request('/api/uploads', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: photo('astronaut') });
    expect(png.status).toBe(201);
    const text = await app.request('/api/uploads', { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: 'hello, I am not an image' });
    expect(text.status).toBe(415);
    expect(((await text.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
  });

  it('accepts GIF, WebP and AVIF by content', async () => {
    const source = sharp(photo('chelsea')).resize(200);
    for (const [format, mimeType] of [
      ['gif', 'image/gif'],
      ['webp', 'image/webp'],
      ['avif', 'image/avif'],
    ] as const) {
      const bytes = await source.clone().toFormat(format).toBuffer();
      const response = await app.request('/api/uploads', { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: bytes });
      expect(response.status, format).toBe(201);
      expect(((await response.json()) as { mimeType: string }).mimeType).toBe(mimeType);
    }
  });

  it('refuses SVG with 415', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
    const response = await app.request('/api/uploads', { method: 'POST', headers: { 'Content-Type': 'image/svg+xml' }, body: svg });
    expect(response.status).toBe(415);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unsupported_media_type');
    expect(body.error.message).toMatch(/SVG/);
  });

  it('refuses a truncated PNG with 400 invalid_image and stores nothing', async () => {
    const before = readdirSync(join(directory, 'images')).length;
    const bytes = await sharp({ create: { width: 800, height: 800, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .png()
      .toBuffer();
    const truncated = bytes.subarray(0, Math.floor(bytes.length / 2));
    const response = await app.request('/api/uploads', { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: truncated });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_image');
    expect(body.error.message).toMatch(/truncated or corrupt/);
    expect(readdirSync(join(directory, 'images')).length).toBe(before);
  });

  it('refuses a decompression bomb by its pixel count', async () => {
    // A 12000 x 12000 PNG of one colour is tiny on disk but 144 megapixels decoded. Written chunk by chunk (1-bit
    // grey, all black rows) rather than encoded by sharp, which spends about a second compressing 432 MB of pixels.
    const side = 12_000;
    const header = Buffer.alloc(13);
    header.writeUInt32BE(side, 0);
    header.writeUInt32BE(side, 4);
    header[8] = 1; // bit depth; colour type 0 (grey), deflate, filter 0 and no interlace are the zeros after it
    const rows = Buffer.alloc((1 + side / 8) * side); // each row: filter type 0, then 1,500 bytes of black pixels
    const chunks = [
      { name: 'IHDR', data: header },
      { name: 'IDAT', data: deflateSync(rows, { level: 9 }) },
      { name: 'IEND', data: new Uint8Array(0) },
    ];
    const bomb = Buffer.from(encodeChunks(chunks));
    expect(await sharp(bomb, { limitInputPixels: false }).metadata()).toMatchObject({ format: 'png', width: side, height: side });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const response = await app.request('/api/uploads', { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: bomb });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.message).toMatch(/100 megapixels/);
  });

  it('refuses a body over 20 MB with 413 payload_too_large', async () => {
    const response = await app.request('/api/uploads', {
      method: 'POST',
      headers: { 'Content-Type': 'image/png' },
      body: Buffer.alloc(21 * 1024 * 1024, 1),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('serves an upload back (extension)', async () => {
    const upload = await uploadPhoto('coffee');
    const response = await app.request(`/api/uploads/${upload.id}`);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(photo('coffee'))).toBe(true);
  });
});

describe('generations', () => {
  it('generates with local, stores references as uploads, serves the images and thumbnails, then deletes the files', async () => {
    const reference = await uploadPhoto('chelsea');
    const dataUri = `data:image/png;base64,${photo('astronaut').toString('base64')}`;
    const response = await app.request(
      '/api/generations?wait=true',
      json({
        provider: 'local',
        model: 'nano-banana-2',
        prompt: 'A banana-yellow poster, reference image 1 as the hero',
        resolution: '0.5K',
        aspectRatio: '3:2',
        referenceImages: [reference.id, dataUri],
        numberResults: 2,
        seed: 41,
        outputFormat: 'png',
      }),
    );
    expect(response.status).toBe(200);
    const generation = (await response.json()) as {
      id: string;
      status: string;
      request: { referenceImages: string[] };
      images: Array<{ id: string; url: string; thumbnailUrl: string; width: number; height: number; seed: number; mimeType: string }>;
      actualCost: number;
      estimatedCost: { total: number };
      durationMs: number;
    };
    expect(generation.status).toBe('succeeded');
    expect(generation.actualCost).toBe(0);
    expect(generation.estimatedCost.total).toBe(0);
    expect(generation.durationMs).toBeGreaterThan(0);
    expect(generation.request.referenceImages[0]).toBe(reference.id);
    expect(generation.request.referenceImages[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(generation.images.map((image) => image.seed)).toEqual([41, 42]);

    for (const image of generation.images) {
      expect(image).toMatchObject({ width: 632, height: 424, mimeType: 'image/png' });
      const file = await app.request(image.url);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/png');
      expect(file.headers.get('cache-control')).toContain('max-age=31536000');
      const metadata = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
      expect([metadata.format, metadata.width, metadata.height]).toEqual(['png', 632, 424]);
      const thumbnail = await app.request(image.thumbnailUrl);
      expect(thumbnail.headers.get('content-type')).toBe('image/webp');
      const thumbnailMetadata = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata();
      expect(thumbnailMetadata.format).toBe('webp');
      expect(Math.max(thumbnailMetadata.width, thumbnailMetadata.height)).toBeLessThanOrEqual(512);
    }

    const stored = studio.database.prepare('SELECT sha256 FROM generation_images WHERE generation_id = ?').all(generation.id) as Array<{ sha256: string }>;
    const deleted = await app.request(`/api/generations/${generation.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await app.request(`/api/generations/${generation.id}`)).status).toBe(404);
    expect((await app.request(generation.images[0]!.url)).status).toBe(404);
    const files = readdirSync(join(directory, 'images'));
    for (const { sha256 } of stored) expect(files.some((name) => name.startsWith(sha256))).toBe(false);
    // The uploads it used are still there.
    expect((await app.request(`/api/uploads/${reference.id}`)).status).toBe(200);
  });

  it('answers 202 with a queued or running generation without ?wait', async () => {
    const response = await app.request(
      '/api/generations',
      json({ provider: 'local', model: 'nano-banana', prompt: 'a quiet lake', resolution: '1K', aspectRatio: '1:1' }),
    );
    expect(response.status).toBe(202);
    const generation = (await response.json()) as { id: string; status: string };
    expect(['queued', 'running']).toContain(generation.status);
    await studio.runner.waitForGeneration(generation.id);
    const finished = (await (await app.request(`/api/generations/${generation.id}`)).json()) as { status: string };
    expect(finished.status).toBe('succeeded');
  });

  it('refuses a provider without a key, naming the variable', async () => {
    const response = await app.request('/api/generations', json({ provider: 'gemini', model: 'nano-banana-2', prompt: 'a yellow banana' }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string; field: string } };
    expect(body.error.code).toBe('provider_not_configured');
    expect(body.error.message).toContain('GEMINI_API_KEY');
    expect(body.error.field).toBe('provider');
  });

  it('refuses an unknown upload id and a non-image data URI without creating a generation', async () => {
    const before = (studio.database.prepare('SELECT COUNT(*) AS count FROM generations').get() as { count: number }).count;
    const unknown = await app.request(
      '/api/generations',
      json({ provider: 'local', model: 'nano-banana-2', prompt: 'a yellow banana', referenceImages: ['no-such-upload-id'] }),
    );
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { field: string } }).error.field).toBe('referenceImages.0');
    const text = await app.request(
      '/api/generations',
      json({
        provider: 'local',
        model: 'nano-banana-2',
        prompt: 'a yellow banana',
        referenceImages: [`data:image/png;base64,${Buffer.from('plain text').toString('base64')}`],
      }),
    );
    expect(text.status).toBe(415);
    expect(((await text.json()) as { error: { field: string } }).error.field).toBe('referenceImages.0');
    expect((studio.database.prepare('SELECT COUNT(*) AS count FROM generations').get() as { count: number }).count).toBe(before);
  });

  it('refuses a JSON body over the limit (8 x 20 MB as base64 plus the JSON) with 413', async () => {
    const body = `{"provider":"local","model":"nano-banana-2","prompt":"${'x'.repeat(MAX_JSON_BODY_BYTES)}"}`;
    const response = await app.request('/api/generations', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('answers 404 not_found for unknown ids', async () => {
    for (const [method, path] of [
      ['GET', '/api/generations/nope'],
      ['DELETE', '/api/generations/nope'],
      ['POST', '/api/generations/nope/cancel'],
      ['GET', '/api/images/nope'],
      ['GET', '/api/uploads/nope'],
    ] as const) {
      const response = await app.request(path, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });

  it('lists newest first with a cursor, and filters by provider, model and prompt text', async () => {
    const prompts = ['first 100% pure', 'second under_score', 'third plain'];
    for (const prompt of prompts) {
      const response = await app.request(
        '/api/generations?wait=true',
        json({ provider: 'local', model: 'nano-banana-2', prompt, resolution: '0.5K', aspectRatio: '1:1' }),
      );
      expect(response.status).toBe(200);
    }
    const page = (await (await app.request('/api/generations?limit=2&model=nano-banana-2&provider=local')).json()) as {
      items: Array<{ request: { prompt: string } }>;
      nextCursor: string | null;
    };
    expect(page.items.map((item) => item.request.prompt)).toEqual(['third plain', 'second under_score']);
    expect(page.nextCursor).not.toBeNull();
    const next = (await (await app.request(`/api/generations?limit=2&model=nano-banana-2&provider=local&cursor=${page.nextCursor}`)).json()) as {
      items: Array<{ request: { prompt: string } }>;
      total: number;
    };
    expect(next.items[0]!.request.prompt).toBe('first 100% pure');
    // Extension: the true count over all pages, the same on every page.
    expect(next.total).toBe((page as unknown as { total: number }).total);
    expect(next.total).toBeGreaterThanOrEqual(3);
    const counted = (await (await app.request(`/api/generations?limit=1&q=${encodeURIComponent('plain')}`)).json()) as { total: number; totalImages: number };
    expect(counted).toMatchObject({ total: 1, totalImages: 1 });

    const percent = (await (await app.request(`/api/generations?q=${encodeURIComponent('100%')}`)).json()) as { items: Array<{ request: { prompt: string } }> };
    expect(percent.items.map((item) => item.request.prompt)).toEqual(['first 100% pure']);
    const underscore = (await (await app.request(`/api/generations?q=${encodeURIComponent('r_s')}`)).json()) as { items: unknown[] };
    expect(underscore.items).toHaveLength(1);
    const none = (await (await app.request('/api/generations?provider=runware')).json()) as { items: unknown[]; nextCursor: null };
    expect(none).toEqual({ items: [], nextCursor: null, total: 0, totalImages: 0 });

    expect((await app.request('/api/generations?limit=0')).status).toBe(400);
    expect((await app.request('/api/generations?provider=acme')).status).toBe(400);
    expect((await app.request('/api/generations?cursor=garbage')).status).toBe(400);
  });

  it('cancels a queued generation (extension)', async () => {
    // Fill the local slots, then cancel one still waiting.
    const started = await Promise.all(
      [1, 2, 3].map(async (index) => {
        const response = await app.request(
          '/api/generations',
          json({ provider: 'local', model: 'nano-banana-2', prompt: `cancel me ${index}`, resolution: '2K', aspectRatio: '1:1' }),
        );
        return ((await response.json()) as { id: string }).id;
      }),
    );
    const last = started[2]!;
    const cancelled = await app.request(`/api/generations/${last}/cancel`, { method: 'POST' });
    expect(cancelled.status).toBe(200);
    const body = (await cancelled.json()) as { status: string; error: { code: string; message: string } };
    expect(body.status).toBe('failed');
    expect(body.error).toEqual({ code: 'cancelled', message: 'Cancelled by the user' });
    for (const id of started) await studio.runner.waitForGeneration(id);
    const again = await app.request(`/api/generations/${started[0]}/cancel`, { method: 'POST' });
    expect(again.status).toBe(409);
  });

  it('sums billed cost since a time (extension)', async () => {
    const response = await app.request(`/api/spend?since=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`);
    expect(response.status).toBe(200);
    const spend = (await response.json()) as { currency: string; total: number; count: number };
    expect(spend.currency).toBe('USD');
    expect(spend.total).toBe(0);
    expect(spend.count).toBeGreaterThan(0);
    const future = (await (await app.request(`/api/spend?since=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`)).json()) as {
      count: number;
    };
    expect(future.count).toBe(0);
    expect((await app.request('/api/spend?since=yesterday-ish')).status).toBe(400);
  });
});

describe('who may call', () => {
  it('refuses a foreign Host and a cross-origin request with 403 forbidden_origin', async () => {
    const foreignHost = await app.request('http://evil.example/api/health');
    expect(foreignHost.status).toBe(403);
    const crossOrigin = await app.request(
      '/api/estimate',
      json({ provider: 'local', model: 'nano-banana-2', prompt: 'a yellow banana' }, { Origin: 'https://evil.example' }),
    );
    expect(crossOrigin.status).toBe(403);
    expect(((await crossOrigin.json()) as { error: { code: string } }).error.code).toBe('forbidden_origin');
    const sameOrigin = await app.request(
      '/api/estimate',
      json({ provider: 'local', model: 'nano-banana-2', prompt: 'a yellow banana' }, { Origin: 'http://localhost' }),
    );
    expect(sameOrigin.status).toBe(200);
  });

  it('accepts hosts and origins listed in STUDIO_ALLOWED_HOSTS / STUDIO_ALLOWED_ORIGINS', async () => {
    const other = createStudio(
      loadConfig({ STUDIO_DATA_DIR: join(directory, 'other'), STUDIO_ALLOWED_HOSTS: 'studio.lan', STUDIO_ALLOWED_ORIGINS: 'http://tools.lan:3000' }, directory),
      { log: () => {} },
    );
    try {
      const otherApp = createApp(other, { staticDirectory: null });
      expect((await otherApp.request('http://studio.lan:8787/api/health')).status).toBe(200);
      expect((await otherApp.request('/api/health', { headers: { Origin: 'http://tools.lan:3000' } })).status).toBe(200);
      expect((await otherApp.request('/api/health', { headers: { Origin: 'http://tools.lan:3001' } })).status).toBe(403);
    } finally {
      await other.close();
    }
  });

  it('serves the built UI with a fallback to index.html for client routes', async () => {
    const dist = join(directory, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Banana Studio</title>');
    writeFileSync(join(dist, 'assets', 'main-abc123.js'), 'console.log(1)');
    const uiApp = createApp(studio, { staticDirectory: dist });
    const index = await uiApp.request('/');
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('Banana Studio');
    const clientRoute = await uiApp.request('/gallery/some-id');
    expect(await clientRoute.text()).toContain('Banana Studio');
    const asset = await uiApp.request('/assets/main-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await uiApp.request('/assets/missing-999.js')).status).toBe(404);
    expect((await uiApp.request('/api/unknown')).status).toBe(404);
  });

  it('says how to build the UI when dist/ is missing', async () => {
    const response = await app.request('/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('npm run build');
  });
});
