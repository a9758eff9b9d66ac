/**
 * Fault test (issue 10): `kill -9` of the real server while three 4K
 * generations run, then a restart on the same data directory. Nothing is
 * lost: the database passes its integrity check, the finished history and
 * its image files and uploads are all there, and each interrupted generation
 * ends (resumed or marked `interrupted`) instead of staying queued forever.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startStudioServer, type StudioServerProcess } from './testing/studio-server-process.ts';

interface GenerationBody {
  id: string;
  status: string;
  images: Array<{ url: string }>;
  error: { code: string; message: string } | null;
}

const PHOTO = readFileSync(join(import.meta.dirname, '../../e2e/fixtures/photos/chelsea.png'));

let dataDirectory: string;
let server: StudioServerProcess | undefined;

beforeAll(() => {
  dataDirectory = mkdtempSync(join(tmpdir(), 'studio-kill-test-'));
});

afterAll(async () => {
  await server?.stop();
  rmSync(dataDirectory, { recursive: true, force: true });
});

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${server!.url}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

it('kill -9 during three 4K generations loses nothing', async () => {
  server = await startStudioServer({ dataDirectory });
  const uploaded = await fetch(`${server.url}/api/uploads`, { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: PHOTO });
  expect(uploaded.status).toBe(201);
  const upload = (await uploaded.json()) as { id: string; sha256: string };
  const finished = await fetch(`${server.url}/api/generations?wait=true`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ provider: 'local', model: 'nano-banana-2', prompt: 'Kept through a crash', resolution: '1K', referenceImages: [upload.id] }),
  });
  const kept = (await finished.json()) as GenerationBody;
  expect(kept.status).toBe('succeeded');
  const keptImage = Buffer.from(await (await fetch(`${server.url}${kept.images[0]!.url}`)).arrayBuffer());

  const started: GenerationBody[] = [];
  for (const index of [1, 2, 3]) {
    const response = await fetch(`${server.url}/api/generations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        provider: 'local',
        model: 'nano-banana-2',
        prompt: `Interrupted 4K render ${index}`,
        resolution: '4K',
        aspectRatio: '16:9',
        referenceImages: [upload.id],
      }),
    });
    expect(response.status).toBe(202);
    started.push((await response.json()) as GenerationBody);
  }
  // Kill while at least one is rendering.
  await vi.waitFor(
    async () => {
      const statuses = await Promise.all(started.map((generation) => getJson<GenerationBody>(`/api/generations/${generation.id}`)));
      expect(statuses.some((generation) => generation.status === 'running')).toBe(true);
    },
    { timeout: 30_000, interval: 50 },
  );
  const exited = new Promise((resolve) => server!.child.once('exit', resolve));
  server.child.kill('SIGKILL');
  await exited;

  const database = new Database(join(dataDirectory, 'studio.db'));
  expect(database.pragma('integrity_check', { simple: true })).toBe('ok');
  database.close();

  server = await startStudioServer({ dataDirectory });
  // The finished generation, its image and the upload survived byte for byte.
  const again = await getJson<GenerationBody>(`/api/generations/${kept.id}`);
  expect(again.status).toBe('succeeded');
  const imageAfter = Buffer.from(await (await fetch(`${server.url}${again.images[0]!.url}`)).arrayBuffer());
  expect(createHash('sha256').update(imageAfter).digest('hex')).toBe(createHash('sha256').update(keptImage).digest('hex'));
  const uploadBytes = Buffer.from(await (await fetch(`${server.url}/api/uploads/${upload.id}`)).arrayBuffer());
  expect(createHash('sha256').update(uploadBytes).digest('hex')).toBe(upload.sha256);

  // Every interrupted generation is still listed and ends: resumed with its images, or failed as interrupted.
  const listed = await getJson<{ items: GenerationBody[] }>('/api/generations?limit=10');
  expect(listed.items.map((generation) => generation.id).sort()).toEqual([kept.id, ...started.map((generation) => generation.id)].sort());
  await vi.waitFor(
    async () => {
      for (const generation of started) {
        const current = await getJson<GenerationBody>(`/api/generations/${generation.id}`);
        expect(['succeeded', 'failed']).toContain(current.status);
        if (current.status === 'failed') expect(current.error?.code).toBe('interrupted');
        if (current.status === 'succeeded') {
          for (const image of current.images) expect((await fetch(`${server!.url}${image.url}`)).status).toBe(200);
        }
      }
    },
    { timeout: 60_000, interval: 200 },
  );
  expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
}, 180_000);
