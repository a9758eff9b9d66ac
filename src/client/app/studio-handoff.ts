import type { GenerationRequest } from '../../catalog/request.ts';
import { showToast } from '../components/ui/toaster.tsx';
import { referenceThumbnailUrl } from '../lib/reference-thumbnail.ts';
import type { ExperimentStart } from '../lib/experiment-start.ts';
import { describeOffering } from '../features/studio/hooks/use-current-offering.ts';
import { useStudioStore } from '../features/studio/stores/studio-store.ts';
import { buildGenerationRequest, type ReferenceImage } from '../features/studio/stores/studio-settings.ts';
import { loadedCatalogIndex } from '../api/get-catalog.ts';
import { offeringOrFallback } from '../lib/require-offering.ts';

/**
 * Puts a request (references included) into the studio form, as "Reuse
 * settings" does. Returns false, with a toast, when its offering is no
 * longer in the catalog.
 */
export function applyRequestToStudio(request: GenerationRequest): boolean {
  const offering = loadedCatalogIndex().getOffering(request.provider, request.model);
  if (!offering) {
    showToast('This model and provider are no longer offered; the settings cannot be reused.', { tone: 'error' });
    return false;
  }
  const references: ReferenceImage[] = (request.referenceImages ?? []).map((reference, index) => ({
    key: crypto.randomUUID(),
    uploadId: reference,
    name: `Reference image ${index + 1}`,
    thumbnailUrl: referenceThumbnailUrl(reference),
    width: null,
    height: null,
    status: 'ready',
    progress: 1,
    error: null,
  }));
  useStudioStore.getState().applyRequest(request, offering, references, describeOffering(offering.provider, offering.model).label);
  return true;
}

/** A snapshot of the studio form's current request (prompt, uploaded references, offering, size), for a new experiment. */
export function readStudioStart(): ExperimentStart {
  const state = useStudioStore.getState();
  const offering = offeringOrFallback(state.provider, state.model);
  const uploadIds = state.references.flatMap((reference) => (reference.status === 'ready' && reference.uploadId ? [reference.uploadId] : []));
  return { request: buildGenerationRequest(state, offering, uploadIds), origin: 'the studio form' };
}
