import { createHash } from 'node:crypto';
import { CATALOG, getModel, getProvider } from '../../catalog/catalog.ts';
import type { ModelId, ProviderId } from '../../catalog/types.ts';
import { isProviderConfigured, type StudioConfig } from '../config.ts';
import type { ProviderCacheStore } from '../store/provider-cache-store.ts';
import { ProviderError, type ImageProviderAdapter } from './provider-types.ts';

/** One model a key check reports, in designers' words plus the ids. */
export interface CheckedModel {
  /** The studio's model id, or `null` for a model the studio does not offer (a newer image model the key lists). */
  model: ModelId | null;
  /** "Nano Banana 2", or the provider's id when the studio does not know the model. */
  name: string;
  providerModelId: string;
}

/**
 * The answer of `GET /api/providers/:id/check` (docs/API-EXTENSIONS.md). The
 * key itself never appears.
 *
 * - `ok: true`: the provider accepted the key (`verified`), or it has no free
 *   check (`method: 'none'`, `verified: false`); `models` are those the key can
 *   use (Gemini's model list) or, where the provider lists none, the models the
 *   studio offers there.
 * - `ok: false`: the provider refused; `message` says what to do, `providerCode`
 *   and `providerMessage` are its own words.
 */
export type KeyCheckAnswer =
  | {
      provider: ProviderId;
      ok: true;
      method: 'model-list' | 'probe' | 'none' | 'not-needed';
      verified: boolean;
      message: string;
      models: CheckedModel[];
      /** Whether `models` is the provider's own list for this key (`true`) or the studio's catalog (`false`). */
      listedByProvider: boolean;
      checkedAt: string;
    }
  | {
      provider: ProviderId;
      ok: false;
      message: string;
      providerCode: string;
      providerMessage: string;
      httpStatus: number | null;
      checkedAt: string;
    };

const CACHE_KEY = 'key-check:listed-model-ids';

/**
 * Runs provider key checks and remembers, per provider, the model ids the
 * last successful check listed (in the provider cache, with a fingerprint of
 * the endpoint and key so that a changed key forgets them). The catalog route
 * and validation use `listedModelIds()` to offer a retired model the key still has.
 */
export class KeyChecks {
  /** `listedModelIds()` read once from the cache, then kept until a check stores a new list (every estimate asks). */
  private listed: Partial<Record<ProviderId, readonly string[]>> | null = null;

  constructor(
    private readonly config: StudioConfig,
    private readonly providerCache: ProviderCacheStore,
    private readonly getAdapter: (provider: ProviderId) => ImageProviderAdapter,
  ) {}

  /** The model ids each provider's last key check listed, for the current keys. */
  listedModelIds(): Partial<Record<ProviderId, readonly string[]>> {
    this.listed ??= this.readListedModelIds();
    return this.listed;
  }

  private readListedModelIds(): Partial<Record<ProviderId, readonly string[]>> {
    const listed: Partial<Record<ProviderId, readonly string[]>> = {};
    for (const provider of CATALOG.providers.map((entry) => entry.id)) {
      const stored = this.providerCache.forProvider(provider).get(CACHE_KEY);
      if (!stored) continue;
      try {
        const parsed = JSON.parse(stored) as { fingerprint: string; modelIds: string[] };
        if (parsed.fingerprint === this.fingerprint(provider) && Array.isArray(parsed.modelIds)) listed[provider] = parsed.modelIds;
      } catch {
        // An unreadable entry is as good as none.
      }
    }
    return listed;
  }

  /**
   * Ask the provider something free that proves its key (the adapter's
   * `checkKey`). Throws `Error` for a provider without a key or adapter (the
   * route turns that into 400 first).
   */
  async check(provider: ProviderId, signal: AbortSignal): Promise<KeyCheckAnswer> {
    const checkedAt = new Date().toISOString();
    const unlisted = { provider, ok: true as const, models: this.catalogModels(provider), listedByProvider: false, checkedAt };
    if (provider === 'local') return { ...unlisted, method: 'not-needed', verified: true, message: 'Local previews need no key.' };
    const endpoint = this.config.providers[provider];
    const adapter = this.getAdapter(provider);
    if (!isProviderConfigured(this.config, provider)) throw new Error(`${provider} has no key`);
    if (!adapter.checkKey) {
      return { ...unlisted, method: 'none', verified: false, message: `${getProvider(provider)?.name ?? provider} has no free way to check a key.` };
    }
    try {
      const result = await adapter.checkKey({ apiKey: endpoint.apiKey ?? '', baseUrl: endpoint.baseUrl, signal });
      const { method, verified, message, listedModelIds } = result;
      if (!listedModelIds) return { ...unlisted, method, verified, message };
      const stored = { fingerprint: this.fingerprint(provider), modelIds: listedModelIds, checkedAt };
      this.providerCache.forProvider(provider).set(CACHE_KEY, JSON.stringify(stored));
      this.listed = null;
      return { provider, ok: true, method, verified, message, models: this.listedModels(provider, listedModelIds), listedByProvider: true, checkedAt };
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      const { providerCode, providerMessage, httpStatus } = error;
      return { provider, ok: false, message: error.message, providerCode, providerMessage, httpStatus, checkedAt };
    }
  }

  /** A hash of the endpoint and key, so stored results follow the key without storing it. */
  private fingerprint(provider: ProviderId): string {
    const endpoint = this.config.providers[provider];
    return createHash('sha256')
      .update(`${endpoint.baseUrl}\n${endpoint.apiKey ?? ''}`)
      .digest('hex')
      .slice(0, 16);
  }

  /** The provider's offerings as checked models (where the provider lists none per key). */
  private catalogModels(provider: ProviderId): CheckedModel[] {
    return CATALOG.offerings
      .filter((offering) => offering.provider === provider && offering.lifecycle.status !== 'retired')
      .map((offering) => ({ model: offering.model, name: getModel(offering.model)?.name ?? offering.model, providerModelId: offering.providerModelId }));
  }

  /** The listed image model ids, named by the studio's model where it offers one. */
  private listedModels(provider: ProviderId, ids: readonly string[]): CheckedModel[] {
    return ids.map((id) => {
      const offering = CATALOG.offerings.find((candidate) => candidate.provider === provider && candidate.providerModelId === id);
      return { model: offering?.model ?? null, name: offering ? (getModel(offering.model)?.name ?? id) : id, providerModelId: id };
    });
  }
}
