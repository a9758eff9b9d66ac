import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { StudioEvent } from '../events/event-bus.ts';
import { createStudio, type Studio } from '../studio.ts';
import { expandVariant, shareSeed } from './expand-variants.ts';

let directory: string;
let studio: Studio;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'studio-experiment-events-'));
  studio = createStudio(loadConfig({ STUDIO_DATA_DIR: directory }, directory), { log: () => {} });
  app = createApp(studio, { staticDirectory: null, logError: () => {} });
});

afterAll(async () => {
  await studio.close();
  rmSync(directory, { recursive: true, force: true });
});

it('lays a variant over the base field by field, advanced key by key, and null removes a field', () => {
  const base = { prompt: 'p', model: 'nano-banana-2', thinking: 'high', advanced: { temperature: 0.5, topP: 0.9 } };
  expect(expandVariant(base, { provider: 'runware', thinking: null, advanced: { topP: 0.5, temperature: null } })).toEqual({
    prompt: 'p',
    model: 'nano-banana-2',
    provider: 'runware',
    advanced: { topP: 0.5 },
  });
});

it('shares one seed only with cells whose offering takes a seed, and none when a cell sets its own', () => {
  const cells = [
    { provider: 'local', model: 'nano-banana-2' },
    { provider: 'gemini', model: 'nano-banana-2' },
    { provider: 'runware', model: 'nano-banana-2' },
  ];
  const shared = shareSeed(cells, () => 0.5);
  expect(shared.seed).toBe(Math.floor(0.5 * 2 ** 31));
  expect(shared.cells.map((cell) => (cell as { seed?: number }).seed)).toEqual([shared.seed, undefined, shared.seed]);
  expect(shareSeed([...cells, { provider: 'local', model: 'nano-banana-2', seed: 7 }]).seed).toBeNull();
});

it('publishes `experiment` when an experiment is created, when its cells end, and `experiment-deleted`', async () => {
  const events: StudioEvent[] = [];
  const unsubscribe = studio.events.subscribe((event) => {
    if (event.type === 'experiment' || event.type === 'experiment-deleted') events.push(event);
  });
  const response = await app.request('/api/experiments', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      base: { provider: 'local', model: 'nano-banana-2', prompt: 'Events', resolution: '1K' },
      variants: [{ aspectRatio: '1:1' }, { aspectRatio: '16:9' }],
    }),
  });
  expect(response.status).toBe(202);
  const { id } = (await response.json()) as { id: string };
  expect(events[0]).toMatchObject({ type: 'experiment', data: { id, status: 'running' } });
  await vi.waitFor(() => expect(events.at(-1)).toMatchObject({ type: 'experiment', data: { id, status: 'finished' } }), { timeout: 30_000, interval: 50 });
  const statuses = events.map((event) => (event.data as { status?: string }).status);
  expect(statuses.filter((status) => status === 'finished')).toHaveLength(1);
  expect((await app.request(`/api/experiments/${id}`, { method: 'DELETE' })).status).toBe(204);
  expect(events.at(-1)).toEqual({ type: 'experiment-deleted', data: { id } });
  unsubscribe();
});
