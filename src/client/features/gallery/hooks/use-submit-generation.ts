import { useCallback } from 'react';
import type { GenerationRequest } from '../../../../catalog/request.ts';
import { showToast } from '../../../components/ui/toaster.tsx';
import { useCreateGeneration } from '../api/create-generation.ts';
import { matchesFilters } from '../api/get-generations.ts';
import { useGalleryStore } from '../stores/gallery-store.ts';

/**
 * Submits a generation: when the gallery's filters would hide it, they are
 * cleared first, with a notice that says so (a new generation is always
 * visible); a pending card shows at once, the server's 202
 * Generation replaces it (and is then polled), and a refusal becomes a
 * failure card with the server's message and Retry. Resolves with whether
 * the server accepted it.
 */
export function useSubmitGeneration(): (request: GenerationRequest) => Promise<boolean> {
  const { mutateAsync: createGeneration } = useCreateGeneration();
  return useCallback(
    async (request: GenerationRequest) => {
      const { addSubmission, updateSubmission, removeSubmission, filters, setFilters } = useGalleryStore.getState();
      if (!matchesFilters({ request }, filters)) {
        setFilters({ q: '', model: '', provider: '' });
        showToast('Filters cleared so the new generation shows in the gallery.');
      }
      const localId = `local-${crypto.randomUUID()}`;
      addSubmission({ localId, request, createdAt: new Date().toISOString(), status: 'submitting', error: null });
      try {
        await createGeneration(request);
        removeSubmission(localId);
        return true;
      } catch (error) {
        updateSubmission(localId, { status: 'refused', error: error instanceof Error ? error.message : 'The server refused the generation.' });
        return false;
      }
    },
    [createGeneration],
  );
}
