import { Hono } from 'hono';
import { CATALOG, getProvider } from '../../catalog/catalog.ts';
import { PROVIDER_IDS, type ProviderId } from '../../catalog/types.ts';
import { ApiError } from '../api-error.ts';
import { assertProviderUsable } from '../generations/create-generation.ts';
import type { Studio } from '../studio.ts';

/** How long a key check may take before it is given up, in ms. */
const KEY_CHECK_TIMEOUT_MS = 60_000;

/**
 * Extension `GET /api/providers/:id/check` (docs/API-EXTENSIONS.md): asks the
 * provider something free that proves its key (Gemini: the model list) and
 * answers 200 with a `KeyCheckAnswer` plus `providerName` (`ok: false` carries
 * the provider's own refusal). 404 `not_found` for an unknown provider; 400
 * `provider_not_configured` when its key is not set. Never echoes the key.
 */
export function createProvidersRoutes(studio: Studio) {
  return new Hono().get('/:id/check', async (context) => {
    const id = context.req.param('id');
    if (!(PROVIDER_IDS as readonly string[]).includes(id)) {
      throw new ApiError(404, 'not_found', `There is no provider "${id}"; the providers are ${PROVIDER_IDS.join(', ')}.`, {
        field: 'id',
        allowed: [...PROVIDER_IDS],
      });
    }
    const provider = id as ProviderId;
    const someOffering = CATALOG.offerings.find((offering) => offering.provider === provider);
    if (!someOffering) throw new Error(`the catalog has no offering on ${provider}`);
    const someModel = someOffering.model;
    assertProviderUsable(studio, provider, someModel, 'id');
    const answer = await studio.keyChecks.check(provider, AbortSignal.timeout(KEY_CHECK_TIMEOUT_MS));
    context.header('Cache-Control', 'no-store');
    return context.json({ ...answer, providerName: getProvider(provider)?.name ?? provider }, 200);
  });
}
