import { lazy, memo, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ImageIcon, Layers, Loader2, Search, X } from 'lucide-react';
import type { GenerationRequest } from '../../../../catalog/request.ts';
import { generationErrorMessage, type Generation, type GenerationImage } from '../../../api/types.ts';
import { useCatalogIndex, useConfiguredProviders } from '../../../api/get-catalog.ts';
import { toDesignerMessage } from '../../../lib/designer-text.ts';
import { showToast } from '../../../components/ui/toaster.tsx';
import { useDebouncedValue } from '../../../lib/use-debounced-value.ts';
import { isGenerationActive } from '../api/get-generation.ts';
import { generationKeys } from '../api/generation-keys.ts';
import { useGenerations } from '../api/get-generations.ts';
import { useGalleryStore } from '../stores/gallery-store.ts';
import { useSubmitGeneration } from '../hooks/use-submit-generation.ts';
import { useActiveGenerationUpdates } from '../hooks/use-active-generation-updates.ts';
import { useDeleteGeneration } from '../hooks/use-delete-generation.ts';
import { useTileActions } from '../hooks/use-tile-actions.ts';
import { buildGalleryTiles, type GalleryTile } from './gallery-tiles.ts';
import { arrangeByLineage, requestToRepeat } from './lineage-order.ts';

const Lightbox = lazy(() => import('./lightbox.tsx'));
const GalleryGrid = lazy(() => import('./gallery-grid.tsx'));

/** What the gallery asks of the app (the studio form lives in another feature). */
export interface GalleryProps {
  /** Puts a whole request (references included) back into the form. */
  onReuse: (request: GenerationRequest) => void;
  /** Puts a request's prompt into the form and focuses it (a failure card's Edit prompt). */
  onEditPrompt: (request: GenerationRequest) => void;
  /** Adds an image to the reference tray. */
  onUseAsReference: (image: GenerationImage, generation: Generation) => void;
  /** Edit mode on an image (its generation and 0-based index). */
  onEdit: (image: GenerationImage, generation: Generation, imageIndex: number) => void;
  /** Starts an experiment from a result's prompt and references ("Compare across models"). */
  onCompareAcrossModels?: (generation: Generation) => void;
  /** A generation in the gallery ended (succeeded, failed or canceled), however the news came; once per generation. */
  onGenerationEnded?: (generation: Generation) => void;
}

/** "Fold edits": each family of edits as one tile. */
function FoldEditsToggle() {
  const foldEdits = useGalleryStore((state) => state.foldEdits);
  const setFoldEdits = useGalleryStore((state) => state.setFoldEdits);
  return (
    <button
      type="button"
      aria-pressed={foldEdits}
      onClick={() => setFoldEdits(!foldEdits)}
      title="Show each image with its edits as one tile, the latest on top"
      className={`inline-flex h-8 items-center gap-1.5 rounded-md border px-2 text-[12px] focus-visible:outline-2 focus-visible:outline-accent ${
        foldEdits ? 'border-accent/60 bg-accent/10 text-accent' : 'border-line bg-raised text-zinc-300 hover:text-white'
      }`}
    >
      <Layers size={13} aria-hidden /> <span className="max-xl:sr-only">Fold edits</span>
    </button>
  );
}

