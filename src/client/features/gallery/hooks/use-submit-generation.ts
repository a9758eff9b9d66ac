import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { GenerationRequest } from '../../../../catalog/request.ts';
import { createGeneration } from '../api/create-generation.ts';
import { prependGenerationToLists } from '../api/get-generations.ts';
import { useGalleryStore } from '../stores/gallery-store.ts';

/**
 * Submits a generation: a pending card shows at once, the server's 202
 * Generation replaces it (and is then polled), and a refusal becomes a
 * failure card with the server's message and Retry. Resolves with whether
 * the server accepted it.
 */
export function useSubmitGeneration(): (request: GenerationRequest) => Promise<boolean> {
  const queryClient = useQueryClient();
  return useCallback(
    async (request: GenerationRequest) => {
      const { addSubmission, updateSubmission, removeSubmission } = useGalleryStore.getState();
      const localId = `local-${crypto.randomUUID()}`;
      addSubmission({ localId, request, createdAt: new Date().toISOString(), status: 'submitting', error: null });
      try {
        const generation = await createGeneration(request);
        prependGenerationToLists(queryClient, generation);
        queryClient.setQueryData(['generation', generation.id], generation);
        removeSubmission(localId);
        return true;
      } catch (error) {
        updateSubmission(localId, { status: 'refused', error: error instanceof Error ? error.message : 'The server refused the generation.' });
        return false;
      }
    },
    [queryClient],
  );
}
