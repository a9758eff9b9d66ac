import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { refreshLatestEdits } from '../../features/studio/api/get-latest-edit.ts';
import { getOffering } from '../../../catalog/catalog.ts';
import type { GenerationRequest } from '../../../catalog/request.ts';
import type { Generation, GenerationImage } from '../../api/types.ts';
import { showToast } from '../../components/ui/toaster.tsx';
import { fetchImageAsFile } from '../../lib/drag-types.ts';
import { referenceThumbnailUrl } from '../../lib/reference-thumbnail.ts';
import { StudioPanel } from '../../features/studio/components/studio-panel.tsx';
import { useStudioStore } from '../../features/studio/stores/studio-store.ts';
import { useAddReferences } from '../../features/studio/hooks/use-add-references.ts';
import { describeOffering } from '../../features/studio/hooks/use-current-offering.ts';
import type { ReferenceImage } from '../../features/studio/stores/studio-settings.ts';
import { Gallery } from '../../features/gallery/components/gallery.tsx';
import { useSubmitGeneration } from '../../features/gallery/hooks/use-submit-generation.ts';

/** The Studio view: the form on the left, the gallery on the right. */
export function StudioRoute() {

  const submit = useSubmitGeneration();
  const addReferenceFiles = useAddReferences();
  const applyRequest = useStudioStore((state) => state.applyRequest);
  const startEdit = useStudioStore((state) => state.startEdit);

  const queryClient = useQueryClient();
  const onGenerate = useCallback((request: GenerationRequest) => {
    document.getElementById('gallery')?.scrollTo({ top: 0 });
    // An edit's banner offers to continue from the result once it is there.
    void submit(request).then(() => { if (request.parent) refreshLatestEdits(queryClient); });
  }, [submit, queryClient]);

  const onReuse = useCallback((generation: Generation) => {
    const { request } = generation;
    const offering = getOffering(request.provider, request.model);
    if (!offering) {
      showToast(`${request.provider}/${request.model} is no longer in the catalog; its settings cannot be reused.`, { tone: 'error' });
      return;
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
    applyRequest(request, offering, references, describeOffering(offering.provider, offering.model).label);
  }, [applyRequest]);

  // "Edit" in the lightbox or a tile's menu: the form switches to edit mode on that image.
  const onEdit = useCallback((image: GenerationImage, generation: Generation, imageIndex: number) => {
    const { request } = generation;
    const offering = getOffering(request.provider, request.model);
    if (!offering) {
      showToast(`${request.provider}/${request.model} is no longer in the catalog; choose a model before editing.`, { tone: 'error' });
      return;
    }
    startEdit(
      { generationId: generation.id, imageIndex, thumbnailUrl: image.thumbnailUrl, prompt: request.prompt, width: image.width, height: image.height },
      request,
      offering,
      describeOffering(offering.provider, offering.model).label,
    );
  }, [startEdit]);

  const onUseAsReference = useCallback(async (image: GenerationImage, generation: Generation) => {
    try {
      const file = await fetchImageAsFile(image.url, `generation-${generation.id.slice(0, 8)}`);
      const result = addReferenceFiles([file]);
      if (result.refusals.length > 0) showToast(result.refusals.join(' '), { tone: 'error' });
      else showToast(`Added as reference image ${useStudioStore.getState().references.length}.`);
    } catch (error) {
      showToast(error instanceof Error ? error.message : 'The image could not be added.', { tone: 'error' });
    }
  }, [addReferenceFiles]);

  return (
    <main className="flex min-h-0 flex-1">
      <a href="#gallery" className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-accent focus:px-2 focus:py-1 focus:text-zinc-950">
        Skip to gallery
      </a>
      <aside aria-label="Studio" className="w-[380px] shrink-0 border-r border-line bg-panel max-[1180px]:w-[350px]">
        <StudioPanel onGenerate={onGenerate} />
      </aside>
      <div className="min-w-0 flex-1 bg-surface">
        <Gallery onReuse={onReuse} onUseAsReference={(image, generation) => void onUseAsReference(image, generation)} onEdit={onEdit} />
      </div>
    </main>
  );
}
