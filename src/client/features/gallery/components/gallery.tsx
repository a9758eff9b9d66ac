import { lazy, memo, Suspense, useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useQueryClient } from '@tanstack/react-query';
import { ImageIcon, Layers, Loader2, Search, X } from 'lucide-react';
import { MODELS, PROVIDERS } from '../../../../catalog/catalog.ts';
import type { GenerationRequest } from '../../../../catalog/request.ts';
import { generationErrorMessage, type Generation, type GenerationImage } from '../../../api/types.ts';
import { useConfiguredProviders } from '../../../api/get-catalog.ts';
import { toDesignerMessage } from '../../../lib/designer-text.ts';
import { showToast } from '../../../components/ui/toaster.tsx';
import { useDebouncedValue } from '../../../lib/use-debounced-value.ts';
import { useNow } from '../../../lib/use-now.ts';
import { cancelGeneration } from '../api/cancel-generation.ts';
import { isGenerationActive } from '../api/get-generation.ts';
import { removeGenerationFromLists, updateGenerationInLists, useGenerations } from '../api/get-generations.ts';
import { deleteGeneration } from '../api/delete-generation.ts';
import { useGalleryStore } from '../stores/gallery-store.ts';
import { useSubmitGeneration } from '../hooks/use-submit-generation.ts';
import { useActiveGenerationUpdates } from '../hooks/use-active-generation-updates.ts';
import { useDeleteGeneration } from '../hooks/use-delete-generation.ts';
import { useThumbnailPreload } from '../hooks/use-thumbnail-preload.ts';
import { buildGalleryTiles, layoutGalleryRows, type GalleryTile } from './gallery-tiles.ts';
import { GalleryTileView } from './gallery-tile.tsx';
import { arrangeByLineage, requestToRepeat } from './lineage-order.ts';

const Lightbox = lazy(() => import('./lightbox.tsx'));

const GAP = 8;
const PADDING = 16;

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
  const [query, setQuery] = useState(filters.q);
  const debounced = useDebouncedValue(query, 300);
  useEffect(() => { if (debounced !== filters.q) setFilters({ q: debounced }); }, [debounced, filters.q, setFilters]);
  const selectClass = 'h-8 rounded-md border border-line bg-raised px-2 text-[12.5px] text-zinc-200 focus-visible:outline-2 focus-visible:outline-accent';
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-line px-4 py-2.5 max-md:px-3">
      <h2 id="gallery-heading" className="mr-1 text-[13px] font-semibold text-zinc-100">Gallery</h2>
      <span className="text-[11.5px] tabular text-zinc-500" aria-live="polite">
        {loading ? <Loader2 size={12} className="inline animate-spin" aria-label="Loading" /> : `${total.toLocaleString('en-US')} image${total === 1 ? '' : 's'}`}
      </span>
      <div className="ml-auto flex min-w-0 flex-wrap items-center gap-2 max-md:ml-0 max-md:w-full">
        <FoldEditsToggle />
        <div className="relative max-md:min-w-0 max-md:flex-1">
          <Search size={13} className="pointer-events-none absolute left-2 top-1/2 -translate-y-1/2 text-zinc-500" aria-hidden />
          <label htmlFor="gallery-search" className="sr-only">Search history</label>
          <input
            id="gallery-search"
            type="search"
            value={query}
            placeholder="Search prompts"
            onChange={(event) => setQuery(event.target.value)}
            className="h-8 w-44 rounded-md max-md:w-full xl:w-60 border border-line bg-raised pl-7 pr-2 text-[12.5px] text-zinc-100 placeholder:text-zinc-500 focus:border-accent/70 focus:outline-none"
          />
        </div>
        <label htmlFor="gallery-model" className="sr-only">Made with</label>
        <select id="gallery-model" value={filters.model} onChange={(event) => setFilters({ model: event.target.value })} className={selectClass}>
          <option value="">All models</option>
          {MODELS.map((model) => <option key={model.id} value={model.id}>{model.name}</option>)}
        </select>
        <label htmlFor="gallery-provider" className="sr-only">Made via</label>
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
 * The gallery: newest first, virtualised in rows of square thumbnails
 * (@tanstack/react-virtual) so 10,000 generations stay smooth, with pending
 * and failure cards, filters, prompt search on the server, and the lightbox.
 */
