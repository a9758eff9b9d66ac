import { Hono } from 'hono';
import { CATALOG, effectiveLifecycle } from '../../catalog/catalog.ts';
import { isProviderConfigured } from '../config.ts';
import type { Studio } from '../studio.ts';

/**
 * `GET /api/catalog`: the whole catalog (src/catalog `CATALOG`) with
 * `configured` added to each provider (`local` always; the others when their
 * key variable is set), and each offering's lifecycle as it stands for this
 * studio (a retired model the provider's key check still lists is served
 * `deprecated`, with a warning). Keys themselves are never included.
 */
export function createCatalogRoutes(studio: Studio) {
  const providers = CATALOG.providers.map((provider) => ({ ...provider, configured: isProviderConfigured(studio.config, provider.id) }));
  return new Hono().get('/', (context) => {
    const listed = studio.keyChecks.listedModelIds();
    const offerings = CATALOG.offerings.map((offering) => {
      const lifecycle = effectiveLifecycle(offering, listed[offering.provider]);
      return lifecycle === offering.lifecycle ? offering : { ...offering, lifecycle };
    });
    context.header('Cache-Control', 'no-cache');
    return context.json({ ...CATALOG, providers, offerings }, 200);
  });
}
