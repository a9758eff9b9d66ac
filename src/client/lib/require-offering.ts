import type { CatalogIndex } from '../../catalog/catalog-index.ts';
import type { ModelId, Offering, ProviderId } from '../../catalog/types.ts';
import { loadedCatalogIndex } from '../api/get-catalog.ts';

/**
 * The served catalog's offering of `model` on `provider`, for pairs the catalog always has (the local offering of
 * every model, the studio's default `local` / `nano-banana-2`). `catalog` defaults to the loaded served catalog.
 * Throws an Error naming the pair when the catalog lacks it: a catalog bug, not a user's input.
 */
export function requireOffering(provider: ProviderId, model: ModelId, catalog: CatalogIndex = loadedCatalogIndex()): Offering {
  const offering = catalog.getOffering(provider, model);
  if (!offering) throw new Error(`The catalog has no offering of ${model} on ${provider}.`);
  return offering;
}

/**
 * The offering for a remembered or recalled provider + model pair: that pair's, else the model's `local` offering
 * (a provider that stopped selling it), else `local` / `nano-banana-2` (a model the catalog no longer has).
 */
export function offeringOrFallback(provider: ProviderId, model: ModelId, catalog: CatalogIndex = loadedCatalogIndex()): Offering {
  return catalog.getOffering(provider, model) ?? catalog.getOffering('local', model) ?? requireOffering('local', 'nano-banana-2', catalog);
}
