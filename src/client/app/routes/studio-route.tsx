import { useCallback, useState, type MouseEvent, type ReactNode } from 'react';
import clsx from 'clsx';
import { Images, SlidersHorizontal } from 'lucide-react';
import { useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { refreshLatestEdits } from '../../features/studio/api/get-latest-edit.ts';
import type { GenerationRequest } from '../../../catalog/request.ts';
import type { Generation, GenerationImage } from '../../api/types.ts';
import { loadedCatalogIndex } from '../../api/get-catalog.ts';
import { showToast } from '../../components/ui/toaster.tsx';
import { fetchImageAsFile } from '../../lib/drag-types.ts';
import { isSmallScreen } from '../../lib/use-media-query.ts';
import { setPendingExperimentStart } from '../../lib/experiment-start.ts';
import { StudioPanel } from '../../features/studio/components/studio-panel.tsx';
import { useStudioStore } from '../../features/studio/stores/studio-store.ts';
import { useAddReferences } from '../../features/studio/hooks/use-add-references.ts';
import { describeOffering } from '../../features/studio/hooks/use-current-offering.ts';
import { Gallery } from '../../features/gallery/components/gallery.tsx';
import { useSubmitGeneration } from '../../features/gallery/hooks/use-submit-generation.ts';
import { refreshSpend } from '../cross-feature-refreshes.ts';
import { applyRequestToStudio } from '../studio-handoff.ts';

/** Below the `md` breakpoint the form and the gallery are two views; which one shows. */
type SmallScreenView = 'form' | 'gallery';

function focusWithoutScrolling(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus({ preventScroll: true }));
}

/**
 * The Studio view: the form on the left, the gallery on the right; below
 * 768 px they are two views (Create, Gallery) switched from a bar at the top,
 * the form's Generate bar pinned at the bottom of its view. The document
 * never scrolls: each panel scrolls inside itself.
 */
