import { queryOptions, useQuery } from '@tanstack/react-query';
import { requestJson } from '../lib/api-client.ts';
import type { Offering, OfferingLifecycle } from '../../catalog/types.ts';
import type { ServedCatalog } from './types.ts';

/** `GET /api/catalog`: providers with `configured`, and every offering. */
function getCatalog(): Promise<ServedCatalog> {
  return requestJson<ServedCatalog>('/api/catalog');
}

/** Query options for the catalog (fresh for a minute; it changes only when the server restarts). */
export const catalogQueryOptions = queryOptions({
  queryKey: ['catalog'],
  queryFn: getCatalog,
  staleTime: 60_000,
});

/** The served catalog; the form uses it for which providers are configured. */
export function useCatalog() {
  return useQuery(catalogQueryOptions);
}

/**
 * Each offering's lifecycle as the server serves it (a retired model the key
 * check found still listed comes back `deprecated`); the catalog's own until
 * the served catalog has loaded.
 */
export function useOfferingLifecycle(): (offering: Offering) => OfferingLifecycle {
  const { data } = useCatalog();
  return (offering) => data?.offerings.find((served) => served.id === offering.id)?.lifecycle ?? offering.lifecycle;
}

/** Whether a provider has a key on the server (`local` always has). While loading, only `local` counts. */
export function useConfiguredProviders(): { configured: Set<string>; isLoading: boolean } {
  const { data, isLoading } = useCatalog();
  const configured = new Set<string>(['local']);
  for (const provider of data?.providers ?? []) if (provider.configured) configured.add(provider.id);
  return { configured, isLoading };
}
