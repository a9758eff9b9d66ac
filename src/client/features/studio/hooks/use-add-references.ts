import { useCallback } from 'react';
import { REFERENCE_IMAGE_TYPE_NAMES } from '../../../../catalog/image-types.ts';
import { isAcceptedImageFile, prepareReferenceImage } from '../../../lib/image-processing.ts';
import { useUploadImage } from '../api/upload-image.ts';
import { referenceThumbnailUrl } from '../../../lib/reference-thumbnail.ts';
import { useStudioStore } from '../stores/studio-store.ts';
import type { ReferenceImage } from '../stores/studio-settings.ts';
import { useCurrentOffering } from './use-current-offering.ts';

/** What happened to a batch of files: the refusals as sentences. */
export interface AddReferencesResult {
  added: number;
  refusals: string[];
}

/** Accepted formats, as a sentence for refusals. */

/**
 * Adds files to the reference tray: refuses non-images and anything past the
 * offering's reference limit (with a message saying what is allowed), then
 * scales each image down in the browser and uploads it with progress.
 */
export function useAddReferences(): (files: File[]) => AddReferencesResult {
  const { offering, label } = useCurrentOffering();
  const addReferences = useStudioStore((state) => state.addReferences);
  const updateReference = useStudioStore((state) => state.updateReference);
  const { mutateAsync: upload } = useUploadImage();

  return useCallback(
    (files: File[]) => {
      const refusals: string[] = [];
      const images: File[] = [];
      for (const file of files) {
        if (isAcceptedImageFile(file)) images.push(file);
        else refusals.push(`${file.name || 'The file'} is not an image; add ${REFERENCE_IMAGE_TYPE_NAMES} files.`);
      }
      // In edit mode the edited image is reference image 1 and takes one place.
      const max = offering.referenceImages.max - (useStudioStore.getState().editing ? 1 : 0);
      const room = Math.max(0, max - useStudioStore.getState().references.length);
      const accepted = images.slice(0, room);
      const over = images.slice(room);
      if (over.length > 0) {
        refusals.push(
          `${label} takes at most ${max} reference images; ` +
            `${over.map((file) => file.name || 'an image').join(', ')} ${over.length === 1 ? 'was' : 'were'} not added.`,
        );
      }
      const entries: ReferenceImage[] = accepted.map((file) => ({
        key: crypto.randomUUID(),
        uploadId: null,
        name: file.name || 'Pasted image',
        thumbnailUrl: '',
        width: null,
        height: null,
        status: 'preparing',
        progress: 0,
        error: null,
      }));
      if (entries.length > 0) addReferences(entries);
      entries.forEach((entry, index) => {
        const file = accepted[index];
        if (!file) return;
        void (async () => {
          try {
            let blob: Blob = file;
            try {
              const prepared = await prepareReferenceImage(file);
              blob = prepared.blob;
              updateReference(entry.key, { thumbnailUrl: prepared.thumbnailUrl, width: prepared.width, height: prepared.height, status: 'uploading' });
            } catch (error) {
              // HEIC and other formats the browser cannot decode go up as they are; the server decides.
              if (!/heic|heif|avif/i.test(file.type)) throw error;
              updateReference(entry.key, { status: 'uploading' });
            }
            let lastShown = 0;
            const uploaded = await upload({
              blob,
              onProgress: (fraction) => {
                if (fraction - lastShown >= 0.05 || fraction === 1) {
                  lastShown = fraction;
                  updateReference(entry.key, { progress: fraction });
                }
              },
            });
            const current = useStudioStore.getState().references.find((reference) => reference.key === entry.key);
            updateReference(entry.key, {
              uploadId: uploaded.id,
              width: uploaded.width,
              height: uploaded.height,
              status: 'ready',
              progress: 1,
              thumbnailUrl: current?.thumbnailUrl || referenceThumbnailUrl(uploaded.id),
            });
          } catch (error) {
            const message = error instanceof Error ? error.message : 'The upload failed.';
            updateReference(entry.key, { status: 'failed', error: message });
            useStudioStore.getState().announce(`${entry.name} was not added: ${message}`);
          }
        })();
      });
      return { added: entries.length, refusals };
    },
    [offering, label, addReferences, updateReference, upload],
  );
}
