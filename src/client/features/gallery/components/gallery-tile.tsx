import { lazy, memo, Suspense, useState } from 'react';
import clsx from 'clsx';
import { AlertTriangle, Layers, Loader2, PencilLine, RotateCw, SlidersHorizontal, Trash2, X } from 'lucide-react';
import { modelName as nameOfModel, providerName as nameOfProvider } from '../../../lib/catalog-names.ts';
import { generationErrorMessage, type Generation } from '../../../api/types.ts';
import { formatElapsed } from '../../../lib/format.ts';
import { toDesignerMessage } from '../../../lib/designer-text.ts';
import { GALLERY_IMAGE_DRAG_TYPE } from '../../../lib/drag-types.ts';
import { naturalAspect, type GalleryTile } from './gallery-tiles.ts';

/*
 * The tile's menus (Radix ContextMenu and DropdownMenu, about 15 KB gzipped) load with the first image tile,
 * not with the studio: the empty studio never fetches them. Until then the tile works without its menus.
 */
const loadTileActionsMenu = () => import('./tile-actions-menu.tsx');
const loadCompareContextMenu = () => import('./compare-context-menu.tsx');
const TileActionsMenu = lazy(loadTileActionsMenu);
const CompareContextMenu = lazy(loadCompareContextMenu);
// This module itself loads with the gallery grid (when there is a tile): start the menus now, so that the first image
// tile is rarely drawn without them (swapping the fallback for the context menu remounts the tile's button).
void loadTileActionsMenu();
void loadCompareContextMenu();

function offeringName(provider: string, model: string): string {
  const providerName = nameOfProvider(provider);
  const modelName = nameOfModel(model);
  return `${modelName} · ${providerName}`;
}

/** A thumbnail that shimmers until it has loaded (the server makes thumbnails on first request). */
function ThumbnailImage({ src, alt, whole }: { src: string; alt: string; whole: boolean }) {
  // The shimmer is the tile's own background (no state, no re-render when the image arrives).
  return (
    <img
      src={src}
      alt={alt}
      decoding="async"
      draggable={false}
      {...{ elementtiming: 'gallery-thumbnail' }}
      className={clsx('relative h-full w-full', whole ? 'object-contain' : 'object-cover')}
    />
  );
}

interface TileProps {
  tile: GalleryTile;
  /** px */
  width: number;
  height: number;
  now: number;
  onOpen: (key: string) => void;
  onRetry: (tile: GalleryTile) => void;
  onCancel: (id: string) => void;
  onDismiss: (tile: GalleryTile) => void;
  /** Puts the failed request's prompt in the form to change it. */
  onEditPrompt: (tile: GalleryTile) => void;
  /** Puts the failed request's settings (references included) in the form. */
  onReuse: (tile: GalleryTile) => void;
  /** "Compare across models" in the image tile's context menu (right click, or the menu key); omitted, no menu. */
  onCompareAcrossModels?: ((generation: Generation) => void) | undefined;
  /** Roving focus: 0 for the one image tile reached by Tab, -1 for the others (arrow keys move between them). */
  tabIndex?: number;
  onFocusTile?: (key: string) => void;
  /** "Edit" in the tile's menu: edit mode on this image. */
  onEdit?: (tile: GalleryTile) => void;
}

/**
 * One gallery cell: a thumbnail (the whole image, letterboxed, when the tile
 * cannot take its ratio) with its actions menu, a pending card with elapsed
 * time and Cancel, or a failure card with the whole message and Edit prompt,
 * Reuse settings, Retry.
 */
