import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ProviderId } from '../../catalog/types.ts';
import type { KeyCheckAnswer } from '../../server/providers/key-checks.ts';
import { requestJson } from '../lib/api-client.ts';
import { catalogQueryOptions } from './get-catalog.ts';

/** `GET /api/providers/:id/check`: the provider's answer to a free key check, plus its display name. */
export type ProviderKeyCheck = KeyCheckAnswer & { providerName: string };

/** Asks the server to check a provider's key (the key never leaves the server). Raises `ApiError`. */
function checkProviderKey(provider: ProviderId): Promise<ProviderKeyCheck> {
  return requestJson<ProviderKeyCheck>(`/api/providers/${provider}/check`);
}

/**
 * The key check as a mutation; afterwards the catalog is fetched again, since
 * a model the key still lists may be offered again (docs/API-EXTENSIONS.md).
 */
export function useCheckProviderKey(provider: ProviderId) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => checkProviderKey(provider),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogQueryOptions.queryKey }),
  });
}
