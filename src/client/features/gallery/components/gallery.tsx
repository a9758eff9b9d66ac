import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useQueryClient } from '@tanstack/react-query';
import { ImageIcon, Loader2, Search, X } from 'lucide-react';
import { MODELS, PROVIDERS } from '../../../../catalog/catalog.ts';
import type { Generation, GenerationImage } from '../../../api/types.ts';
import { showToast } from '../../../components/ui/toaster.tsx';
import { useDebouncedValue } from '../../../lib/use-debounced-value.ts';
import { useNow } from '../../../lib/use-now.ts';
import { cancelGeneration } from '../api/cancel-generation.ts';
import { isGenerationActive } from '../api/get-generation.ts';
import { removeGenerationFromLists, updateGenerationInLists, useGenerations } from '../api/get-generations.ts';
import { deleteGeneration } from '../api/delete-generation.ts';
import { useGalleryStore } from '../stores/gallery-store.ts';
import { useSubmitGeneration } from '../hooks/use-submit-generation.ts';
import { useActiveGenerationPolling } from '../hooks/use-active-generation-polling.ts';
import { useDeleteGeneration } from '../hooks/use-delete-generation.ts';
import { buildGalleryTiles, layoutGalleryRows, type GalleryTile } from './gallery-tiles.ts';
import { GalleryTileView } from './gallery-tile.tsx';

const Lightbox = lazy(() => import('./lightbox.tsx'));

const GAP = 8;
const PADDING = 16;

export interface GalleryProps {
  /** Puts a generation's whole request (references included) back into the form. */
  onReuse: (generation: Generation) => void;
  /** Adds an image to the reference tray. */
  onUseAsReference: (image: GenerationImage, generation: Generation) => void;
}

function GalleryToolbar({ total, loading, more }: { total: number; loading: boolean; more: boolean }) {
  const filters = useGalleryStore((state) => state.filters);
  const setFilters = useGalleryStore((state) => state.setFilters);
  const [query, setQuery] = useState(filters.q);
  const debounced = useDebouncedValue(query, 300);
  useEffect(() => { if (debounced !== filters.q) setFilters({ q: debounced }); }, [debounced, filters.q, setFilters]);
  const selectClass = 'h-8 rounded-md border border-line bg-raised px-2 text-[12.5px] text-zinc-200 focus-visible:outline-2 focus-visible:outline-accent';
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-line px-4 py-2.5">
      <h2 id="gallery-heading" className="mr-1 text-[13px] font-semibold text-zinc-100">Gallery</h2>
      <span className="text-[11.5px] tabular text-zinc-500" aria-live="polite">
        {loading ? <Loader2 size={12} className="inline animate-spin" aria-label="Loading" /> : `${total.toLocaleString('en-US')}${more ? '+' : ''} image${total === 1 && !more ? '' : 's'}`}
      </span>
      <div className="ml-auto flex min-w-0 flex-wrap items-center gap-2">
        <div className="relative">
          <Search size={13} className="pointer-events-none absolute left-2 top-1/2 -translate-y-1/2 text-zinc-500" aria-hidden />
          <label htmlFor="gallery-search" className="sr-only">Search history</label>
          <input
            id="gallery-search"
            type="search"
            value={query}
            placeholder="Search prompts"
            onChange={(event) => setQuery(event.target.value)}
            className="h-8 w-44 rounded-md xl:w-60 border border-line bg-raised pl-7 pr-2 text-[12.5px] text-zinc-100 placeholder:text-zinc-500 focus:border-accent/70 focus:outline-none"
          />
        </div>
        <label htmlFor="gallery-model" className="sr-only">Filter by model</label>
        <select id="gallery-model" value={filters.model} onChange={(event) => setFilters({ model: event.target.value })} className={selectClass}>
          <option value="">All models</option>
          {MODELS.map((model) => <option key={model.id} value={model.id}>{model.name}</option>)}
        </select>
        <label htmlFor="gallery-provider" className="sr-only">Filter by provider</label>
        <select id="gallery-provider" value={filters.provider} onChange={(event) => setFilters({ provider: event.target.value })} className={selectClass}>
          <option value="">All providers</option>
          {PROVIDERS.map((provider) => <option key={provider.id} value={provider.id}>{provider.name}</option>)}
        </select>
        {(filters.q || filters.model || filters.provider) && (
          <button
            type="button"
            onClick={() => { setQuery(''); setFilters({ q: '', model: '', provider: '' }); }}
            className="inline-flex h-8 items-center gap-1 rounded-md px-2 text-[12px] text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100 focus-visible:outline-2 focus-visible:outline-accent"
          >
            <X size={12} aria-hidden /> Clear filters
          </button>
        )}
      </div>
    </div>
  );
}

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
 * The gallery: newest first, virtualised in rows of square thumbnails
 * (@tanstack/react-virtual) so 10,000 generations stay smooth, with pending
 * and failure cards, filters, prompt search on the server, and the lightbox.
 */
