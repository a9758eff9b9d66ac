import { useMutation, useQueryClient } from '@tanstack/react-query';
import { requestJson } from '../../../lib/api-client.ts';
import type { Generation } from '../../../api/types.ts';
import { generationKeys } from './generation-keys.ts';
import { updateGenerationInLists } from './get-generations.ts';

/** `POST /api/generations/:id/cancel`: stops a queued or running generation; answers the Generation. */
function cancelGeneration(id: string): Promise<Generation | undefined> {
  return requestJson<Generation | undefined>(`/api/generations/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
}

/**
 * Cancel as a mutation (variables: the generation's id): the answered Generation replaces the one in every gallery
 * list. Errors (`ApiError`, e.g. 409 when it already ended) are left to the caller's `onError`.
 */
export function useCancelGeneration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: generationKeys.cancel(),
    mutationFn: cancelGeneration,
    onSuccess: (generation) => {
      if (generation) updateGenerationInLists(queryClient, generation);
    },
  });
}