/** The toolbar re-renders only when the count or loading state changes, not on every scroll frame. */
const GalleryToolbar = memo(function GalleryToolbar({ total, loading }: { total: number; loading: boolean }) {
  const filters = useGalleryStore((state) => state.filters);
  const setFilters = useGalleryStore((state) => state.setFilters);
  const catalog = useCatalogIndex();
  const [query, setQuery] = useState(filters.q);
  const debounced = useDebouncedValue(query, 300);
  useEffect(() => {
    if (debounced !== filters.q) setFilters({ q: debounced });
  }, [debounced, filters.q, setFilters]);
  const selectClass = 'h-8 rounded-md border border-line bg-raised px-2 text-[12.5px] text-zinc-200 focus-visible:outline-2 focus-visible:outline-accent';
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-line px-4 py-2.5 max-md:px-3">
      <h2 id="gallery-heading" className="mr-1 text-[13px] font-semibold text-zinc-100">
        Gallery
      </h2>
      <span className="text-[11.5px] tabular text-zinc-500" aria-live="polite">
        {loading ? (
          <Loader2 size={12} className="inline animate-spin" aria-label="Loading" />
        ) : (
          `${total.toLocaleString('en-US')} image${total === 1 ? '' : 's'}`
        )}
      </span>
      <div className="ml-auto flex min-w-0 flex-wrap items-center gap-2 max-md:ml-0 max-md:w-full">
        <FoldEditsToggle />
        <div className="relative max-md:min-w-0 max-md:flex-1">
          <Search size={13} className="pointer-events-none absolute left-2 top-1/2 -translate-y-1/2 text-zinc-500" aria-hidden />
          <label htmlFor="gallery-search" className="sr-only">
            Search history
          </label>
          <input
            id="gallery-search"
            type="search"
            value={query}
            placeholder="Search prompts"
            onChange={(event) => setQuery(event.target.value)}
            className={
              'h-8 w-44 rounded-md max-md:w-full xl:w-60 border border-line bg-raised pl-7 pr-2 text-[12.5px] ' +
              'text-zinc-100 placeholder:text-zinc-500 focus:border-accent/70 focus:outline-none'
            }
          />
        </div>
        <label htmlFor="gallery-model" className="sr-only">
          Made with
        </label>
        <select id="gallery-model" value={filters.model} onChange={(event) => setFilters({ model: event.target.value })} className={selectClass}>
          <option value="">All models</option>
          {catalog.catalog.models.map((model) => (
            <option key={model.id} value={model.id}>
              {model.name}
            </option>
          ))}
        </select>
        <label htmlFor="gallery-provider" className="sr-only">
          Made via
        </label>
        <select id="gallery-provider" value={filters.provider} onChange={(event) => setFilters({ provider: event.target.value })} className={selectClass}>
          <option value="">All providers</option>
          {catalog.catalog.providers.map((provider) => (
            <option key={provider.id} value={provider.id}>
              {provider.name}
            </option>
          ))}
        </select>
        {(filters.q || filters.model || filters.provider) && (
          <button
            type="button"
            onClick={() => {
              setQuery('');
              setFilters({ q: '', model: '', provider: '' });
            }}
            className={
              'inline-flex h-8 items-center gap-1 rounded-md px-2 text-[12px] text-zinc-400 ' +
              'hover:bg-zinc-800 hover:text-zinc-100 focus-visible:outline-2 focus-visible:outline-accent'
            }
          >
            <X size={12} aria-hidden /> Clear filters
          </button>
        )}
      </div>
    </div>
  );
});

function EmptyGallery({ filtered }: { filtered: boolean }) {
  return (
    <div className="flex h-full flex-col items-center justify-center gap-3 px-8 text-center">
      <div className="flex h-12 w-12 items-center justify-center rounded-xl border border-line bg-raised text-zinc-500">
        <ImageIcon size={22} aria-hidden />
      </div>
      <p className="text-[14px] font-medium text-zinc-200">{filtered ? 'No generations match these filters' : 'Your generations will appear here'}</p>
      <p className="max-w-sm text-[12.5px] leading-relaxed text-zinc-500">
        {filtered
          ? 'Try another search or clear the filters.'
          : 'Write a prompt, add reference images if you like, check the estimate and press Generate. The Local preview provider works offline at no cost.'}
      </p>
    </div>
  );
}

/**
 * The gallery: newest first, in justified rows (gallery-grid.tsx, virtualised so 10,000 generations stay smooth),
 * with pending and failure cards, filters, prompt search on the server, and the lightbox. This file is the layout
 * (toolbar, states, lightbox); the grid with its roving focus loads as its own chunk once there is a tile, and the
 * cards' changes to the history are mutation hooks (hooks/use-tile-actions.ts).
 */
