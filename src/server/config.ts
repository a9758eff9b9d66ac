import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { CATALOG } from '../catalog/catalog.ts';
import type { ProviderId } from '../catalog/types.ts';

/** Where one provider is reached and with which key. */
interface ProviderEndpoint {
  /** The API key from the environment or `.env`; `null` when unset (always `null` for `local`). Never log it. */
  apiKey: string | null;
  /** The endpoint without a trailing slash (`RUNWARE_BASE_URL` etc., docs/API.md "Start-up"); `''` for `local`. */
  baseUrl: string;
  /** The variable that holds the key (`RUNWARE_API_KEY`), `null` for `local`. */
  keyVariable: string | null;
}

/** The studio server's settings, read once at start-up (docs/API.md "Start-up"). */
export interface StudioConfig {
  /** TCP port; `0` picks a free one. Default 8787. */
  port: number;
  /** Interface to bind. Default `127.0.0.1` (loopback only). */
  host: string;
  /** Absolute path of the directory holding `studio.db` and `images/` (`STUDIO_DATA_DIR`, default `./data`). */
  dataDirectory: string;
  /** Overall time limit for one generation in ms (`STUDIO_GENERATION_TIMEOUT_MS`, default 600,000 = 10 min). */
  generationTimeoutMs: number;
  /** Extra host names accepted in the `Host` header (`STUDIO_ALLOWED_HOSTS`, comma list), lower-case. */
  allowedHosts: string[];
  /** Extra origins accepted in the `Origin` header (`STUDIO_ALLOWED_ORIGINS`, comma list), e.g. `http://studio.lan:8787`. */
  allowedOrigins: string[];
  /** Key and endpoint per provider. */
  providers: Record<ProviderId, ProviderEndpoint>;
  /**
   * Generations that may run at once per provider (`STUDIO_MAX_CONCURRENT_GENERATIONS`, default 2 for `local`, which is CPU-bound,
   * and 16 for hosted providers).
   */
  concurrency: { local: number; hosted: number };
  /** The app version reported by `GET /api/health` (package.json `version`). */
  version: string;
  /**
   * `STUDIO_ACCESS_TOKEN` (docs/API.md "Access beyond this computer"): when set, every `/api` request needs it as a
   * bearer token or the session cookie. `null` when unset. Never log it.
   */
  accessToken: string | null;
  /** `STUDIO_ALLOW_OPEN_NETWORK=true`: serve a non-loopback `HOST` without a token, on purpose. Default false. */
  allowOpenNetwork: boolean;
  /**
   * Budget limits in USD from `STUDIO_BUDGET_DAILY_USD` / `STUDIO_BUDGET_MONTHLY_USD`, used while none is stored
   * (`PUT /api/budget` stores them); `null`: no limit.
   */
  budgetLimits: { dailyUsd: number | null; monthlyUsd: number | null };
}

/** Default port when `PORT` is unset. */
export const DEFAULT_PORT = 8787;
/** Default overall generation timeout: 10 minutes, in ms. */
export const DEFAULT_GENERATION_TIMEOUT_MS = 10 * 60 * 1000;

function readCommaList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function readInteger(name: string, value: string | undefined, fallback: number, minimum: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < minimum) {
    throw new Error(`${name} must be an integer of at least ${minimum}; it is "${value}"`);
  }
  return parsed;
}

function readUsd(name: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} must be an amount in US dollars of at least 0, such as 5 or 12.50; it is "${value}"`);
  return parsed;
}

function readPackageVersion(): string {
  try {
    const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return packageJson.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * Reads the settings from `environment` (default `process.env`) and from a
 * `.env` file in `workingDirectory` (default the current directory). Real
 * environment variables win over `.env`; `.env` never changes `process.env`.
 * Throws an Error naming the variable when a number is malformed.
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env, workingDirectory: string = process.cwd()): StudioConfig {
  const envFile = resolve(workingDirectory, '.env');
  const fromFile = existsSync(envFile) ? parseDotenv(readFileSync(envFile)) : {};
  const variables: Record<string, string | undefined> = { ...fromFile, ...environment };
  const read = (name: string): string | undefined => {
    const value = variables[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };

  const providers = {} as Record<ProviderId, ProviderEndpoint>;
  for (const provider of CATALOG.providers) {
    const baseUrl = (provider.baseUrlVariable ? read(provider.baseUrlVariable) : undefined) ?? provider.defaultBaseUrl ?? '';
    providers[provider.id] = {
      apiKey: provider.keyVariable ? (read(provider.keyVariable) ?? null) : null,
      baseUrl: baseUrl.replace(/\/+$/, ''),
      keyVariable: provider.keyVariable,
    };
  }

  const hostedConcurrency = readInteger('STUDIO_MAX_CONCURRENT_GENERATIONS', read('STUDIO_MAX_CONCURRENT_GENERATIONS'), 16, 1);
  return {
    port: readInteger('PORT', read('PORT'), DEFAULT_PORT, 0),
    host: read('HOST') ?? '127.0.0.1',
    dataDirectory: resolve(workingDirectory, read('STUDIO_DATA_DIR') ?? './data'),
    generationTimeoutMs: readInteger('STUDIO_GENERATION_TIMEOUT_MS', read('STUDIO_GENERATION_TIMEOUT_MS'), DEFAULT_GENERATION_TIMEOUT_MS, 1),
    allowedHosts: readCommaList(read('STUDIO_ALLOWED_HOSTS')).map((host) => host.toLowerCase()),
    allowedOrigins: readCommaList(read('STUDIO_ALLOWED_ORIGINS')).map((origin) => origin.replace(/\/+$/, '').toLowerCase()),
    providers,
    concurrency: { local: Math.min(2, hostedConcurrency), hosted: hostedConcurrency },
    version: readPackageVersion(),
    accessToken: read('STUDIO_ACCESS_TOKEN') ?? null,
    allowOpenNetwork: (read('STUDIO_ALLOW_OPEN_NETWORK') ?? '').toLowerCase() === 'true',
    budgetLimits: {
      dailyUsd: readUsd('STUDIO_BUDGET_DAILY_USD', read('STUDIO_BUDGET_DAILY_USD')),
      monthlyUsd: readUsd('STUDIO_BUDGET_MONTHLY_USD', read('STUDIO_BUDGET_MONTHLY_USD')),
    },
  };
}

/** Whether `host` (a HOST value) is a loopback address or name: `127.x.x.x`, `::1`, `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) || name === '::ffff:127.0.0.1';
}

/**
 * Refuses to serve the network without access control (docs/API.md "Access beyond this computer"):
 * throws an Error whose one-line message says to set `STUDIO_ACCESS_TOKEN` (or `STUDIO_ALLOW_OPEN_NETWORK=true`)
 * when `HOST` is not loopback, no token is set and the open network was not allowed.
 */
export function assertSafeToListen(config: StudioConfig): void {
  if (isLoopbackHost(config.host) || config.accessToken !== null || config.allowOpenNetwork) return;
  throw new Error(
    `Refusing to serve HOST=${config.host} without an access token: anyone on the network could spend your provider credit. ` +
      'Set STUDIO_ACCESS_TOKEN to a long random secret (for example `openssl rand -hex 24`) and sign in with it, ' +
      'or set STUDIO_ALLOW_OPEN_NETWORK=true to serve the network without one on purpose.',
  );
}

/** Whether `provider` can be called: `local` always, the others when their key is set. */
export function isProviderConfigured(config: StudioConfig, provider: ProviderId): boolean {
  if (provider === 'local') return true;
  return config.providers[provider].apiKey != null;
}
