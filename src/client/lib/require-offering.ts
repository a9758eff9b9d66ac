import { getOffering } from '../../catalog/catalog.ts';
import type { ModelId, Offering, ProviderId } from '../../catalog/types.ts';

/**
 * The catalog's offering of `model` on `provider`, for pairs the catalog always has (the local offering of every model, the
 * studio's default `local` / `nano-banana-2`). Throws an Error naming the pair when the catalog lacks it: a catalog bug, not
 * a user's input.
 */
export function requireOffering(provider: ProviderId, model: ModelId): Offering {
  const offering = getOffering(provider, model);
  if (!offering) throw new Error(`The catalog has no offering of ${model} on ${provider}.`);
  return offering;
}
