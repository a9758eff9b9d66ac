import type { ProviderId } from '../../catalog/types.ts';
import { aimlapiAdapter } from './aimlapi/aimlapi-adapter.ts';
import { geminiAdapter } from './gemini/gemini-adapter.ts';
import { localAdapter } from './local/local-adapter.ts';
import type { ImageProviderAdapter } from './provider-types.ts';
import { runflowAdapter } from './runflow/runflow-adapter.ts';
import { runwareAdapter } from './runware/runware-adapter.ts';

/** The adapter of each provider that has one; one line per provider. */
const ADAPTERS: Partial<Record<ProviderId, ImageProviderAdapter>> = {
  local: localAdapter,
  runware: runwareAdapter,
  runflow: runflowAdapter,
  aimlapi: aimlapiAdapter,
  gemini: geminiAdapter,
};

/** The adapter for `provider`. Throws Error when the provider has no adapter in this build. */
export function getAdapter(provider: ProviderId): ImageProviderAdapter {
  const adapter = ADAPTERS[provider];
  if (!adapter) throw new Error(`no adapter is built in for provider ${provider}`);
  return adapter;
}
