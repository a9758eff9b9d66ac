import { queryOptions, useQuery } from '@tanstack/react-query';
import { requestJson } from '../lib/api-client.ts';
import type { ServedCatalog } from './types.ts';

/** `GET /api/catalog`: providers with `configured`, and every offering. */
export function getCatalog(): Promise<ServedCatalog> {
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

/** Whether a provider has a key on the server (`local` always has). While loading, only `local` counts. */
export function useConfiguredProviders(): { configured: Set<string>; isLoading: boolean } {
  const { data, isLoading } = useCatalog();
  const configured = new Set<string>(['local']);
  for (const provider of data?.providers ?? []) if (provider.configured) configured.add(provider.id);
  return { configured, isLoading };
}
