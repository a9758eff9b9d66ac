import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERRUPTED_MESSAGE } from './generations/generation-runner.ts';
import { startStudioServer, type StudioServerProcess } from './testing/studio-server-process.ts';

const PHOTOS = join(import.meta.dirname, '../../e2e/fixtures/photos');

interface GenerationBody {
  id: string;
  status: string;
  request: { referenceImages: string[]; prompt: string };
  images: Array<{ id: string; url: string; thumbnailUrl: string; width: number; height: number; mimeType: string; seed: number }>;
  error: { code: string; message: string } | null;
}

let dataDirectory: string;
let server: StudioServerProcess;

beforeAll(async () => {
  dataDirectory = mkdtempSync(join(tmpdir(), 'studio-server-test-'));
  server = await startStudioServer({ dataDirectory });
});

afterAll(async () => {
  // Unset when beforeAll failed, which the declared types cannot say.
  await (server as StudioServerProcess | undefined)?.stop();
  rmSync(dataDirectory, { recursive: true, force: true });
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** A raw HTTP request with a chosen Host header (fetch does not let a caller set Host). */
function requestWithHost(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: server.port, path, headers: { Host: host } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('a real studio server', () => {
  let firstGeneration: GenerationBody;

  it('prints the listening line with the real port', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.output()).toContain(`listening on http://127.0.0.1:${server.port}`);
  });

  it('runs the full local flow: 3 photo uploads, 2 images at nano-banana-2 2K 16:9, list, fetch, delete', async () => {
    const ids: string[] = [];
    for (const name of ['astronaut', 'chelsea', 'coffee']) {
      const response = await fetch(`${server.url}/api/uploads`, {
        method: 'POST',
        headers: { 'Content-Type': 'image/png' },
        body: readFileSync(join(PHOTOS, `${name}.png`)),
      });
      expect(response.status).toBe(201);
      ids.push(((await response.json()) as { id: string }).id);
    }
    const response = await post('/api/generations?wait=true', {
      provider: 'local',
      model: 'nano-banana-2',
      prompt: 'The astronaut of reference image 1 holds the cat of reference image 2 next to the coffee of reference image 3',
      resolution: '2K',
      aspectRatio: '16:9',
      numberResults: 2,
      referenceImages: ids,
    });
    expect(response.status).toBe(200);
    const generation = (await response.json()) as GenerationBody;
    expect(generation.status).toBe('succeeded');
    expect(generation.request.referenceImages).toEqual(ids);
    expect(generation.images).toHaveLength(2);
    expect(generation.images[1]!.seed).toBe(generation.images[0]!.seed + 1);

    const list = (await (await fetch(`${server.url}/api/generations?limit=50`)).json()) as { items: GenerationBody[] };
    expect(list.items[0]!.id).toBe(generation.id);

    for (const image of generation.images) {
      const file = await fetch(`${server.url}${image.url}`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/jpeg');
      const metadata = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
      expect([metadata.format, metadata.width, metadata.height]).toEqual(['jpeg', 2752, 1536]);
    }
    // The two images differ (seed and seed + 1).
    const [a, b] = await Promise.all(generation.images.map(async (image) => Buffer.from(await (await fetch(`${server.url}${image.url}`)).arrayBuffer())));
    expect(a!.equals(b!)).toBe(false);

    const deleted = await fetch(`${server.url}/api/generations/${generation.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await fetch(`${server.url}/api/generations/${generation.id}`)).status).toBe(404);
    expect((await fetch(`${server.url}${generation.images[0]!.url}`)).status).toBe(404);
  });

  it('keeps history and images across a restart on the same data directory', async () => {
    const response = await post('/api/generations?wait=true', {
      provider: 'local',
      model: 'nano-banana-pro',
      prompt: 'A lighthouse at dawn, kept across restarts',
      resolution: '1K',
      aspectRatio: '4:3',
      outputFormat: 'png',
    });
    firstGeneration = (await response.json()) as GenerationBody;
    expect(firstGeneration.status).toBe('succeeded');
    const before = Buffer.from(await (await fetch(`${server.url}${firstGeneration.images[0]!.url}`)).arrayBuffer());

    await server.stop();
    server = await startStudioServer({ dataDirectory });

    const again = (await (await fetch(`${server.url}/api/generations/${firstGeneration.id}`)).json()) as GenerationBody;
    expect(again).toEqual(firstGeneration);
    const after = Buffer.from(await (await fetch(`${server.url}${firstGeneration.images[0]!.url}`)).arrayBuffer());
    expect(after.equals(before)).toBe(true);
    const list = (await (await fetch(`${server.url}/api/generations`)).json()) as { items: GenerationBody[] };
    expect(list.items.map((item) => item.id)).toContain(firstGeneration.id);
  });

  it('answers every refusal code of API.md with its error body', async () => {
    const expectError = async (response: Response | { status: number; body: string }, status: number, code: string) => {
      expect(response.status).toBe(status);
      const body = JSON.parse(response instanceof Response ? await response.text() : response.body) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(code);
      expect(body.error.message.length).toBeGreaterThan(10);
      return body;
    };
    // invalid_request
    const invalid = await expectError(
      await post('/api/generations', { provider: 'local', model: 'nano-banana', prompt: 'a banana', resolution: '4K' }),
      400,
      'invalid_request',
    );
    expect(invalid).toMatchObject({ error: { field: 'resolution' } });
    // not_found
    await expectError(await fetch(`${server.url}/api/generations/does-not-exist`), 404, 'not_found');
    // provider_not_configured
    const notConfigured = await expectError(
      await post('/api/generations', { provider: 'runware', model: 'nano-banana-2', prompt: 'a banana' }),
      400,
      'provider_not_configured',
    );
    expect(notConfigured.error.message).toContain('RUNWARE_API_KEY');
    // payload_too_large
    await expectError(
      await fetch(`${server.url}/api/uploads`, { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: Buffer.alloc(21 * 1024 * 1024) }),
      413,
      'payload_too_large',
    );
    // unsupported_media_type
    await expectError(
      await fetch(`${server.url}/api/uploads`, { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: '%PDF-1.4 not an image' }),
      415,
      'unsupported_media_type',
    );
    // forbidden_origin: a cross-origin POST and a foreign Host header
    await expectError(
      await post('/api/generations', { provider: 'local', model: 'nano-banana-2', prompt: 'spend their credit' }, { Origin: 'https://evil.example' }),
      403,
      'forbidden_origin',
    );
    await expectError(await requestWithHost('/api/health', 'attacker.example:80'), 403, 'forbidden_origin');
    await expectError(await requestWithHost('/api/health', `127.0.0.1:${server.port + 1}`), 403, 'forbidden_origin');
    expect((await requestWithHost('/api/health', `localhost:${server.port}`)).status).toBe(200);
    // Same-origin POST from the served page works.
    const sameOrigin = await post('/api/estimate', { provider: 'local', model: 'nano-banana-2', prompt: 'a banana' }, { Origin: server.url });
    expect(sameOrigin.status).toBe(200);
  });

  it('runs 20 concurrent generations and all succeed', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        post('/api/generations?wait=true', {
          provider: 'local',
          model: 'nano-banana-2',
          prompt: `Concurrent preview number ${index}`,
          resolution: '0.5K',
          aspectRatio: index % 2 === 0 ? '1:1' : '16:9',
          seed: index,
        }),
      ),
    );
    const generations = await Promise.all(responses.map(async (response) => (await response.json()) as GenerationBody));
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    expect(generations.map((generation) => generation.status)).toEqual(Array(20).fill('succeeded'));
    expect(new Set(generations.map((generation) => generation.id)).size).toBe(20);
    // The server stayed responsive meanwhile and lists them all.
    const list = (await (await fetch(`${server.url}/api/generations?q=${encodeURIComponent('Concurrent preview')}&limit=50`)).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(20);
  });

  it('marks generations left queued/running by a crash as failed on start-up', async () => {
    await server.stop();
    const database = new Database(join(dataDirectory, 'studio.db'));
    const insert = database.prepare(
      `INSERT INTO generations (id, created_at, status, provider, model, offering_id, prompt, request_json, estimated_cost_json, started_at)
       VALUES (?, ?, ?, 'local', 'nano-banana-2', 'local/nano-banana-2', 'crashed', ?, ?, ?)`,
    );
    const request = JSON.stringify({
      provider: 'local',
      model: 'nano-banana-2',
      prompt: 'crashed',
      resolution: '1K',
      aspectRatio: '1:1',
      referenceImages: [],
      numberResults: 1,
      outputFormat: 'jpeg',
      webSearch: false,
      imageSearch: false,
      providerModelId: 'local-preview:nano-banana-2',
    });
    const cost = JSON.stringify({ currency: 'USD', total: 0, min: 0, max: 0 });
    const now = new Date().toISOString();
    insert.run('crashed-running-1', now, 'running', request, cost, now);
    insert.run('crashed-queued-1', now, 'queued', request, cost, null);
    database.close();

    server = await startStudioServer({ dataDirectory });
    for (const id of ['crashed-running-1', 'crashed-queued-1']) {
      const generation = (await (await fetch(`${server.url}/api/generations/${id}`)).json()) as GenerationBody;
      expect(generation.status).toBe('failed');
      expect(generation.error).toEqual({ code: 'interrupted', message: INTERRUPTED_MESSAGE });
    }
    // Earlier history is intact.
    expect((await fetch(`${server.url}/api/generations/${firstGeneration.id}`)).status).toBe(200);
  });
});

describe('the dev server (--dev)', () => {
  it('serves the UI through Vite and /api from the studio on one origin', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'studio-dev-test-'));
    const dev = await startStudioServer({ dataDirectory: directory, arguments: ['--dev'] });
    try {
      const page = await fetch(`${dev.url}/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('/@vite/client');
      expect(html).toContain('<div id="root">');
      const health = await fetch(`${dev.url}/api/health`);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      const crossOrigin = await fetch(`${dev.url}/api/estimate`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
        body: JSON.stringify({ provider: 'local', model: 'nano-banana-2', prompt: 'a banana' }),
      });
      expect(crossOrigin.status).toBe(403);
    } finally {
      await dev.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
