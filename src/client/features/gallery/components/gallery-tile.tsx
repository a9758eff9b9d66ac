import { memo, useState } from 'react';
import { AlertTriangle, Layers, Loader2, PencilLine, RotateCw, Trash2, X } from 'lucide-react';
import { getModel, getProvider } from '../../../../catalog/catalog.ts';
import { generationErrorMessage } from '../../../api/types.ts';
import { formatElapsed } from '../../../lib/format.ts';
import { GALLERY_IMAGE_DRAG_TYPE } from '../../../lib/drag-types.ts';
import type { GalleryTile } from './gallery-tiles.ts';
import { TileActionsMenu } from './tile-actions-menu.tsx';

function offeringName(provider: string, model: string): string {
  const providerName = getProvider(provider as never)?.name ?? provider;
  const modelName = getModel(model as never)?.name ?? model;
  return `${modelName} · ${providerName}`;
}

/** A thumbnail that shimmers until it has loaded (the server makes thumbnails on first request). */
function ThumbnailImage({ src, alt }: { src: string; alt: string }) {
  const [loaded, setLoaded] = useState(false);
  return (
    <>
      {!loaded && <span aria-hidden className="pending-shimmer absolute inset-0" />}
      <img
        src={src}
        alt={alt}
        decoding="async"
        draggable={false}
        onLoad={() => setLoaded(true)}
        {...{ elementtiming: 'gallery-thumbnail' }}
        className="relative h-full w-full object-cover transition-transform duration-300 group-hover:scale-[1.02]"
      />
    </>
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
  /** Roving focus: 0 for the one image tile reached by Tab, -1 for the others (arrow keys move between them). */
  tabIndex?: number;
  onFocusTile?: (key: string) => void;
  /** "Edit" in the tile's menu: edit mode on this image. */
  onEdit?: (tile: GalleryTile) => void;
}

/** One gallery cell: a thumbnail, a pending card with elapsed time and Cancel, or a failure card with the message and Retry. */
export const GalleryTileView = memo(function GalleryTileView({ tile, width, height, now, onOpen, onRetry, onCancel, onDismiss, tabIndex, onFocusTile, onEdit }: TileProps) {
  const style = { width, height };
  if (tile.kind === 'image') {
    const { generation, image } = tile;
    const { request } = generation;
    const folded = tile.foldedEdits ?? 0;
    return (
      <div style={style} className={`group/tile relative shrink-0 ${folded > 0 ? 'rounded-md shadow-[4px_-4px_0_-1px_#3f3f46,8px_-8px_0_-2px_#27272a]' : ''}`}>
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
          event.dataTransfer.setData(GALLERY_IMAGE_DRAG_TYPE, JSON.stringify({ url: image.url, name: `generation-${generation.id.slice(0, 8)}-${tile.imageIndex + 1}` }));
          event.dataTransfer.setData('text/uri-list', new URL(image.url, location.href).href);
          event.dataTransfer.effectAllowed = 'copy';
        }}
        className="group relative shrink-0 overflow-hidden rounded-md bg-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
      >
        <ThumbnailImage src={image.thumbnailUrl} alt={request.prompt} />
        <span aria-hidden className="pointer-events-none absolute inset-x-0 bottom-0 bg-gradient-to-t from-black via-black/85 to-transparent px-2 pb-1.5 pt-8 text-left opacity-0 transition-opacity group-hover:opacity-100 group-focus-visible:opacity-100">
          <span className="line-clamp-2 text-[11.5px] leading-snug text-zinc-100">{request.prompt}</span>
          <span className="mt-0.5 block text-[10.5px] tabular text-zinc-400">{offeringName(request.provider, request.model)} · {image.width}×{image.height}</span>
        </span>
        {generation.parent && folded === 0 && (
          <span className="absolute bottom-1.5 right-1.5 flex items-center gap-1 rounded bg-black/75 px-1.5 py-0.5 text-[10.5px] font-medium text-accent transition-opacity group-hover:opacity-0" title="Made by editing another image">
            <PencilLine size={10} aria-hidden /> Edited<span className="sr-only"> from another image</span>
          </span>
        )}
        {folded > 0 && (
          <span data-testid="folded-edits" className="absolute left-1.5 top-1.5 flex items-center gap-1 rounded-full bg-black/75 px-1.5 py-0.5 text-[10.5px] font-medium tabular text-zinc-100">
            <Layers size={11} aria-hidden /> {folded + 1} versions<span className="sr-only">, the latest shown</span>
          </span>
        )}
      </button>
      {onEdit && <TileActionsMenu imageUrl={image.url} onEdit={() => onEdit(tile)} tabIndex={tabIndex} />}
      </div>
    );
  }
  if (tile.kind === 'pending') {
    const source = tile.generation ?? tile.submission!;
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
          <span className="ml-auto tabular text-zinc-400" aria-label="Elapsed time">{formatElapsed(now - started)}</span>
        </div>
        <p className="line-clamp-3 text-[11.5px] leading-snug text-zinc-500">{request.prompt}</p>
        <div className="flex items-end justify-between gap-2">
          <span className="truncate text-[10.5px] text-zinc-500">{offeringName(request.provider, request.model)} · {request.resolution ?? ''} {request.aspectRatio ?? ''}{tile.slots > 1 ? ` · ${tile.slot + 1}/${tile.slots}` : ''}</span>
          {tile.generation && tile.slot === 0 && (
            <button
              type="button"
              onClick={() => onCancel(tile.generation!.id)}
              className="shrink-0 rounded border border-line-strong bg-zinc-900/80 px-2 py-0.5 text-[11px] text-zinc-300 hover:text-white focus-visible:outline-2 focus-visible:outline-accent"
            >
              Cancel
            </button>
          )}
        </div>
      </div>
    );
  }
  const request = (tile.generation ?? tile.submission!).request;
  const message = tile.generation ? generationErrorMessage(tile.generation) : tile.submission!.error ?? 'The server refused the generation.';
  const cancelled = tile.generation && typeof tile.generation.error === 'object' && tile.generation.error?.code === 'cancelled';
  return (
    <div
      data-gallery-tile="failed"
      style={style}
      role="group"
      aria-label={`${cancelled ? 'Cancelled' : 'Failed'}: ${request.prompt}`}
      className="relative flex shrink-0 flex-col overflow-hidden rounded-md border border-red-500/30 bg-red-950/25 p-2.5"
    >
      <div className="flex items-center gap-1.5 text-[11.5px] font-medium text-red-300">
        <AlertTriangle size={13} aria-hidden /> {cancelled ? 'Cancelled' : 'Failed'}
        <button type="button" aria-label="Remove this card" onClick={() => onDismiss(tile)} className="ml-auto rounded p-0.5 text-red-300/70 hover:text-red-100 focus-visible:outline-2 focus-visible:outline-accent">
          {tile.generation ? <Trash2 size={12} /> : <X size={13} />}
        </button>
      </div>
      <p className="mt-1.5 line-clamp-5 text-[11.5px] leading-snug text-red-100/90" title={message}>{message}</p>
      <p className="mt-auto truncate pt-1 text-[10.5px] text-zinc-500">{request.prompt}</p>
      <div className="mt-1.5 flex items-center justify-between gap-2">
        <span className="truncate text-[10.5px] text-zinc-500">{offeringName(request.provider, request.model)}</span>
        <button
          type="button"
          onClick={() => onRetry(tile)}
          className="inline-flex shrink-0 items-center gap-1 rounded border border-line-strong bg-zinc-900/80 px-2 py-0.5 text-[11px] text-zinc-200 hover:text-white focus-visible:outline-2 focus-visible:outline-accent"
        >
          <RotateCw size={11} aria-hidden /> Retry
        </button>
      </div>
    </div>
  );
});
