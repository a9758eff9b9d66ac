/**
 * `npm run bench -- server`: the studio server's figures.
 *
 * - `POST /api/estimate` and `GET /api/generations?limit=50` (with 10,000
 *   stored generations, inserted through the store) against a real server
 *   process on a free port: requests per second and p50/p99 latency, measured
 *   by autocannon in a worker thread, at 1 connection
 *   (latency) and at 8 connections (throughput); and the same requests in
 *   process through `app.request` (the server's own cost).
 * - The local provider's time for one 1K image and one 4K 16:9 image (with 3
 *   reference photos), and the peak RSS of a fresh process drawing one 4K 8:1
 *   image (12288x1536).
 *
 * Targets (issue 3): list p99 < 20 ms at 10,000 generations; estimate p99 < 2 ms.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Options as AutocannonOptions } from 'autocannon';
import sharp from 'sharp';
import { getOffering, CATALOG_INDEX } from '../src/catalog/catalog.ts';
import { validateGenerationRequest } from '../src/catalog/validate.ts';
import { createApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { localAdapter } from '../src/server/providers/local/local-adapter.ts';
import type { ReferenceImageInput } from '../src/server/providers/provider-types.ts';
import { sha256Hex } from '../src/server/store/image-files.ts';
import { createStudio } from '../src/server/studio.ts';
import { REPOSITORY_ROOT, startStudioServer } from '../src/server/testing/studio-server-process.ts';
import { storeFinishedGenerations } from './stored-history.ts';

const STORED_GENERATIONS = 10_000;

/** A Runware Nano Banana 2 request with 3 references, thinking and web search: the estimate's busiest path. */
const ESTIMATE_BODY = JSON.stringify({
  provider: 'runware',
  model: 'nano-banana-2',
  prompt: 'A premium commercial fashion collage of the three reference images',
  resolution: '1K',
  aspectRatio: '3:2',
  referenceImages: ['3f0c2d1e-0000-4000-8000-000000000001', '3f0c2d1e-0000-4000-8000-000000000002', '3f0c2d1e-0000-4000-8000-000000000003'],
  thinking: 'high',
  webSearch: true,
});
const MEASURE_MS = 4_000;
const WARM_UP_MS = 800;

