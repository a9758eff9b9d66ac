/**
 * `npm run bench -- delivery`: what a visitor downloads and how fast the
 * studio starts (issue 9, "Done when"), each beside the figure before issue 9.
 *
 * - Initial JS + CSS, gzipped: every script, modulepreload and stylesheet
 *   dist/index.html references (lazy chunks excluded), each gzipped at level 9,
 *   as bench/ui.bench.ts counts it. Before: 134 KB.
 * - Bytes on the wire for a first visit: Debian's chromium (through
 *   @playwright/test) opens the empty studio served by `npm start` with a
 *   fresh cache and waits for the network to go idle; the sum of every
 *   response's encoded length (headers and body, as compressed on the wire)
 *   from the DevTools protocol. Before: 633 KB.
 * - JS files fetched at first load, in that same visit. Before: 10.
 * - Cold start of `npm start` (built): ms from spawning `node scripts/start.mjs`
 *   (build up to date, fresh data directory) to its `listening on` line,
 *   median of 5; beside it the same for `node --import tsx src/server/main.ts`,
 *   the start command before issue 9, and the resident memory of each. Before: 927 ms.
 * - Vitest unit time: the wall time of `vitest run --project unit`. Before: 160 s
 *   (then the whole vitest suite, the only one there was).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPOSITORY_ROOT, startStudioServer } from '../src/server/testing/studio-server-process.ts';
import { launchBenchBrowser } from './bench-browser.ts';

const STARTS = 5;

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** A studio server process started for the benchmark; `startMs` is spawn to `listening on`, in ms. */
interface StartedServer {
  url: string;
  startMs: number;
  /** Resident set size of the server process once listening, in bytes (from /proc; 0 where there is none). */
  residentBytes: number;
  stop: () => Promise<void>;
}

/** Starts `node <nodeArguments>` (startStudioServer: PORT=0, a fresh data directory, no provider keys) and times it. */
async function startServer(nodeArguments: string[]): Promise<StartedServer> {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'banana-studio-delivery-bench-'));
  const started = performance.now();
  const server = await startStudioServer({ dataDirectory, nodeArguments, timeoutMs: 60_000 });
  const startMs = performance.now() - started;
  const status = `/proc/${server.child.pid}/status`;
  const resident = existsSync(status) ? /VmRSS:\s+(\d+) kB/.exec(readFileSync(status, 'utf8')) : null;
  return {
    url: server.url,
    startMs,
    residentBytes: resident ? Number(resident[1]) * 1024 : 0,
    async stop() {
      await server.stop();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}

/** Gzipped size (level 9) of what dist/index.html loads up front. */
function measureInitialBundle(): void {
  const html = readFileSync(join(REPOSITORY_ROOT, 'dist/index.html'), 'utf8');
  const assets = new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]!));
  let gzipped = 0;
  let brotli = 0;
  for (const asset of assets) {
    const path = join(REPOSITORY_ROOT, 'dist', asset);
    gzipped += gzipSync(readFileSync(path), { level: 9 }).length;
    brotli += existsSync(`${path}.br`) ? readFileSync(`${path}.br`).length : readFileSync(path).length;
  }
  console.log(`initial JS + CSS: ${kilobytes(gzipped)} gzipped (${kilobytes(brotli)} as served with brotli), ${assets.size} files (before: 134 KB gzipped)`);
}

/** One first visit of the empty studio in a fresh browser context: bytes on the wire and JS files fetched. */
async function measureFirstVisit(url: string): Promise<void> {
  const browser = await launchBenchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const session = await context.newCDPSession(page);
    await session.send('Network.enable');
    await session.send('Network.setCacheDisabled', { cacheDisabled: true });
    const responses = new Map<string, { url: string; mimeType: string; encoding: string }>();
    const finished = new Map<string, number>();
    session.on('Network.responseReceived', (event) => {
      const headers = Object.fromEntries(Object.entries(event.response.headers).map(([name, value]) => [name.toLowerCase(), value]));
      responses.set(event.requestId, { url: event.response.url, mimeType: event.response.mimeType, encoding: headers['content-encoding'] ?? 'identity' });
    });
    session.on('Network.loadingFinished', (event) => finished.set(event.requestId, event.encodedDataLength));
    await page.goto(url, { waitUntil: 'networkidle' });
    const rows = [...responses].map(([id, response]) => ({ ...response, bytes: finished.get(id) ?? 0 }));
    const scripts = rows.filter((row) => row.mimeType.includes('javascript'));
    const total = rows.reduce((sum, row) => sum + row.bytes, 0);
    for (const row of rows.sort((a, b) => b.bytes - a.bytes)) {
      console.log(`  ${new URL(row.url).pathname.slice(0, 48).padEnd(48)} ${kilobytes(row.bytes).padStart(9)}  ${row.encoding}`);
    }
    console.log(`first visit of the empty studio: ${kilobytes(total)} on the wire in ${rows.length} responses (before: 633 KB)`);
    console.log(`JS files fetched at first load: ${scripts.length} (before: 10)`);
    await context.close();
  } finally {
    await browser.close();
  }
}

async function measureColdStarts(): Promise<void> {
  const builtStarts: number[] = [];
  const builtResident: number[] = [];
  for (let run = 0; run < STARTS; run += 1) {
    const server = await startServer(['scripts/start.mjs']);
    builtStarts.push(server.startMs);
    builtResident.push(server.residentBytes);
    await server.stop();
  }
  const tsxStarts: number[] = [];
  const tsxResident: number[] = [];
  for (let run = 0; run < STARTS; run += 1) {
    const server = await startServer(['--import', 'tsx', 'src/server/main.ts']);
    tsxStarts.push(server.startMs);
    tsxResident.push(server.residentBytes);
    await server.stop();
  }
  const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
  const all = builtStarts.map((value) => value.toFixed(0)).join(', ');
  const resident = mebibytes(median(builtResident));
  console.log(`cold start of npm start (built): ${median(builtStarts).toFixed(0)} ms median of ${STARTS} (all: ${all}), ${resident} resident (before: 927 ms)`);
  console.log(
    `  the same server through tsx, as npm start ran it before: ${median(tsxStarts).toFixed(0)} ms median, ${mebibytes(median(tsxResident))} resident`,
  );
}

function measureUnitTests(): void {
  const started = performance.now();
  execFileSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', 'unit', '--silent'], { cwd: REPOSITORY_ROOT, stdio: 'ignore' });
  console.log(
    `vitest unit time: ${((performance.now() - started) / 1000).toFixed(1)} s wall for \`vitest run --project unit\` (before: 160 s for all of vitest)`,
  );
}

export default async function benchDelivery(): Promise<void> {
  console.log(
    `load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')} (figures on a busy machine run slower)`,
  );
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPOSITORY_ROOT, stdio: 'inherit' });
  measureInitialBundle();
  await measureColdStarts();
  const server = await startServer(['scripts/start.mjs']);
  try {
    await measureFirstVisit(server.url);
  } finally {
    await server.stop();
  }
  measureUnitTests();
}
