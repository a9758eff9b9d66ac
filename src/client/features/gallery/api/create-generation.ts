import { useMutation, useQueryClient } from '@tanstack/react-query';
import { requestJson } from '../../../lib/api-client.ts';
import type { GenerationRequest } from '../../../../catalog/request.ts';
import type { Generation } from '../../../api/types.ts';
import { generationKeys } from './generation-keys.ts';
import { prependGenerationToLists } from './get-generations.ts';

/**
 * `POST /api/generations`: 202 with the Generation (`queued` or `running`).
 * Raises `ApiError` with the server's message (400 `invalid_request`,
 * `provider_not_configured`, `budget_exceeded`, ...).
 */
function createGeneration(request: GenerationRequest): Promise<Generation> {
  return requestJson<Generation>('/api/generations', { method: 'POST', json: request });
}

/**
 * Create as a mutation (variables: the request): the accepted Generation joins the gallery lists it matches and the
 * cache of followed generations. Errors (`ApiError`) are left to the caller (the gallery shows a failure card).
 */
export function useCreateGeneration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: generationKeys.create(),
    mutationFn: createGeneration,
    onSuccess: (generation) => {
      prependGenerationToLists(queryClient, generation);
      queryClient.setQueryData(generationKeys.one(generation.id), generation);
    },
  });
}