interface LoadFigures {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

/**
 * The load client: autocannon, run in a worker thread (its own small heap, so
 * the bench process's garbage collections do not land in the latencies).
 * autocannon's own histogram keeps whole milliseconds, so the latency of each
 * 2xx answer is taken from its `response` event (ms, fractional) instead.
 */
const LOAD_CLIENT = `
const { workerData, parentPort } = require('node:worker_threads');
const autocannon = require(workerData.autocannonPath);
const { options, durationMs, warmUpMs } = workerData;
const run = (ms, latencies) => new Promise((resolve, reject) => {
  const instance = autocannon({ ...options, duration: ms / 1000 }, (error, result) => error ? reject(error) : resolve(result));
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode !== 200) reject(new Error(options.method + ' ' + options.url + ' answered ' + statusCode));
    else if (latencies) latencies.push(responseTime);
  });
});
(async () => {
  await run(warmUpMs, null);
  const latencies = [];
  const result = await run(durationMs, latencies);
  parentPort.postMessage({ latencies: Float64Array.from(latencies), elapsed: result.duration * 1000 });
})().catch((error) => { throw error; });
`;

/** Runs autocannon with `connections` keep-alive connections for `durationMs` (after a warm-up); returns throughput and latency in ms. */
async function load(url: string, options: { method: string; body?: string; connections: number; durationMs: number }): Promise<LoadFigures> {
  const autocannonOptions: AutocannonOptions = {
    url,
    method: options.method as NonNullable<AutocannonOptions['method']>,
    connections: options.connections,
    ...(options.body === undefined ? {} : { body: options.body, headers: { 'content-type': 'application/json' } }),
  };
  const worker = new Worker(LOAD_CLIENT, {
    eval: true,
    workerData: {
      autocannonPath: createRequire(import.meta.url).resolve('autocannon'),
      options: autocannonOptions,
      durationMs: options.durationMs,
      warmUpMs: WARM_UP_MS,
    },
  });
  const { latencies, elapsed } = await new Promise<{ latencies: Float64Array; elapsed: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    requestsPerSecond: Math.round((sorted.length / elapsed) * 1000),
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

function show(label: string, figures: LoadFigures, target?: number): void {
  const verdict = target === undefined ? '' : figures.p99 < target ? `  (target p99 < ${target} ms: met)` : `  (target p99 < ${target} ms: MISSED)`;
  console.log(
    `${label.padEnd(58)} ${String(figures.requestsPerSecond).padStart(6)} req/s   p50 ${figures.p50.toFixed(2)} ms   p99 ${figures.p99.toFixed(2)} ms   ` +
      `max ${figures.max.toFixed(1)} ms   (${figures.requests} requests)${verdict}`,
  );
}

/** Inserts `count` finished generations (2 images each) directly through the store, spread over 30 days. */
function seedGenerations(dataDirectory: string, count: number): void {
  const studio = createStudio(loadConfig({ STUDIO_DATA_DIR: dataDirectory }, dataDirectory), { log: () => {} });
  storeFinishedGenerations(studio, count, (_index, position, id) => ({ sha256: sha256Hex(Buffer.from(`${id}-${position}`)), bytes: 150_000 }));
  void studio.close();
}

async function benchLocalProvider(): Promise<void> {
  const photos = join(REPOSITORY_ROOT, 'e2e/fixtures/photos');
  const references: ReferenceImageInput[] = await Promise.all(
    ['astronaut', 'chelsea', 'coffee'].map(async (name) => {
      const bytes = readFileSync(join(photos, `${name}.png`));
      const metadata = await sharp(bytes).metadata();
      return { id: name, sha256: sha256Hex(bytes), mimeType: 'image/png', bytes, width: metadata.width, height: metadata.height };
    }),
  );
  const time = async (label: string, input: Record<string, unknown>, withReferences: boolean) => {
    const validation = validateGenerationRequest(
      {
        provider: 'local',
        model: 'nano-banana-2',
        prompt: 'A premium commercial poster of the astronaut holding the cat and a coffee',
        seed: 1,
        ...input,
      },
      CATALOG_INDEX,
    );
    if (!validation.ok) throw new Error(validation.issues[0]!.message);
    const context = {
      generationId: 'bench',
      offering: getOffering('local', 'nano-banana-2')!,
      apiKey: '',
      baseUrl: '',
      signal: new AbortController().signal,
      references: withReferences ? references : [],
      onAccepted: () => {},
      cache: { get: () => undefined, set: () => {} },
    };
    await localAdapter.generate(validation.request, context); // warm-up
    const runs: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      const started = performance.now();
      await localAdapter.generate(validation.request, context);
      runs.push(performance.now() - started);
    }
    runs.sort((a, b) => a - b);
    console.log(`${label.padEnd(58)} median ${runs[1]!.toFixed(0)} ms   (min ${runs[0]!.toFixed(0)}, max ${runs[2]!.toFixed(0)}, 3 runs)`);
  };
  await time('local provider: 1K 1:1 JPEG, 3 references', { resolution: '1K', aspectRatio: '1:1' }, true);
  await time('local provider: 1K 1:1 JPEG, no references', { resolution: '1K', aspectRatio: '1:1' }, false);
  await time('local provider: 4K 16:9 JPEG (5504x3072), 3 references', { resolution: '4K', aspectRatio: '16:9' }, true);
  await time('local provider: 4K 16:9 PNG (5504x3072), 3 references', { resolution: '4K', aspectRatio: '16:9', outputFormat: 'png' }, true);

  // Peak RSS of a fresh process that draws one 4K 8:1 image.
  const renderer = join(REPOSITORY_ROOT, 'src/server/providers/local/local-preview-renderer.ts');
  for (const format of ['jpeg', 'png'] as const) {
    const script = `
      import { readFileSync } from 'node:fs';
      const { renderPreviewImage } = await import(${JSON.stringify(renderer)});
      const references = ['astronaut', 'chelsea', 'coffee'].map((name) => ({ bytes: readFileSync(${JSON.stringify(photos)} + '/' + name + '.png') }));
      const baseline = process.memoryUsage().rss;
      const started = performance.now();
      const bytes = await renderPreviewImage({
        width: 12288, height: 1536, format: '${format}', prompt: 'A very wide banner', seed: 1, references, details: 'bench',
      });
      const ms = performance.now() - started;
      // VmHWM is this process's own peak RSS; getrusage's maxRSS would include the parent's RSS at fork.
      const peakKilobytes = Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
      console.log(JSON.stringify({ ms, bytes: bytes.length, baselineRss: baseline, peakRss: peakKilobytes * 1024 }));
    `;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPOSITORY_ROOT, encoding: 'utf8' });
    const figures = JSON.parse(output.trim().split('\n').pop()!) as { ms: number; bytes: number; baselineRss: number; peakRss: number };
    console.log(
      `${`local provider: 4K 8:1 ${format.toUpperCase()} (12288x1536), 3 references`.padEnd(58)} ${figures.ms.toFixed(0)} ms   ` +
        `peak RSS ${(figures.peakRss / 1e6).toFixed(0)} MB (process baseline ${(figures.baselineRss / 1e6).toFixed(0)} MB; ` +
        `a full RGBA bitmap alone is ${((12288 * 1536 * 4) / 1e6).toFixed(0)} MB)   file ${(figures.bytes / 1e6).toFixed(1)} MB`,
    );
  }
}

