import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createStudio, type Studio } from './studio.ts';

const SCRIPT = `console.log(${JSON.stringify('banana '.repeat(200))});`;

let directory: string;
let studio: Studio;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'studio-static-assets-test-'));
  studio = createStudio(loadConfig({ STUDIO_DATA_DIR: join(directory, 'data') }, directory), { log: () => {} });
  const dist = join(directory, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Banana Studio</title>');
  // As vite.config.ts's compression step writes them: the asset, plus .br and .gz copies beside it.
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(join(dist, 'assets', 'index-abc123.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(dist, 'assets', 'index-abc123.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(dist, 'assets', 'plain-abc123.js'), 'console.log(2)');
  app = createApp(studio, { staticDirectory: dist });
});

afterAll(async () => {
  await studio.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('precompressed UI assets', () => {
  it('sends the brotli copy to a browser that accepts br, with Content-Encoding and Vary', async () => {
    const response = await app.request('/assets/index-abc123.js', { headers: { 'Accept-Encoding': 'gzip, deflate, br, zstd' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('content-type')).toContain('javascript');
    expect(response.headers.get('vary')).toContain('Accept-Encoding');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(brotliDecompressSync(Buffer.from(await response.arrayBuffer())).toString()).toBe(SCRIPT);
  });

  it('sends the gzip copy when brotli is not accepted', async () => {
    const response = await app.request('/assets/index-abc123.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await response.arrayBuffer())).toString()).toBe(SCRIPT);
  });

  it('sends the plain file, still marked Vary: Accept-Encoding, when no encoding is accepted or no copy exists', async () => {
    const identity = await app.request('/assets/index-abc123.js');
    expect(identity.headers.get('content-encoding')).toBeNull();
    expect(identity.headers.get('vary')).toContain('Accept-Encoding');
    expect(await identity.text()).toBe(SCRIPT);
    const uncompressed = await app.request('/assets/plain-abc123.js', { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(uncompressed.headers.get('content-encoding')).toBeNull();
    expect(await uncompressed.text()).toBe('console.log(2)');
  });
});

describe('compressed API answers', () => {
  it('gzips a large JSON answer for a browser that accepts gzip, and leaves it plain otherwise', async () => {
    const compressed = await app.request('/api/catalog', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(compressed.status).toBe(200);
    expect(compressed.headers.get('content-encoding')).toBe('gzip');
    expect(compressed.headers.get('vary')).toContain('Accept-Encoding');
    const bytes = Buffer.from(await compressed.arrayBuffer());
    const plain = await app.request('/api/catalog');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const text = await plain.text();
    expect(gunzipSync(bytes).toString()).toBe(text);
    expect(bytes.length).toBeLessThan(text.length / 4);
  });
});
