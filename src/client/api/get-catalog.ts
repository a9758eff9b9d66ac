import { queryOptions, useQuery } from '@tanstack/react-query';
import { createCatalogIndex, type CatalogIndex } from '../../catalog/catalog-index.ts';
import { requestJson } from '../lib/api-client.ts';
import { queryClient } from '../lib/query-client.ts';
import type { ServedCatalog } from './types.ts';

/** `GET /api/catalog`: providers with `configured`, and every offering. */
function getCatalog(): Promise<ServedCatalog> {
  return requestJson<ServedCatalog>('/api/catalog');
}

/**
 * Query options for the catalog (fresh for a minute; it changes only when the server restarts or a key check finds a
 * retired model still listed). The studio's capability tables and prices come only from here: the browser does not
 * bundle them (src/catalog/offerings.ts stays on the server), so the form, the estimate and the checks before Generate
 * read exactly what the server enforces.
 */
export const catalogQueryOptions = queryOptions({
  queryKey: ['catalog'],
  queryFn: getCatalog,
  staleTime: 60_000,
});

/** The served catalog, as a query (loading, error, data). */
export function useCatalog() {
  return useQuery(catalogQueryOptions);
}

/** One set of lookups per served answer, so a refetch with the same data keeps working and a new answer is indexed once. */
const indexes = new WeakMap<ServedCatalog, CatalogIndex>();

function indexOf(catalog: ServedCatalog): CatalogIndex {
  let index = indexes.get(catalog);
  if (!index) {
    index = createCatalogIndex(catalog);
    indexes.set(catalog, index);
  }
  return index;
}

function notLoaded(): Error {
  return new Error('The catalog was read before GET /api/catalog answered: render this under CatalogGate (src/client/app/catalog-gate.tsx).');
}

/**
 * The lookups (offering, model, provider, estimate and checks) over the catalog the server served, for components
 * rendered under `CatalogGate`, which shows nothing else until the catalog has loaded. Re-renders when a refetch
 * brings a changed catalog.
 *
 * @throws Error when called before the catalog has loaded (a component outside the gate: a bug, not a user's input).
 */
export function useCatalogIndex(): CatalogIndex {
  const { data } = useCatalog();
  if (!data) throw notLoaded();
  return indexOf(data);
}

/** The lookups over the served catalog in the query cache, or `undefined` before it has loaded. */
export function cachedCatalogIndex(): CatalogIndex | undefined {
  const data = queryClient.getQueryData(catalogQueryOptions.queryKey);
  return data ? indexOf(data) : undefined;
}

/**
 * The same lookups for code outside React (stores, hand-offs between views), read from the query cache.
 *
 * @throws Error when called before the catalog has loaded.
 */
export function loadedCatalogIndex(): CatalogIndex {
  const index = cachedCatalogIndex();
  if (!index) throw notLoaded();
  return index;
}

/** Whether a provider has a key on the server (`local` always has). While loading, only `local` counts. */
export function useConfiguredProviders(): { configured: Set<string>; isLoading: boolean } {
  const { data, isLoading } = useCatalog();
  const configured = new Set<string>(['local']);
  for (const provider of data?.providers ?? []) if (provider.configured) configured.add(provider.id);
  return { configured, isLoading };
}