/** The same two requests through `app.request` in this process: the server's own cost, without sockets or a second process. */
async function benchInProcess(dataDirectory: string): Promise<void> {
  const studio = createStudio(loadConfig({ STUDIO_DATA_DIR: dataDirectory }, dataDirectory), { log: () => {} });
  const app = createApp(studio, { staticDirectory: null });
  const measure = async (label: string, path: string, init: RequestInit | undefined, target: number) => {
    const run = async (count: number) => {
      const latencies: number[] = [];
      for (let index = 0; index < count; index += 1) {
        const started = performance.now();
        const response = await app.request(path, init);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
        latencies.push(performance.now() - started);
      }
      return latencies.sort((a, b) => a - b);
    };
    await run(500);
    const started = performance.now();
    const latencies = await run(3000);
    const elapsed = performance.now() - started;
    show(
      label,
      {
        requests: latencies.length,
        requestsPerSecond: Math.round((latencies.length / elapsed) * 1000),
        p50: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
        max: latencies[latencies.length - 1]!,
      },
      target,
    );
  };
  await measure(
    'in process: POST /api/estimate (app.request)',
    '/api/estimate',
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: ESTIMATE_BODY },
    2,
  );
  await measure(`in process: GET /api/generations?limit=50 (${STORED_GENERATIONS} stored)`, '/api/generations?limit=50', undefined, 20);
  await studio.close();
}

export default async function benchServer(): Promise<void> {
  console.log(
    `machine: ${cpus().length} cores, load average ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')} (other work on the machine inflates the tails)`,
  );
  const dataDirectory = mkdtempSync(join(tmpdir(), 'studio-bench-'));
  try {
    const seeding = performance.now();
    seedGenerations(dataDirectory, STORED_GENERATIONS);
    console.log(`stored ${STORED_GENERATIONS} generations through the store in ${(performance.now() - seeding).toFixed(0)} ms`);
    await benchInProcess(dataDirectory);
    const server = await startStudioServer({ dataDirectory });
    try {
      const estimateBody = ESTIMATE_BODY;
      show(
        'POST /api/estimate, 1 connection',
        await load(`${server.url}/api/estimate`, { method: 'POST', body: estimateBody, connections: 1, durationMs: MEASURE_MS }),
        2,
      );
      show(
        'POST /api/estimate, 8 connections',
        await load(`${server.url}/api/estimate`, { method: 'POST', body: estimateBody, connections: 8, durationMs: MEASURE_MS }),
      );
      const list = `${server.url}/api/generations?limit=50`;
      show(
        `GET /api/generations?limit=50 (${STORED_GENERATIONS} stored), 1 connection`,
        await load(list, { method: 'GET', connections: 1, durationMs: MEASURE_MS }),
        20,
      );
      show(
        `GET /api/generations?limit=50 (${STORED_GENERATIONS} stored), 8 connections`,
        await load(list, { method: 'GET', connections: 8, durationMs: MEASURE_MS }),
      );
      show(
        'GET /api/generations?limit=50&model=nano-banana-pro&q=coffee, 1 conn.',
        await load(`${list}&model=nano-banana-pro&q=coffee`, { method: 'GET', connections: 1, durationMs: MEASURE_MS }),
        20,
      );
      // A deep page: the cursor of page 100.
      let cursor: string | null = null;
      for (let page = 0; page < 100; page += 1) {
        const body = (await (await fetch(`${list}${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { nextCursor: string | null };
        cursor = body.nextCursor;
      }
      show(
        'GET /api/generations?limit=50 at page 101 (cursor), 1 conn.',
        await load(`${list}&cursor=${cursor}`, { method: 'GET', connections: 1, durationMs: MEASURE_MS }),
        20,
      );
      // Responsiveness while the local provider draws: 4 generations of 2 images at 4K 16:9 queued at once.
      const generating = await Promise.all(
        [1, 2, 3, 4].map(async (index) => {
          const response = await fetch(`${server.url}/api/generations`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
              provider: 'local',
              model: 'nano-banana-2',
              prompt: `Busy server ${index}`,
              resolution: '4K',
              aspectRatio: '16:9',
              numberResults: 2,
            }),
          });
          return ((await response.json()) as { id: string }).id;
        }),
      );
      show('GET /api/generations?limit=50 during 4 local 4K generations', await load(list, { method: 'GET', connections: 1, durationMs: MEASURE_MS }), 20);
      for (const id of generating) await fetch(`${server.url}/api/generations/${id}/cancel`, { method: 'POST' });
    } finally {
      await server.stop();
    }
    await benchLocalProvider();
  } finally {
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}

// Allow `node --import tsx bench/server.bench.ts` directly.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await benchServer();