export function Gallery({ onReuse, onEditPrompt, onUseAsReference, onEdit, onCompareAcrossModels, onGenerationEnded }: GalleryProps) {
  const filters = useGalleryStore((state) => state.filters);
  const submissions = useGalleryStore((state) => state.submissions);
  const hiddenIds = useGalleryStore((state) => state.hiddenIds);
  const openImageKey = useGalleryStore((state) => state.openImageKey);
  const openImage = useGalleryStore((state) => state.openImage);
  const query = useGenerations(filters);
  const queryClient = useQueryClient();
  const submit = useSubmitGeneration();
  const deleteWithUndo = useDeleteGeneration();
  const { onRetry, onCancel, onDismiss } = useTileActions();

  const generations = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  // The server's true count over all pages (kept in step as results arrive and generations are deleted).
  const totalImages = query.data?.pages[0]?.totalImages ?? 0;
  const active = useMemo(() => generations.filter(isGenerationActive), [generations]);
  // One polite announcement per finished generation (the pending cards themselves stay quiet).
  const [announcement, setAnnouncement] = useState('');
  useActiveGenerationUpdates(active, (generation) => {
    const count = generation.images.length;
    setAnnouncement(
      generation.status === 'succeeded'
        ? `${count} image${count === 1 ? '' : 's'} ready: ${generation.request.prompt.slice(0, 80)}`
        : `Generation failed: ${toDesignerMessage(generationErrorMessage(generation)).text}`,
    );
    // A finished edit changes its family's lineage strip.
    if (generation.parent) void queryClient.invalidateQueries({ queryKey: generationKeys.families() });
    onGenerationEnded?.(generation);
  });
  const foldEdits = useGalleryStore((state) => state.foldEdits);
  // Edits sit beside what they edit; folded, a family is one tile (lineage-order.ts).
  const arranged = useMemo(() => arrangeByLineage(generations, foldEdits), [generations, foldEdits]);
  const tiles = useMemo(
    () =>
      buildGalleryTiles(
        submissions,
        arranged.map((entry) => entry.generation),
        new Set(hiddenIds),
        new Map(arranged.map((entry) => [entry.generation.id, entry.foldedEdits])),
      ),
    [submissions, arranged, hiddenIds],
  );
  const onEditTile = useCallback(
    (tile: GalleryTile) => {
      if (tile.kind === 'image') onEdit(tile.image, tile.generation, tile.imageIndex);
    },
    [onEdit],
  );
  const imageTiles = useMemo(() => tiles.filter((tile): tile is Extract<GalleryTile, { kind: 'image' }> => tile.kind === 'image'), [tiles]);

  // State, not a ref: the grid may mount in the same commit as this element, before a ref would be attached.
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const onNearEnd = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const onEditTilePrompt = useCallback(
    (tile: GalleryTile) => {
      const source = tile.kind === 'image' ? tile.generation : (tile.generation ?? tile.submission);
      if (source) onEditPrompt(source.request);
    },
    [onEditPrompt],
  );
  const onReuseTile = useCallback(
    (tile: GalleryTile) => {
      const source = tile.kind === 'image' ? tile.generation : (tile.generation ?? tile.submission);
      if (source) onReuse(source.request);
    },
    [onReuse],
  );
  const { configured } = useConfiguredProviders();

  const filtered = Boolean(filters.q || filters.model || filters.provider);
  const openIndex = openImageKey ? imageTiles.findIndex((tile) => tile.key === openImageKey) : -1;

  return (
    <section aria-labelledby="gallery-heading" className="flex h-full min-h-0 flex-col">
      <GalleryToolbar total={Math.max(imageTiles.length, totalImages)} loading={query.isLoading} />
      <p role="status" className="sr-only">
        {announcement}
      </p>
      <div
        ref={setScrollElement}
        id="gallery"
        tabIndex={-1}
        className="relative min-h-0 flex-1 overflow-y-auto focus:outline-none"
        data-testid="gallery-scroll"
      >
        {query.isError && (
          <div role="alert" className="m-4 rounded-md border border-red-500/40 bg-red-500/10 px-3 py-2 text-[12.5px] text-red-200">
            The history could not be loaded: {query.error.message}{' '}
            <button type="button" className="underline" onClick={() => void query.refetch()}>
              Try again
            </button>
          </div>
        )}
        {!query.isLoading && tiles.length === 0 && !query.isError && <EmptyGallery filtered={filtered} />}
        {tiles.length > 0 && (
          <Suspense fallback={<Loader2 size={16} className="mx-auto my-6 animate-spin text-zinc-500" aria-label="Loading the gallery" />}>
            <GalleryGrid
              scrollElement={scrollElement}
              tiles={tiles}
              onNearEnd={onNearEnd}
              onOpen={openImage}
              onRetry={onRetry}
              onCancel={onCancel}
              onDismiss={onDismiss}
              onEditPrompt={onEditTilePrompt}
              onReuse={onReuseTile}
              onEdit={onEditTile}
              onCompareAcrossModels={onCompareAcrossModels}
            />
          </Suspense>
        )}
        {isFetchingNextPage && (
          <div className="flex justify-center py-3 text-zinc-500">
            <Loader2 size={16} className="animate-spin" aria-label="Loading more" />
          </div>
        )}
      </div>
      {openIndex >= 0 && (
        <Suspense fallback={null}>
          <Lightbox
            tiles={imageTiles}
            index={openIndex}
            onNavigate={(index) => {
              const target = imageTiles[index];
              if (target) openImage(target.key);
            }}
            onClose={() => openImage(null)}
            onReuse={(generation) => onReuse(generation.request)}
            onUseAsReference={onUseAsReference}
            canRunAgain={(generation) => configured.has(generation.request.provider)}
            onEdit={(image, generation, imageIndex) => {
              openImage(null);
              onEdit(image, generation, imageIndex);
            }}
            {...(onCompareAcrossModels ? { onCompareAcrossModels } : {})}
            onRunAgain={(generation, image) => {
              void submit({ ...requestToRepeat(generation), numberResults: 1, ...(image.seed !== null ? { seed: image.seed } : {}) });
              showToast(image.seed !== null ? `Running again with seed ${image.seed}.` : 'Running again (the provider reported no seed).');
            }}
            onDelete={(generation) => {
              openImage(null);
              deleteWithUndo(generation.id, 'the generation');
            }}
          />
        </Suspense>
      )}
    </section>
  );
}
