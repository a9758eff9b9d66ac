import type { ProviderId } from '../../catalog/types.ts';
import type { ProviderCache } from '../providers/provider-types.ts';
import type { StudioDatabase } from './database.ts';

/**
 * The adapters' persistent key-value cache (provider-types.ts `ProviderCache`),
 * one namespace per provider in the `provider_cache` table, e.g. Runware
 * `imageUpload` UUIDs by reference sha256.
 */
export class ProviderCacheStore {
  private readonly select;
  private readonly upsert;

  constructor(database: StudioDatabase) {
    this.select = database.prepare<[string, string], { value: string }>('SELECT value FROM provider_cache WHERE provider = ? AND key = ?');
    this.upsert = database.prepare(
      `INSERT INTO provider_cache (provider, key, value, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (provider, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
  }

  /** The cache of one provider. */
  forProvider(provider: ProviderId): ProviderCache {
    return {
      get: (key) => this.select.get(provider, key)?.value,
      set: (key, value) => {
        this.upsert.run(provider, key, value, new Date().toISOString());
      },
    };
  }
}
