import clsx from 'clsx';
import { FlaskConical } from 'lucide-react';
import { Link } from 'wouter';
import { formatUsd, formatUsdRange } from '../../../lib/format.ts';
import type { Experiment } from '../api/experiment-types.ts';
import { useExperiments } from '../api/get-experiments.ts';

function costText(experiment: Experiment): string {
  if (experiment.actualCost !== null) return `${formatUsd(experiment.actualCost)} billed`;
  const estimate = experiment.estimatedCost;
  return `est. ${estimate.total !== null ? formatUsd(estimate.total) : formatUsdRange(estimate.min, estimate.max)}`;
}

/** A small grid of the experiment's first cells' thumbnails. */
function GridThumbnail({ experiment }: { experiment: Experiment }) {
  const columns = Math.min(experiment.layout?.columns ?? 2, 4);
  const cells = experiment.cells.slice(0, columns * 2);
  return (
    <div
      aria-hidden
      className="grid aspect-[4/3] gap-0.5 overflow-hidden rounded-md bg-black/40"
      style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
    >
      {cells.map((cell) =>
        cell.thumbnailUrl ? (
          <img key={cell.index} src={cell.thumbnailUrl} alt="" loading="lazy" className="h-full w-full object-cover" />
        ) : (
          <span key={cell.index} className={cell.status === 'failed' ? 'bg-red-950/60' : 'pending-shimmer'} />
        ),
      )}
    </div>
  );
}

/** The saved experiments, newest first: grid thumbnail, name, date, cells and cost; each opens its grid. */
export function SavedExperiments() {
  const { data, isLoading, error } = useExperiments();
  if (isLoading)
    return (
      <p role="status" className="text-[13px] text-zinc-500">
        Loading saved experiments…
      </p>
    );
  if (error)
    return (
      <p role="alert" className="text-[13px] text-red-300">
        Saved experiments could not be loaded.
      </p>
    );
  const items = data?.items ?? [];
  if (items.length === 0) {
    return (
      <p className="flex items-center gap-2 text-[13px] text-zinc-500">
        <FlaskConical size={15} aria-hidden /> No saved experiments yet. Run one and it is kept here.
      </p>
    );
  }
  return (
    <ul aria-label="Saved experiments" className="grid grid-cols-[repeat(auto-fill,minmax(200px,1fr))] gap-3">
      {items.map((experiment) => (
        <li key={experiment.id}>
          <Link
            href={`/${experiment.id}`}
            className={clsx(
              'block space-y-2 rounded-lg border border-line',
              'bg-raised p-2 hover:border-line-strong focus-visible:outline-2 focus-visible:outline-accent',
            )}
          >
            <GridThumbnail experiment={experiment} />
            <div className="min-w-0 px-0.5">
              <p className="truncate text-[12.5px] font-medium text-zinc-100">{experiment.name ?? 'Untitled experiment'}</p>
              <p className="flex flex-col text-[11.5px] text-zinc-500 tabular">
                <span>
                  {new Date(experiment.createdAt).toLocaleDateString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })}
                </span>
                <span>
                  {experiment.cells.length} cells · {costText(experiment)}
                </span>
              </p>
            </div>
          </Link>
        </li>
      ))}
    </ul>
  );
}
