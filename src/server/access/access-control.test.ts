import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { assertSafeToListen, isLoopbackHost, loadConfig } from '../config.ts';
import { scrubSecrets } from '../secrets.ts';
import { createStudio, type Studio } from '../studio.ts';
import { startStudioServer } from '../testing/studio-server-process.ts';
import { AttemptLimiter, MAX_WRONG_ATTEMPTS } from './attempt-limiter.ts';
import { secretsMatch } from './access-control.ts';

const TOKEN = 'unit-test-access-token-91c4';
let directory: string;
let studio: Studio;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'studio-access-test-'));
  studio = createStudio(loadConfig({ STUDIO_DATA_DIR: directory, STUDIO_ACCESS_TOKEN: TOKEN, RUNWARE_API_KEY: 'rw-key-abcdef' }, directory), { log: () => {} });
  app = createApp(studio, { staticDirectory: null, logError: () => {} });
});

afterAll(async () => {
  await studio.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('starting on the network', () => {
  it('refuses a non-loopback HOST without a token, and says how to set one', () => {
    const open = loadConfig({ HOST: '0.0.0.0' }, directory);
    expect(() => assertSafeToListen(open)).toThrow(/STUDIO_ACCESS_TOKEN.*STUDIO_ALLOW_OPEN_NETWORK=true/);
    expect(() => assertSafeToListen(loadConfig({ HOST: '192.168.1.20', STUDIO_ACCESS_TOKEN: 'x'.repeat(24) }, directory))).not.toThrow();
    expect(() => assertSafeToListen(loadConfig({ HOST: '0.0.0.0', STUDIO_ALLOW_OPEN_NETWORK: 'true' }, directory))).not.toThrow();
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]']) {
      expect(isLoopbackHost(host)).toBe(true);
      expect(() => assertSafeToListen(loadConfig({ HOST: host }, directory))).not.toThrow();
    }
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'studio.lan', '127.0.0.1.nip.io']) expect(isLoopbackHost(host)).toBe(false);
  });

  it('the real server exits on HOST=0.0.0.0 without a token, printing the fix on one line', async () => {
    const data = mkdtempSync(join(tmpdir(), 'studio-open-network-'));
    try {
      const started = startStudioServer({ dataDirectory: data, environment: { HOST: '0.0.0.0' }, timeoutMs: 20_000 });
      await expect(started).rejects.toThrow(/exited with code 1[\s\S]*Refusing to serve HOST=0\.0\.0\.0 without an access token.*STUDIO_ACCESS_TOKEN/);
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });
});

describe('the access token', () => {
  it('compares in constant time over any length', () => {
    expect(secretsMatch(TOKEN, TOKEN)).toBe(true);
    expect(secretsMatch(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(secretsMatch('', TOKEN)).toBe(false);
  });

  it('refuses /api without it, accepts the bearer token, and answers /api/session openly', async () => {
    expect((await app.request('/api/catalog')).status).toBe(401);
    expect((await app.request('/api/catalog', { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const state = await app.request('/api/session');
    expect(await state.json()).toEqual({ accessControl: true, signedIn: false });
  });

  it('signs in with a cookie that is HttpOnly, SameSite=Strict, Secure behind https, and signs out', async () => {
    const signIn = await app.request('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-Proto': 'https' },
      body: JSON.stringify({ token: TOKEN }),
    });
    expect(signIn.status).toBe(204);
    const cookie = signIn.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^banana_studio_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Secure');
    expect(cookie).not.toContain(TOKEN);
    const session = cookie.split(';')[0]!;
    expect((await app.request('/api/catalog', { headers: { Cookie: session } })).status).toBe(200);
    expect(await (await app.request('/api/session', { headers: { Cookie: session } })).json()).toEqual({ accessControl: true, signedIn: true });
    const plain = await app.request('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: TOKEN }),
    });
    expect(plain.headers.get('set-cookie')).not.toContain('Secure');
    expect((await app.request('/api/session', { method: 'DELETE', headers: { Cookie: session } })).status).toBe(204);
    expect((await app.request('/api/catalog', { headers: { Cookie: session } })).status).toBe(401);
  });

  it('blocks an address for a minute after ten wrong tokens', () => {
    let now = 1_000_000;
    const limiter = new AttemptLimiter(() => now);
    for (let attempt = 1; attempt < MAX_WRONG_ATTEMPTS; attempt += 1) expect(limiter.recordFailure('10.0.0.9')).toBe(false);
    expect(limiter.blockedFor('10.0.0.9')).toBe(0);
    expect(limiter.recordFailure('10.0.0.9')).toBe(true);
    expect(limiter.blockedFor('10.0.0.9')).toBe(60_000);
    expect(limiter.blockedFor('10.0.0.10')).toBe(0);
    now += 60_001;
    expect(limiter.blockedFor('10.0.0.9')).toBe(0);
    // Wrong tokens spread over more than a minute never block.
    for (let attempt = 0; attempt < 30; attempt += 1) {
      now += 7_000;
      expect(limiter.recordFailure('10.0.0.11')).toBe(false);
    }
  });
});

describe('scrubSecrets', () => {
  it('removes every configured key and the token, as is and URL-encoded', () => {
    const config = loadConfig({ GEMINI_API_KEY: 'AIza+key/with=signs', RUNWARE_API_KEY: 'rw-123456', STUDIO_ACCESS_TOKEN: TOKEN }, directory);
    const text = `bad key AIza+key/with=signs (${encodeURIComponent('AIza+key/with=signs')}), rw-123456 and ${TOKEN}`;
    const scrubbed = scrubSecrets(text, config);
    expect(scrubbed).toBe('bad key [redacted] ([redacted]), [redacted] and [redacted]');
  });
});