export function Gallery({ onReuse, onEditPrompt, onUseAsReference, onEdit, onCompareAcrossModels }: GalleryProps) {
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
    if (generation.parent) void queryClient.invalidateQueries({ queryKey: ['family'] });
  });
  const foldEdits = useGalleryStore((state) => state.foldEdits);
  // Edits sit beside what they edit; folded, a family is one tile (lineage-order.ts).
  const arranged = useMemo(() => arrangeByLineage(generations, foldEdits), [generations, foldEdits]);
  const tiles = useMemo(
    () => buildGalleryTiles(submissions, arranged.map((entry) => entry.generation), new Set(hiddenIds), new Map(arranged.map((entry) => [entry.generation.id, entry.foldedEdits]))),
    [submissions, arranged, hiddenIds],
  );
  const onEditTile = useCallback((tile: GalleryTile) => {
    if (tile.kind === 'image') onEdit(tile.image, tile.generation, tile.imageIndex);
  }, [onEdit]);
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
  const targetHeight = Math.round(Math.min(260, Math.max(160, inner / 5)));
  // A new page of history is laid out in a transition: React renders it in slices between frames, so scrolling never waits.
  const deferredTiles = useDeferredValue(tiles);
  // On a phone no tile is narrower than 150 px (rows of one or two); wider grids keep the justified rows as they come.
  const rows = useMemo(
    () => layoutGalleryRows(deferredTiles, inner, targetHeight, GAP, { minTileWidth: inner < 600 ? 150 : 0 }),
    [deferredTiles, inner, targetHeight],
  );
  const rowCount = rows.length;

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (rows[index]?.height ?? targetHeight) + GAP,
    // Rows (and their thumbnails) are made about two screens ahead, so fast scrolling meets loaded tiles.
    overscan: 8,
    paddingStart: PADDING,
    paddingEnd: PADDING,
  });
  useEffect(() => { virtualizer.measure(); }, [rows, virtualizer]);

  const virtualRows = virtualizer.getVirtualItems();
  const lastRow = virtualRows[virtualRows.length - 1]?.index ?? -1;
  useThumbnailPreload(rows, virtualRows[0]?.index ?? -1, lastRow);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    // The next page is asked for well ahead (about 16 rows before the end), so a flick does not hit the bottom.
    if (lastRow >= rowCount - 16 && hasNextPage && !isFetchingNextPage) void fetchNextPage();
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
    void submit(requestToRepeat(failed)).then(async (accepted) => {
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

  const onEditTilePrompt = useCallback((tile: GalleryTile) => {
    const source = tile.kind === 'image' ? tile.generation : tile.generation ?? tile.submission;
    if (source) onEditPrompt(source.request);
  }, [onEditPrompt]);
  const onReuseTile = useCallback((tile: GalleryTile) => {
    const source = tile.kind === 'image' ? tile.generation : tile.generation ?? tile.submission;
    if (source) onReuse(source.request);
  }, [onReuse]);
  const { configured } = useConfiguredProviders();

  const onDismiss = useCallback((tile: GalleryTile) => {
    if (tile.kind === 'image') return;
    if (tile.submission) removeSubmission(tile.submission.localId);
    else if (tile.generation) deleteWithUndo(tile.generation.id, 'the failed generation');
  }, [removeSubmission, deleteWithUndo]);

  // Roving focus over the image tiles: one Tab stop, arrow keys move, Home/End jump.
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const renderedImageKeys = virtualRows.flatMap((row) => rows[row.index]?.tiles.filter(({ tile }) => tile.kind === 'image').map(({ tile }) => tile.key) ?? []);
  const tabStopKey = activeKey && renderedImageKeys.includes(activeKey) ? activeKey : renderedImageKeys[0] ?? null;

  function focusTile(key: string) {
    setActiveKey(key);
    const rowIndex = rows.findIndex((row) => row.tiles.some(({ tile }) => tile.key === key));
    if (rowIndex >= 0) virtualizer.scrollToIndex(rowIndex, { align: 'auto' });
    const focus = (attempt: number) => {
      const element = document.querySelector<HTMLElement>(`[data-tile-key="${CSS.escape(key)}"]`);
      if (element) element.focus();
      else if (attempt < 5) requestAnimationFrame(() => focus(attempt + 1));
    };
    requestAnimationFrame(() => focus(0));
  }

  function onGridKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const current = (event.target as HTMLElement).closest<HTMLElement>('[data-gallery-tile="image"]')?.dataset.tileKey;
    if (!current) return;
    const index = imageTiles.findIndex((tile) => tile.key === current);
    let target: string | undefined;
    if (event.key === 'ArrowRight') target = imageTiles[index + 1]?.key;
    else if (event.key === 'ArrowLeft') target = imageTiles[index - 1]?.key;
    else if (event.key === 'Home') target = imageTiles[0]?.key;
    else if (event.key === 'End') target = imageTiles[imageTiles.length - 1]?.key;
    else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const rowIndex = rows.findIndex((row) => row.tiles.some(({ tile }) => tile.key === current));
      const row = rows[rowIndex]!;
      let left = 0;
      let center = 0;
      for (const { tile, width: tileWidth } of row.tiles) {
        if (tile.key === current) { center = left + tileWidth / 2; break; }
        left += tileWidth + GAP;
      }
      for (let next = rowIndex + step; next >= 0 && next < rows.length && !target; next += step) {
        let position = 0;
        let best: { key: string; distance: number } | null = null;
        for (const { tile, width: tileWidth } of rows[next]!.tiles) {
          const distance = Math.abs(position + tileWidth / 2 - center);
          if (tile.kind === 'image' && (!best || distance < best.distance)) best = { key: tile.key, distance };
          position += tileWidth + GAP;
        }
        target = best?.key;
      }
    } else return;
    event.preventDefault();
    if (target) focusTile(target);
  }

  const filtered = Boolean(filters.q || filters.model || filters.provider);
  const openIndex = openImageKey ? imageTiles.findIndex((tile) => tile.key === openImageKey) : -1;

  return (
    <section aria-labelledby="gallery-heading" className="flex h-full min-h-0 flex-col">
      <GalleryToolbar total={Math.max(imageTiles.length, totalImages)} loading={query.isLoading} />
      <p role="status" className="sr-only">{announcement}</p>
      <div ref={scrollRef} id="gallery" tabIndex={-1} className="relative min-h-0 flex-1 overflow-y-auto focus:outline-none" data-testid="gallery-scroll">
        {query.isError && (
          <div role="alert" className="m-4 rounded-md border border-red-500/40 bg-red-500/10 px-3 py-2 text-[12.5px] text-red-200">
            The history could not be loaded: {query.error.message}{' '}
            <button type="button" className="underline" onClick={() => void query.refetch()}>Try again</button>
          </div>
        )}
        {!query.isLoading && tiles.length === 0 && !query.isError && <EmptyGallery filtered={filtered} />}
        {tiles.length > 0 && width > 0 && (
          <div role="list" aria-label="Generations, newest first" aria-describedby="gallery-keys" onKeyDown={onGridKeyDown} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            <span id="gallery-keys" className="sr-only">
              Arrow keys move between images, Enter opens one, Home and End jump to the first and last; the menu key offers Compare across models.
            </span>
            {virtualRows.map((row) => (
              <div
                key={row.key}
                role="listitem"
                aria-setsize={rowCount}
                aria-posinset={row.index + 1}
                className="gallery-row absolute left-0 flex"
                style={{ top: 0, transform: `translateY(${row.start}px)`, gap: GAP, paddingLeft: PADDING, paddingRight: PADDING, width: '100%', height: rows[row.index]!.height }}
              >
                {rows[row.index]!.tiles.map(({ tile, width: tileWidth }) => (
                  <GalleryTileView
                    key={tile.key}
                    tile={tile}
                    width={tileWidth}
                    height={rows[row.index]!.height}
                    now={tile.kind === 'pending' ? now : 0}
                    onOpen={openImage}
                    onRetry={onRetry}
                    onCancel={onCancel}
                    onDismiss={onDismiss}
                    onEditPrompt={onEditTilePrompt}
                    onReuse={onReuseTile}
                    tabIndex={tile.kind === 'image' ? (tile.key === tabStopKey ? 0 : -1) : undefined}
                    onFocusTile={setActiveKey}
                    onEdit={onEditTile}
                    onCompareAcrossModels={onCompareAcrossModels}
                  />
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
            onReuse={(generation) => onReuse(generation.request)}
            onUseAsReference={onUseAsReference}
            canRunAgain={(generation) => configured.has(generation.request.provider)}
            onEdit={(image, generation, imageIndex) => { openImage(null); onEdit(image, generation, imageIndex); }}
            {...(onCompareAcrossModels ? { onCompareAcrossModels } : {})}
            onRunAgain={(generation, image) => {
              void submit({ ...requestToRepeat(generation), numberResults: 1, ...(image.seed !== null ? { seed: image.seed } : {}) });
              showToast(image.seed !== null ? `Running again with seed ${image.seed}.` : 'Running again (the provider reported no seed).');
            }}
            onDelete={(generation) => { openImage(null); deleteWithUndo(generation.id, 'the generation'); }}
          />
        </Suspense>
      )}
    </section>
  );
}