export const GalleryTileView = memo(function GalleryTileView({
  tile,
  width,
  height,
  now,
  onOpen,
  onRetry,
  onCancel,
  onDismiss,
  onEditPrompt,
  onReuse,
  tabIndex,
  onFocusTile,
  onEdit,
  onCompareAcrossModels,
}: TileProps) {
  const style = { width, height };
  if (tile.kind === 'image') {
    const { generation, image } = tile;
    const { request } = generation;
    const whole = Math.abs(width / height / naturalAspect(tile) - 1) > 0.02;
    const folded = tile.foldedEdits ?? 0;
    const button = (
      <button
        type="button"
        data-gallery-tile="image"
        data-tile-key={tile.key}
        tabIndex={tabIndex}
        onFocus={() => onFocusTile?.(tile.key)}
        style={style}
        onClick={() => onOpen(tile.key)}
        draggable
        onDragStart={(event) => {
          event.dataTransfer.setData(
            GALLERY_IMAGE_DRAG_TYPE,
            JSON.stringify({ url: image.url, name: `generation-${generation.id.slice(0, 8)}-${tile.imageIndex + 1}` }),
          );
          event.dataTransfer.setData('text/uri-list', new URL(image.url, location.href).href);
          event.dataTransfer.effectAllowed = 'copy';
        }}
        data-whole-image={whole || undefined}
        className={
          'gallery-tile group relative shrink-0 overflow-hidden rounded-md ' +
          'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent'
        }
      >
        <ThumbnailImage src={image.thumbnailUrl} alt={request.prompt} whole={whole} />
        <span
          aria-hidden
          className={
            'pointer-events-none absolute inset-x-0 bottom-0 bg-gradient-to-t from-black via-black/85 to-transparent px-2 ' +
            'pb-1.5 pt-8 text-left opacity-0 transition-opacity group-hover:opacity-100 group-focus-visible:opacity-100'
          }
        >
          <span className="line-clamp-2 text-[11.5px] leading-snug text-zinc-100">{request.prompt}</span>
          <span className="mt-0.5 block text-[10.5px] tabular text-zinc-400">
            {offeringName(request.provider, request.model)} · {image.width}×{image.height}
          </span>
        </span>
        {generation.parent && folded === 0 && (
          <span
            className={
              'absolute bottom-1.5 right-1.5 flex items-center gap-1 rounded bg-black/75 px-1.5 ' +
              'py-0.5 text-[10.5px] font-medium text-accent transition-opacity group-hover:opacity-0'
            }
            title="Made by editing another image"
          >
            <PencilLine size={10} aria-hidden /> Edited<span className="sr-only"> from another image</span>
          </span>
        )}
        {folded > 0 && (
          <span
            data-testid="folded-edits"
            className="absolute left-1.5 top-1.5 flex items-center gap-1 rounded-full bg-black/75 px-1.5 py-0.5 text-[10.5px] font-medium tabular text-zinc-100"
          >
            <Layers size={11} aria-hidden /> {folded + 1} versions<span className="sr-only">, the latest shown</span>
          </span>
        )}
      </button>
    );
    return (
      <div style={style} className={`group/tile relative shrink-0 ${folded > 0 ? 'rounded-md shadow-[4px_-4px_0_-1px_#3f3f46,8px_-8px_0_-2px_#27272a]' : ''}`}>
        {onCompareAcrossModels ? (
          <Suspense fallback={button}>
            <CompareContextMenu onCompare={() => onCompareAcrossModels(generation)}>{button}</CompareContextMenu>
          </Suspense>
        ) : (
          button
        )}
        {onEdit && (
          <Suspense fallback={null}>
            <TileActionsMenu
              imageUrl={image.url}
              onEdit={() => onEdit(tile)}
              {...(onCompareAcrossModels ? { onCompareAcrossModels: () => onCompareAcrossModels(generation) } : {})}
              tabIndex={tabIndex}
            />
          </Suspense>
        )}
      </div>
    );
  }
  return (
    <NonImageTile
      tile={tile}
      style={style}
      now={now}
      onRetry={onRetry}
      onCancel={onCancel}
      onDismiss={onDismiss}
      onEditPrompt={onEditPrompt}
      onReuse={onReuse}
    />
  );
});

/** A pending card (elapsed time, Cancel) or a failure card (the whole message, Edit prompt, Reuse settings, Retry, Dismiss). */
function NonImageTile({
  tile,
  style,
  now,
  onRetry,
  onCancel,
  onDismiss,
  onEditPrompt,
  onReuse,
}: Pick<TileProps, 'tile' | 'now' | 'onRetry' | 'onCancel' | 'onDismiss' | 'onEditPrompt' | 'onReuse'> & { style: { width: number; height: number } }) {
  if (tile.kind === 'pending') {
    const source = tile.generation ?? tile.submission;
    if (!source) return null;
    const cancelId = tile.generation?.id;
    const request = source.request;
    const started = Date.parse(source.createdAt);
    return (
      <div
        data-gallery-tile="pending"
        style={style}
        role="group"
        aria-label={`Generating: ${request.prompt}`}
        className="pending-shimmer relative flex shrink-0 flex-col justify-between overflow-hidden rounded-md border border-line p-2.5"
      >
        <div className="flex items-center gap-1.5 text-[11.5px] text-zinc-300">
          <Loader2 size={13} className="animate-spin text-accent" aria-hidden />
          <span>{tile.submission ? 'Sending…' : tile.generation?.status === 'queued' ? 'Queued' : 'Generating'}</span>
          <span className="ml-auto tabular text-zinc-400" aria-label="Elapsed time">
            {formatElapsed(now - started)}
          </span>
        </div>
        <p className="line-clamp-3 text-[11.5px] leading-snug text-zinc-500">{request.prompt}</p>
        <div className="flex items-end justify-between gap-2">
          <span className="truncate text-[10.5px] text-zinc-500">
            {offeringName(request.provider, request.model)} · {request.resolution ?? ''} {request.aspectRatio ?? ''}
            {tile.slots > 1 ? ` · ${tile.slot + 1}/${tile.slots}` : ''}
          </span>
          {cancelId !== undefined && tile.slot === 0 && (
            <button
              type="button"
              onClick={() => onCancel(cancelId)}
              className={
                'shrink-0 rounded border border-line-strong bg-zinc-900/80 px-2 py-0.5 text-[11px] ' +
                'text-zinc-300 hover:text-white focus-visible:outline-2 focus-visible:outline-accent'
              }
            >
              Cancel
            </button>
          )}
        </div>
      </div>
    );
  }
  if (tile.kind !== 'failed') return null;
  return <FailureCard tile={tile} style={style} onRetry={onRetry} onDismiss={onDismiss} onEditPrompt={onEditPrompt} onReuse={onReuse} />;
}

