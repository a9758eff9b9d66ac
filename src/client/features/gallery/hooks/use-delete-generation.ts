import { useCallback } from 'react';
import { showToast } from '../../../components/ui/toaster.tsx';
import { useDeleteGenerationMutation } from '../api/delete-generation.ts';
import { useGalleryStore } from '../stores/gallery-store.ts';

/** How long Undo is offered before the server deletes, ms. */
const UNDO_WINDOW = 6000;

/**
 * Deletes a generation with undo: it disappears at once, a toast offers Undo
 * for 6 s, and only then is `DELETE /api/generations/:id` sent. A failed
 * delete brings the generation back and says why.
 */
export function useDeleteGeneration(): (id: string, description: string) => void {
  const { mutateAsync: deleteGeneration } = useDeleteGenerationMutation();
  return useCallback(
    (id: string, description: string) => {
      const { hide, unhide } = useGalleryStore.getState();
      hide(id);
      let undone = false;
      const timer = window.setTimeout(() => {
        if (undone) return;
        void (async () => {
          try {
            await deleteGeneration(id);
          } catch (error) {
            showToast(`The generation could not be deleted: ${error instanceof Error ? error.message : 'unknown error'}`, { tone: 'error' });
          } finally {
            unhide(id);
          }
        })();
      }, UNDO_WINDOW);
      showToast(`Deleted ${description}.`, {
        duration: UNDO_WINDOW,
        action: {
          label: 'Undo',
          onAction: () => {
            undone = true;
            window.clearTimeout(timer);
            unhide(id);
          },
        },
      });
    },
    [deleteGeneration],
  );
}
