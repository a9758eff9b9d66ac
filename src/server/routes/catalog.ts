import { Hono } from 'hono';
import { CATALOG } from '../../catalog/catalog.ts';
import { isProviderConfigured } from '../config.ts';
import type { Studio } from '../studio.ts';

/**
 * `GET /api/catalog`: the whole catalog (src/catalog `CATALOG`) with
 * `configured` added to each provider (`local` always; the others when their
 * key variable is set). Keys themselves are never included.
 */
export function createCatalogRoutes(studio: Studio) {
  const body = {
    ...CATALOG,
    providers: CATALOG.providers.map((provider) => ({ ...provider, configured: isProviderConfigured(studio.config, provider.id) })),
  };
  return new Hono().get('/', (context) => {
    context.header('Cache-Control', 'no-cache');
    return context.json(body, 200);
  });
}
