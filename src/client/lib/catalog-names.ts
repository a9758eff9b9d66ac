import { cachedCatalogIndex } from '../api/get-catalog.ts';

/** A provider's display name ("Runware") from the served catalog, or its id when the catalog does not know it (or has not loaded). */
export function providerName(provider: string): string {
  return cachedCatalogIndex()?.providerName(provider) ?? provider;
}

/** A model's display name ("Nano Banana 2") from the served catalog, or its id when the catalog does not know it (or has not loaded). */
export function modelName(model: string): string {
  return cachedCatalogIndex()?.modelName(model) ?? model;
}