export function StudioRoute() {
  const submit = useSubmitGeneration();
  const addReferenceFiles = useAddReferences();
  const setSetting = useStudioStore((state) => state.setSetting);
  const [view, setView] = useState<SmallScreenView>('form');
  const startEdit = useStudioStore((state) => state.startEdit);

  const queryClient = useQueryClient();
  // Spend, budget and ledger change when a generation ends (also from live events: use-live-events.ts).
  const onGenerationEnded = useCallback(() => refreshSpend(queryClient), [queryClient]);
  const onGenerate = useCallback(
    (request: GenerationRequest) => {
      document.getElementById('gallery')?.scrollTo({ top: 0 });
      // On a phone the new card is in the other view: show it.
      if (isSmallScreen()) setView('gallery');
      // An edit's banner offers to continue from the result once it is there.
      void submit(request).then(() => {
        if (request.parent) refreshLatestEdits(queryClient);
      });
    },
    [submit, queryClient],
  );

  const onReuse = useCallback((request: GenerationRequest) => {
    if (applyRequestToStudio(request)) setView('form');
  }, []);

  const onEditPrompt = useCallback(
    (request: GenerationRequest) => {
      setSetting('prompt', request.prompt);
      setView('form');
      requestAnimationFrame(() => {
        const prompt = document.getElementById('studio-prompt') as HTMLTextAreaElement | null;
        if (!prompt) return;
        prompt.focus({ preventScroll: true });
        prompt.setSelectionRange(prompt.value.length, prompt.value.length);
        prompt.scrollIntoView({ block: 'nearest' });
      });
    },
    [setSetting],
  );

  // "Edit" in the lightbox or a tile's menu: the form switches to edit mode on that image.
  const onEdit = useCallback(
    (image: GenerationImage, generation: Generation, imageIndex: number) => {
      const { request } = generation;
      const offering = loadedCatalogIndex().getOffering(request.provider, request.model);
      if (!offering) {
        showToast('This model and provider are no longer offered; choose a model before editing.', { tone: 'error' });
        return;
      }
      startEdit(
        { generationId: generation.id, imageIndex, thumbnailUrl: image.thumbnailUrl, prompt: request.prompt, width: image.width, height: image.height },
        request,
        offering,
        describeOffering(offering.provider, offering.model).label,
      );
      setView('form');
    },
    [startEdit],
  );
  const [, navigate] = useLocation();
  const onCompareAcrossModels = useCallback(
    (generation: Generation) => {
      const { prompt, referenceImages, model, provider, resolution, aspectRatio } = generation.request;
      setPendingExperimentStart({
        request: { prompt, model, provider, resolution, aspectRatio, ...(referenceImages.length ? { referenceImages } : {}) },
        origin: 'a gallery result',
        axes: { rows: 'model', columns: 'provider' },
      });
      navigate('/experiments');
    },
    [navigate],
  );

  const onUseAsReference = useCallback(
    async (image: GenerationImage, generation: Generation) => {
      try {
        const file = await fetchImageAsFile(image.url, `generation-${generation.id.slice(0, 8)}`);
        const result = addReferenceFiles([file]);
        if (result.refusals.length > 0) showToast(result.refusals.join(' '), { tone: 'error' });
        else showToast(`Added as reference image ${useStudioStore.getState().references.length}.`);
      } catch (error) {
        showToast(error instanceof Error ? error.message : 'The image could not be added.', { tone: 'error' });
      }
    },
    [addReferenceFiles],
  );

  function skipToGallery(event: MouseEvent<HTMLAnchorElement>) {
    // Not a fragment jump: that would scroll the document. Show the gallery and focus it in place.
    event.preventDefault();
    setView('gallery');
    focusWithoutScrolling('gallery');
  }

  const viewButton = (target: SmallScreenView, label: string, icon: ReactNode) => (
    <button
      type="button"
      aria-pressed={view === target}
      onClick={() => setView(target)}
      className={clsx(
        'flex h-9 flex-1 items-center justify-center gap-1.5 rounded-md text-[13px] font-medium focus-visible:outline-2 focus-visible:outline-accent',
        view === target ? 'bg-zinc-800 text-white' : 'text-zinc-400 hover:text-zinc-100',
      )}
    >
      {icon}
      {label}
    </button>
  );

  return (
    <main className="flex min-h-0 flex-1 flex-col overflow-hidden md:flex-row">
      <a
        href="#gallery"
        onClick={skipToGallery}
        className={
          'sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 ' +
          'focus:rounded focus:bg-accent focus:px-2 focus:py-1 focus:text-zinc-950'
        }
      >
        Skip to gallery
      </a>
      <nav aria-label="Studio views" className="flex shrink-0 gap-1 border-b border-line bg-panel p-1.5 md:hidden">
        {viewButton('form', 'Create', <SlidersHorizontal size={14} aria-hidden />)}
        {viewButton('gallery', 'Gallery', <Images size={14} aria-hidden />)}
      </nav>
      <aside
        aria-label="Studio"
        className={clsx(
          'relative flex min-h-0 flex-col bg-panel max-md:flex-1 md:w-[380px] md:shrink-0 md:border-r md:border-line max-[1180px]:md:w-[350px]',
          view !== 'form' && 'max-md:hidden',
        )}
      >
        <StudioPanel onGenerate={onGenerate} />
      </aside>
      <div className={clsx('relative min-h-0 min-w-0 flex-1 bg-surface', view !== 'gallery' && 'max-md:hidden')}>
        <Gallery
          onReuse={onReuse}
          onEditPrompt={onEditPrompt}
          onUseAsReference={(image, generation) => void onUseAsReference(image, generation)}
          onEdit={onEdit}
          onCompareAcrossModels={onCompareAcrossModels}
          onGenerationEnded={onGenerationEnded}
        />
      </div>
    </main>
  );
}
