import { useCallback, useState } from 'react';
import { loadedCatalogIndex } from '../../../api/get-catalog.ts';
import type { UploadAnswer } from '../../../api/types.ts';
import { referenceThumbnailUrl } from '../../../lib/reference-thumbnail.ts';
import { useUploadImage } from '../api/upload-image.ts';
import { useStudioStore } from '../stores/studio-store.ts';
import type { ReferenceImage } from '../stores/studio-settings.ts';
import { describeOffering } from './use-current-offering.ts';

/** The metadata key the studio writes into downloaded images (docs/API.md "Settings carried inside images"). */
const STUDIO_METADATA_KEY = 'banana-studio';

/** A dropped or pasted image that carries studio settings: "Use its settings" or "Add as reference". */
export interface RecalledSettingsOffer {
  key: string;
  name: string;
  /** Object URL of the file, for the preview. */
  previewUrl: string;
  status: 'reading' | 'ready' | 'failed';
  answer: UploadAnswer | null;
  error: string | null;
}

/**
 * Whether a file may carry the studio's settings: its bytes contain the
 * metadata key (a quick look before uploading it unchanged; the server reads
 * the metadata itself, with a library, and answers `recalledRequest`).
 */
export async function mayCarryStudioSettings(file: File): Promise<boolean> {
  if (!/^image\/(png|jpeg|webp)$/.test(file.type)) return false;
  const text = new TextDecoder('latin1').decode(await file.arrayBuffer());
  return text.includes(STUDIO_METADATA_KEY);
}

/**
 * Offers for dropped or pasted studio images: the file is uploaded as it is
 * (not scaled, so its metadata survives); the server's `recalledRequest`
 * can then replace the form's settings (prompt, model, provider, size, seed,
 * and the references still stored), or the image goes in as a reference.
 */
export function useRecalledSettings() {
  const [offers, setOffers] = useState<RecalledSettingsOffer[]>([]);
  const { mutateAsync: upload } = useUploadImage();
  const update = (key: string, patch: Partial<RecalledSettingsOffer>) =>
    setOffers((current) => current.map((offer) => (offer.key === key ? { ...offer, ...patch } : offer)));
  const remove = useCallback((key: string) => {
    setOffers((current) => {
      const offer = current.find((entry) => entry.key === key);
      if (offer) URL.revokeObjectURL(offer.previewUrl);
      return current.filter((entry) => entry.key !== key);
    });
  }, []);

  const offerFile = useCallback(
    (file: File) => {
      const key = crypto.randomUUID();
      setOffers((current) => [
        ...current,
        { key, name: file.name || 'Pasted image', previewUrl: URL.createObjectURL(file), status: 'reading', answer: null, error: null },
      ]);
      void upload({ blob: file })
        .then((answer) => update(key, { status: 'ready', answer }))
        .catch((error: unknown) => update(key, { status: 'failed', error: error instanceof Error ? error.message : 'The upload failed.' }));
    },
    [upload],
  );

  const applySettings = useCallback(
    (offer: RecalledSettingsOffer) => {
      const request = offer.answer?.recalledRequest;
      if (!request) return;
      const store = useStudioStore.getState();
      const offering = loadedCatalogIndex().getOffering(request.provider, request.model);
      if (!offering) {
        store.announce(`${request.provider}/${request.model} is not in this studio's catalog; its settings cannot be used.`);
        return;
      }
      const references: ReferenceImage[] = (request.referenceImages ?? []).map((uploadId, index) => ({
        key: crypto.randomUUID(),
        uploadId,
        name: `Reference image ${index + 1}`,
        thumbnailUrl: referenceThumbnailUrl(uploadId),
        width: null,
        height: null,
        status: 'ready',
        progress: 1,
        error: null,
      }));
      if (store.editing) store.stopEditing();
      store.applyRequest(request, offering, references, describeOffering(offering.provider, offering.model).label);
      const missing = offer.answer?.recalledMissingReferences ?? 0;
      if (missing > 0) {
        useStudioStore
          .getState()
          .announce(`Settings loaded; ${missing} of its reference image${missing === 1 ? ' is' : 's are'} no longer stored in this studio.`);
      }
      remove(offer.key);
    },
    [remove],
  );

  /** Adds the uploaded image to the tray; returns a refusal sentence when the tray is full. */
  const addAsReference = useCallback(
    (offer: RecalledSettingsOffer, maxReferences: number): string | null => {
      const answer = offer.answer;
      if (!answer) return null;
      const store = useStudioStore.getState();
      const used = store.references.length + (store.editing ? 1 : 0);
      if (used >= maxReferences) return `The tray is full (${maxReferences} reference images); remove one first.`;
      store.addReferences([
        {
          key: crypto.randomUUID(),
          uploadId: answer.id,
          name: offer.name,
          thumbnailUrl: referenceThumbnailUrl(answer.id),
          width: answer.width,
          height: answer.height,
          status: 'ready',
          progress: 1,
          error: null,
        },
      ]);
      store.announce(`${offer.name} added as reference image ${used + 1}.`);
      remove(offer.key);
      return null;
    },
    [remove],
  );

  return { offers, offerFile, applySettings, addAsReference, dismiss: remove };
}