const CARD_BUTTON_CLASS =
  'inline-flex shrink-0 items-center gap-1 rounded border border-line-strong bg-zinc-900/80 px-2 py-0.5 ' +
  'text-[11px] text-zinc-200 hover:text-white focus-visible:outline-2 focus-visible:outline-accent';

/** Provider error codes that mean the prompt or an image was refused as unsafe: retrying as is will not help. */
const REFUSAL_PATTERN = /safety|unsafe|moderat|content polic|refus|blocked|prohibited/i;

function FailureCard({
  tile,
  style,
  onRetry,
  onDismiss,
  onEditPrompt,
  onReuse,
}: {
  tile: Exclude<GalleryTile, { kind: 'image' }>;
  style: { width: number; height: number };
  onRetry: (tile: GalleryTile) => void;
  onDismiss: (tile: GalleryTile) => void;
  onEditPrompt: (tile: GalleryTile) => void;
  onReuse: (tile: GalleryTile) => void;
}) {
  const [expanded, setExpanded] = useState(false);
  const source = tile.generation ?? tile.submission;
  if (!source) return null;
  const request = source.request;
  const raw = tile.generation ? generationErrorMessage(tile.generation) : (tile.submission?.error ?? 'The studio refused the generation.');
  const message = toDesignerMessage(raw);
  const error = tile.generation && typeof tile.generation.error === 'object' ? tile.generation.error : null;
  const cancelled = error?.code === 'cancelled';
  const refused = !cancelled && REFUSAL_PATTERN.test(`${error?.providerCode ?? ''} ${raw}`);
  return (
    <div
      data-gallery-tile="failed"
      style={style}
      role="group"
      aria-label={`${cancelled ? 'Cancelled' : 'Failed'}: ${request.prompt}`}
      className="relative flex shrink-0 flex-col overflow-hidden rounded-md border border-red-500/30 bg-red-950/25 p-2.5"
    >
      <div className="flex items-center gap-1.5 text-[11.5px] font-medium text-red-300">
        <AlertTriangle size={13} aria-hidden /> {cancelled ? 'Cancelled' : refused ? 'Refused' : 'Failed'}
        <span className="min-w-0 truncate font-normal text-zinc-500">· {offeringName(request.provider, request.model)}</span>
        <button
          type="button"
          aria-label="Remove this card"
          onClick={() => onDismiss(tile)}
          className="ml-auto rounded p-0.5 text-red-300/70 hover:text-red-100 focus-visible:outline-2 focus-visible:outline-accent"
        >
          {tile.generation ? <Trash2 size={12} /> : <X size={13} />}
        </button>
      </div>
      <div
        className={clsx(
          'mt-1.5 min-h-0 flex-1 text-[11.5px] leading-snug text-red-100/90',
          expanded ? 'overflow-y-auto overscroll-contain' : 'overflow-hidden',
        )}
      >
        <p data-testid="failure-message" className={clsx('whitespace-pre-wrap break-words', !expanded && 'line-clamp-4')}>
          {message.text}
        </p>
        {expanded && message.detail && (
          <details className="mt-1 text-[10.5px] text-zinc-400">
            <summary className="cursor-pointer text-zinc-500 hover:text-zinc-300">Details</summary>
            <p className="mt-0.5 whitespace-pre-wrap break-words font-mono">{message.detail}</p>
          </details>
        )}
        {expanded && <p className="mt-1.5 line-clamp-3 text-[10.5px] text-zinc-500">Prompt: {request.prompt}</p>}
      </div>
      <button
        type="button"
        aria-expanded={expanded}
        onClick={() => setExpanded(!expanded)}
        className={
          'mt-0.5 self-start rounded text-[10.5px] text-red-200/80 underline decoration-red-200/30 ' +
          'hover:text-red-100 focus-visible:outline-2 focus-visible:outline-accent'
        }
      >
        {expanded ? 'Show less' : 'Show all'}
      </button>
      <div className="mt-1.5 flex flex-wrap items-center justify-end gap-1">
        <button type="button" onClick={() => onEditPrompt(tile)} className={CARD_BUTTON_CLASS}>
          <PencilLine size={11} aria-hidden /> Edit prompt
        </button>
        <button type="button" onClick={() => onReuse(tile)} className={CARD_BUTTON_CLASS}>
          <SlidersHorizontal size={11} aria-hidden /> Reuse settings
        </button>
        <button type="button" onClick={() => onRetry(tile)} className={CARD_BUTTON_CLASS}>
          <RotateCw size={11} aria-hidden /> Retry
        </button>
      </div>
    </div>
  );
}
