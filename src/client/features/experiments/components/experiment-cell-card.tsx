import clsx from 'clsx';
import { AlertTriangle, RotateCw, SlidersHorizontal, Star } from 'lucide-react';
import { memo } from 'react';
import type { AcceptedGenerationRequest } from '../../../../catalog/request.ts';
import { Button } from '../../../components/ui/button.tsx';
import { FallbackImage } from '../../../components/ui/fallback-image.tsx';
import { formatElapsed } from '../../../lib/format.ts';
import type { ExperimentCell } from '../api/experiment-types.ts';
import { describeCell } from './cell-description.ts';

/** Props of `ExperimentCellCard`. */
export interface ExperimentCellCardProps {
  cell: ExperimentCell;
  /** Current time, ms (for the elapsed time of a running cell). */
  now: number;
  favourite: boolean;
  selected: boolean;
  /** Whether another cell may still be picked for comparison. */
  selectable: boolean;
  onToggleFavourite: (index: number) => void;
  onToggleSelected: (index: number) => void;
  onRetry: (index: number) => void;
  onUseSettings: (request: AcceptedGenerationRequest) => void;
  onOpen: (index: number) => void;
}

function aspectOf(cell: ExperimentCell): string {
  const image = cell.generation?.images[0];
  if (image) return `${image.width} / ${image.height}`;
  const [width, height] = cell.request.aspectRatio.split(':').map(Number);
  return width && height ? `${width} / ${height}` : '1 / 1';
}

/** One cell of a running or finished experiment: image (or progress, or error with Retry), offering, time, estimate and billed cost. */
export const ExperimentCellCard = memo(function ExperimentCellCard({
  cell,
  now,
  favourite,
  selected,
  selectable,
  onToggleFavourite,
  onToggleSelected,
  onRetry,
  onUseSettings,
  onOpen,
}: ExperimentCellCardProps) {
  const { title, settings, time, estimate, billed } = describeCell(cell);
  const generation = cell.generation ?? null;
  const image = generation?.images[0] ?? null;
  const number = cell.index + 1;
  const pending = cell.status === 'queued' || cell.status === 'running';
  const started = generation ? Date.parse(generation.createdAt) : now;
  return (
    <article
      aria-label={`Cell ${number}: ${title}`}
      data-testid="experiment-cell"
      data-status={cell.status}
      className={clsx(
        'flex min-w-0 flex-col overflow-hidden rounded-lg border bg-raised',
        selected ? 'border-accent' : favourite ? 'border-accent/50' : 'border-line',
      )}
    >
      <div className="relative bg-black/40" style={{ aspectRatio: aspectOf(cell), maxHeight: 420 }}>
        {image ? (
          <button
            type="button"
            onClick={() => onOpen(cell.index)}
            aria-label={`Open cell ${number} large`}
            className="block h-full w-full focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-accent"
          >
            <FallbackImage src={image.thumbnailUrl} alt={`${title}, ${settings}`} className="h-full w-full object-contain" />
          </button>
        ) : pending ? (
          <div className="pending-shimmer flex h-full w-full items-center justify-center text-[12px] text-zinc-400" role="status">
            {cell.status === 'queued' ? 'Waiting…' : 'Generating…'} <span className="ml-1 tabular">{formatElapsed(now - started)}</span>
          </div>
        ) : (
          <div className="flex h-full w-full flex-col items-center justify-center gap-2 p-3 text-center">
            <AlertTriangle size={18} className="text-red-300" aria-hidden />
            <p className="line-clamp-4 text-[12px] text-red-200">
              {cell.status === 'deleted' ? 'This cell’s image was deleted.' : (generation?.error?.message ?? 'This cell failed.')}
            </p>
            <Button size="sm" onClick={() => onRetry(cell.index)} aria-label={`Retry cell ${number}`}>
              <RotateCw size={13} aria-hidden /> Retry
            </Button>
          </div>
        )}
        <span className="absolute left-1.5 top-1.5 rounded bg-black/70 px-1.5 text-[11px] font-semibold text-zinc-200 tabular">{number}</span>
      </div>
      <div className="space-y-1 p-2.5">
        <div className="flex items-start gap-1">
          <div className="min-w-0 flex-1">
            <p className="truncate text-[12.5px] font-medium text-zinc-100">{title}</p>
            <p className="truncate text-[11.5px] text-zinc-400">{settings}</p>
          </div>
          <button
            type="button"
            aria-pressed={favourite}
            aria-label={`Favourite: cell ${number}`}
            onClick={() => onToggleFavourite(cell.index)}
            className={`rounded p-1 focus-visible:outline-2 focus-visible:outline-accent ${favourite ? 'text-accent' : 'text-zinc-500 hover:text-zinc-200'}`}
          >
            <Star size={15} fill={favourite ? 'currentColor' : 'none'} aria-hidden />
          </button>
        </div>
        <dl className="grid grid-cols-3 gap-1 text-[11px]">
          <div>
            <dt className="text-zinc-500">Time</dt>
            <dd className="text-zinc-200 tabular">{time ?? (pending ? '…' : '—')}</dd>
          </div>
          <div>
            <dt className="text-zinc-500">Estimate</dt>
            <dd className="text-zinc-200 tabular">{estimate}</dd>
          </div>
          <div>
            <dt className="text-zinc-500">Billed</dt>
            <dd className="text-zinc-200 tabular">{billed ?? (pending ? '…' : 'not reported')}</dd>
          </div>
        </dl>
        <div className="flex items-center justify-between gap-2 pt-1">
          <label className={`flex items-center gap-1.5 text-[11.5px] ${image ? 'text-zinc-300' : 'text-zinc-600'}`}>
            <input
              type="checkbox"
              checked={selected}
              disabled={!image || (!selected && !selectable)}
              onChange={() => onToggleSelected(cell.index)}
              className="accent-[#facc15]"
            />
            Compare cell {number}
          </label>
          <Button size="sm" variant="ghost" onClick={() => onUseSettings(cell.request)} aria-label={`Use these settings: cell ${number}`}>
            <SlidersHorizontal size={13} aria-hidden /> Use these settings
          </Button>
        </div>
      </div>
    </article>
  );
});
