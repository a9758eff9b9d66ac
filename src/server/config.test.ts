import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GENERATION_TIMEOUT_MS, DEFAULT_PORT, isProviderConfigured, loadConfig } from './config.ts';

let directory: string;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'studio-config-test-'));
  writeFileSync(
    join(directory, '.env'),
    ['RUNWARE_API_KEY=from-dotenv', 'GEMINI_API_KEY=from-dotenv-too', 'RUNFLOW_BASE_URL=http://127.0.0.1:9999/', 'PORT=9001'].join('\n'),
  );
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({}, join(directory, 'empty-subdirectory'));
    expect(config.port).toBe(DEFAULT_PORT);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDirectory).toBe(join(directory, 'empty-subdirectory', 'data'));
    expect(config.generationTimeoutMs).toBe(DEFAULT_GENERATION_TIMEOUT_MS);
    expect(config.providers.runware).toEqual({ apiKey: null, baseUrl: 'https://api.runware.ai/v1', keyVariable: 'RUNWARE_API_KEY' });
    expect(config.providers.gemini.baseUrl).toBe('https://generativelanguage.googleapis.com');
    expect(isProviderConfigured(config, 'local')).toBe(true);
    expect(isProviderConfigured(config, 'runware')).toBe(false);
  });

  it('reads .env under the real environment, without touching process.env', () => {
    const config = loadConfig({ GEMINI_API_KEY: 'from-environment', PORT: '0', STUDIO_ALLOWED_HOSTS: 'Studio.LAN, other.lan' }, directory);
    expect(config.providers.runware.apiKey).toBe('from-dotenv');
    expect(config.providers.gemini.apiKey).toBe('from-environment');
    expect(config.providers.runflow.baseUrl).toBe('http://127.0.0.1:9999');
    expect(config.port).toBe(0);
    expect(config.allowedHosts).toEqual(['studio.lan', 'other.lan']);
    expect(process.env.RUNWARE_API_KEY).not.toBe('from-dotenv');
  });

  it('refuses a malformed number, naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' }, directory)).toThrow(/PORT/);
    expect(() => loadConfig({ STUDIO_GENERATION_TIMEOUT_MS: '-5' }, directory)).toThrow(/STUDIO_GENERATION_TIMEOUT_MS/);
  });
});
