import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createStudio, type Studio } from '../studio.ts';

let directory: string;
let studio: Studio;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'studio-events-test-'));
  studio = createStudio(loadConfig({ STUDIO_DATA_DIR: directory }, directory), { log: () => {} });
  app = createApp(studio, { staticDirectory: null, logError: () => {}, eventsHeartbeatMs: 50 });
});

afterAll(async () => {
  await studio.close();
  rmSync(directory, { recursive: true, force: true });
});

it('streams generation events as Server-Sent Events with heartbeats, and unsubscribes when the client leaves', async () => {
  // The studio's own subscribers (experiments follow their cells) are there before any browser connects.
  const ownSubscribers = studio.events.subscriberCount;
  const controller = new AbortController();
  const response = await app.request('/api/events', { signal: controller.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  const reader = response.body!.getReader();
  let text = '';
  const readUntil = async (pattern: RegExp) => {
    while (!pattern.test(text)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended before ${pattern}: ${text}`);
      text += new TextDecoder().decode(value);
    }
  };
  await readUntil(/: connected\n\n/);
  expect(studio.events.subscriberCount).toBe(ownSubscribers + 1);
  const created = await app.request('/api/generations?wait=true', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ provider: 'local', model: 'nano-banana-2', prompt: 'Streamed live', resolution: '0.5K' }),
  });
  const generation = (await created.json()) as { id: string };
  await readUntil(/"status":"succeeded"/);
  const events = text.split('\n\n').filter((block) => block.startsWith('event: generation\n'));
  const statuses = events.map((block) => JSON.parse(block.split('\n')[1]!.slice('data: '.length)) as { id: string; status: string });
  expect(statuses.every((event) => event.id === generation.id)).toBe(true);
  expect(statuses.map((event) => event.status)).toEqual(expect.arrayContaining(['queued', 'running', 'succeeded']));
  await app.request(`/api/generations/${generation.id}`, { method: 'DELETE' });
  await readUntil(/event: generation-deleted\ndata: \{"id":"[^"]+"\}/);
  await readUntil(/: heartbeat\n\n/);
  await reader.cancel();
  controller.abort();
  await vi.waitFor(() => expect(studio.events.subscriberCount).toBe(ownSubscribers));
});