export function Gallery({ onReuse, onUseAsReference }: GalleryProps) {
  const filters = useGalleryStore((state) => state.filters);
  const submissions = useGalleryStore((state) => state.submissions);
  const hiddenIds = useGalleryStore((state) => state.hiddenIds);
  const openImageKey = useGalleryStore((state) => state.openImageKey);
  const openImage = useGalleryStore((state) => state.openImage);
  const removeSubmission = useGalleryStore((state) => state.removeSubmission);
  const query = useGenerations(filters);
  const queryClient = useQueryClient();
  const submit = useSubmitGeneration();
  const deleteWithUndo = useDeleteGeneration();

  const generations = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const active = useMemo(() => generations.filter(isGenerationActive), [generations]);
  useActiveGenerationPolling(active);
  const tiles = useMemo(() => buildGalleryTiles(submissions, generations, new Set(hiddenIds)), [submissions, generations, hiddenIds]);
  const imageTiles = useMemo(() => tiles.filter((tile): tile is Extract<GalleryTile, { kind: 'image' }> => tile.kind === 'image'), [tiles]);
  const now = useNow(1000, tiles.some((tile) => tile.kind === 'pending'));

  const scrollRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const inner = Math.max(0, width - PADDING * 2);
  const targetHeight = Math.round(Math.min(260, Math.max(170, inner / 5)));
  const rows = useMemo(() => layoutGalleryRows(tiles, inner, targetHeight, GAP), [tiles, inner, targetHeight]);
  const rowCount = rows.length;

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (rows[index]?.height ?? targetHeight) + GAP,
    overscan: 3,
    paddingStart: PADDING,
    paddingEnd: PADDING,
  });
  useEffect(() => { virtualizer.measure(); }, [rows, virtualizer]);

  const virtualRows = virtualizer.getVirtualItems();
  const lastRow = virtualRows[virtualRows.length - 1]?.index ?? -1;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    if (lastRow >= rowCount - 3 && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [lastRow, rowCount, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const onRetry = useCallback((tile: GalleryTile) => {
    if (tile.kind === 'image') return;
    const source = tile.generation ?? tile.submission;
    if (!source) return;
    if (tile.submission) {
      removeSubmission(tile.submission.localId);
      void submit(source.request);
      return;
    }
    // A failed server generation is replaced by its retry: hidden now, deleted once the retry is accepted.
    const failed = tile.generation!;
    const { hide, unhide } = useGalleryStore.getState();
    hide(failed.id);
    void submit(source.request).then(async (accepted) => {
      if (!accepted) { unhide(failed.id); return; }
      try {
        await deleteGeneration(failed.id);
        removeGenerationFromLists(queryClient, failed.id);
      } finally {
        unhide(failed.id);
      }
    });
  }, [submit, removeSubmission, queryClient]);

  const onCancel = useCallback(async (id: string) => {
    try {
      const generation = await cancelGeneration(id);
      if (generation) updateGenerationInLists(queryClient, generation);
    } catch (error) {
      showToast(`Could not cancel: ${error instanceof Error ? error.message : 'unknown error'}`, { tone: 'error' });
    }
  }, [queryClient]);

  const onDismiss = useCallback((tile: GalleryTile) => {
    if (tile.kind === 'image') return;
    if (tile.submission) removeSubmission(tile.submission.localId);
    else if (tile.generation) deleteWithUndo(tile.generation.id, 'the failed generation');
  }, [removeSubmission, deleteWithUndo]);

  const filtered = Boolean(filters.q || filters.model || filters.provider);
  const openIndex = openImageKey ? imageTiles.findIndex((tile) => tile.key === openImageKey) : -1;

  return (
    <section aria-labelledby="gallery-heading" className="flex h-full min-h-0 flex-col">
      <GalleryToolbar total={imageTiles.length} loading={query.isLoading} more={Boolean(query.hasNextPage)} />
      <div ref={scrollRef} id="gallery" tabIndex={-1} className="relative min-h-0 flex-1 overflow-y-auto focus:outline-none" data-testid="gallery-scroll">
        {query.isError && (
          <div role="alert" className="m-4 rounded-md border border-red-500/40 bg-red-500/10 px-3 py-2 text-[12.5px] text-red-200">
            The history could not be loaded: {query.error.message}{' '}
            <button type="button" className="underline" onClick={() => void query.refetch()}>Try again</button>
          </div>
        )}
        {!query.isLoading && tiles.length === 0 && !query.isError && <EmptyGallery filtered={filtered} />}
        {tiles.length > 0 && width > 0 && (
          <div role="list" aria-label="Generations, newest first" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualRows.map((row) => (
              <div
                key={row.key}
                role="listitem"
                aria-setsize={rowCount}
                aria-posinset={row.index + 1}
                className="absolute left-0 flex"
                style={{ top: 0, transform: `translateY(${row.start}px)`, gap: GAP, paddingLeft: PADDING, paddingRight: PADDING, width: '100%' }}
              >
                {rows[row.index]!.tiles.map(({ tile, width: tileWidth }) => (
                  <GalleryTileView key={tile.key} tile={tile} width={tileWidth} height={rows[row.index]!.height} now={now} onOpen={openImage} onRetry={onRetry} onCancel={onCancel} onDismiss={onDismiss} />
                ))}
              </div>
            ))}
          </div>
        )}
        {isFetchingNextPage && (
          <div className="flex justify-center py-3 text-zinc-500"><Loader2 size={16} className="animate-spin" aria-label="Loading more" /></div>
        )}
      </div>
      {openIndex >= 0 && (
        <Suspense fallback={null}>
          <Lightbox
            tiles={imageTiles}
            index={openIndex}
            onNavigate={(index) => openImage(imageTiles[index]!.key)}
            onClose={() => openImage(null)}
            onReuse={onReuse}
            onUseAsReference={onUseAsReference}
            onRunAgain={(generation, image) => {
              void submit({ ...generation.request, numberResults: 1, ...(image.seed !== null ? { seed: image.seed } : {}) });
              showToast(image.seed !== null ? `Running again with seed ${image.seed}.` : 'Running again (the provider reported no seed).');
            }}
            onDelete={(generation) => { openImage(null); deleteWithUndo(generation.id, 'the generation'); }}
          />
        </Suspense>
      )}
    </section>
  );
}
