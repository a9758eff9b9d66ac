import { useCallback } from 'react';
import { showToast } from '../../../components/ui/toaster.tsx';
import { useCancelGeneration } from '../api/cancel-generation.ts';
import { useDeleteGenerationMutation } from '../api/delete-generation.ts';
import { requestToRepeat } from '../components/lineage-order.ts';
import type { GalleryTile } from '../components/gallery-tiles.ts';
import { useGalleryStore } from '../stores/gallery-store.ts';
import { useDeleteGeneration } from './use-delete-generation.ts';
import { useSubmitGeneration } from './use-submit-generation.ts';

/** The gallery's changes to the history from a pending or failure card (the image tiles' actions are the app's). */
export interface TileActions {
  /** A failure card's Retry: a local refusal is submitted again; a failed server generation is replaced by its retry. */
  onRetry: (tile: GalleryTile) => void;
  /** A pending card's Cancel (by generation id); a refusal says why in a toast. */
  onCancel: (id: string) => void;
  /** A failure card's Dismiss: a local refusal goes at once, a server one is deleted with Undo. */
  onDismiss: (tile: GalleryTile) => void;
}

/** The mutation hooks behind the gallery's pending and failure cards (each callback is stable across renders). */
export function useTileActions(): TileActions {
  const submit = useSubmitGeneration();
  const removeSubmission = useGalleryStore((state) => state.removeSubmission);
  const deleteWithUndo = useDeleteGeneration();
  const { mutateAsync: deleteGeneration } = useDeleteGenerationMutation();
  const { mutate: cancelGeneration } = useCancelGeneration();

  const onRetry = useCallback(
    (tile: GalleryTile) => {
      if (tile.kind === 'image') return;
      const source = tile.generation ?? tile.submission;
      if (!source) return;
      if (tile.submission) {
        removeSubmission(tile.submission.localId);
        void submit(source.request);
        return;
      }
      // A failed server generation is replaced by its retry: hidden now, deleted once the retry is accepted.
      const failed = tile.generation;
      if (!failed) return;
      const { hide, unhide } = useGalleryStore.getState();
      hide(failed.id);
      void submit(requestToRepeat(failed)).then(async (accepted) => {
        if (!accepted) {
          unhide(failed.id);
          return;
        }
        try {
          await deleteGeneration(failed.id);
        } finally {
          unhide(failed.id);
        }
      });
    },
    [submit, removeSubmission, deleteGeneration],
  );

  const onCancel = useCallback(
    (id: string) => {
      cancelGeneration(id, {
        onError: (error) => showToast(`Could not cancel: ${error instanceof Error ? error.message : 'unknown error'}`, { tone: 'error' }),
      });
    },
    [cancelGeneration],
  );

  const onDismiss = useCallback(
    (tile: GalleryTile) => {
      if (tile.kind === 'image') return;
      if (tile.submission) removeSubmission(tile.submission.localId);
      else if (tile.generation) deleteWithUndo(tile.generation.id, 'the failed generation');
    },
    [removeSubmission, deleteWithUndo],
  );

  return { onRetry, onCancel, onDismiss };
}
