import { useMutation, useQueryClient } from '@tanstack/react-query';
import { requestJson } from '../../../lib/api-client.ts';
import { generationKeys } from './generation-keys.ts';
import { removeGenerationFromLists } from './get-generations.ts';

/** `DELETE /api/generations/:id`: 204; its image files go too unless another generation uses them. */
function deleteGeneration(id: string): Promise<void> {
  return requestJson<undefined>(`/api/generations/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/**
 * Delete as a mutation (variables: the generation's id): once the server answers, the generation leaves every gallery
 * list. Errors (`ApiError`) are left to the caller's `onError`; the app refreshes what depends on the history
 * (spend) from the mutation cache (src/client/app/).
 */
export function useDeleteGenerationMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: generationKeys.remove(),
    mutationFn: deleteGeneration,
    onSuccess: (_answer, id) => removeGenerationFromLists(queryClient, id),
  });
}
