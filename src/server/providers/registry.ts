import type { ProviderId } from '../../catalog/types.ts';
import { aimlapiAdapter, createAimlapiAdapter, type AimlapiAdapterSettings } from './aimlapi/aimlapi-adapter.ts';
import { createGeminiAdapter, geminiAdapter, type GeminiAdapterSettings } from './gemini/gemini-adapter.ts';
import { localAdapter } from './local/local-adapter.ts';
import type { ImageProviderAdapter } from './provider-types.ts';
import { createRunflowAdapter, runflowAdapter } from './runflow/runflow-adapter.ts';
import type { RunflowAdapterSettings } from './runflow/runflow-settings.ts';
import { createRunwareAdapter, runwareAdapter } from './runware/runware-adapter.ts';
import type { RunwareAdapterSettings } from './runware/runware-settings.ts';

/** The adapter of each provider that has one; one line per provider. */
const ADAPTERS: Partial<Record<ProviderId, ImageProviderAdapter>> = {
  local: localAdapter,
  runware: runwareAdapter,
  runflow: runflowAdapter,
  aimlapi: aimlapiAdapter,
  gemini: geminiAdapter,
};

/**
 * Settings that replace the studio's defaults of the built-in adapters, per provider (each field as in that
 * adapter's settings: delays and timeouts in ms). A provider left out, and every field left out, keeps the
 * default (runflow-settings.ts, runware-settings.ts, the Gemini and AI/ML API adapters). The studio itself
 * passes none; in-process tests pass a fast poll schedule (src/server/testing/fast-adapter-settings.ts).
 */
export interface AdapterSettingsOverrides {
  runware?: Partial<RunwareAdapterSettings>;
  runflow?: Partial<RunflowAdapterSettings>;
  gemini?: Partial<GeminiAdapterSettings>;
  aimlapi?: Partial<AimlapiAdapterSettings>;
}

/**
 * An adapter lookup like `getAdapter`, whose adapters for the providers named in `overrides` are built with those
 * settings (the others are the shared built-in adapters). Throws Error, as `getAdapter`, for a provider without one.
 */
export function createAdapterLookup(overrides: AdapterSettingsOverrides): (provider: ProviderId) => ImageProviderAdapter {
  const adapters: Partial<Record<ProviderId, ImageProviderAdapter>> = {
    ...ADAPTERS,
    ...(overrides.runware ? { runware: createRunwareAdapter(overrides.runware) } : {}),
    ...(overrides.runflow ? { runflow: createRunflowAdapter(overrides.runflow) } : {}),
    ...(overrides.gemini ? { gemini: createGeminiAdapter(overrides.gemini) } : {}),
    ...(overrides.aimlapi ? { aimlapi: createAimlapiAdapter(overrides.aimlapi) } : {}),
  };
  return (provider) => {
    const adapter = adapters[provider];
    if (!adapter) throw new Error(`no adapter is built in for provider ${provider}`);
    return adapter;
  };
}

/** The adapter for `provider`, with the studio's default settings. Throws Error when the provider has no adapter in this build. */
export const getAdapter: (provider: ProviderId) => ImageProviderAdapter = createAdapterLookup({});
