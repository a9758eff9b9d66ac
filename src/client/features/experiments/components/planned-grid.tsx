import clsx from 'clsx';
import { Ban } from 'lucide-react';
import { formatUsd, formatUsdRange } from '../../../lib/format.ts';
import type { ExperimentPlan, PlannedCell } from '../hooks/use-experiment-plan.ts';
import { GridFrame } from './grid-frame.tsx';
import { nameOfferings } from '../../../lib/designer-text.ts';

function estimateText(cell: PlannedCell): string {
  if (!cell.estimate) return '';
  return cell.estimate.total !== null ? formatUsd(cell.estimate.total) : formatUsdRange(cell.estimate.min, cell.estimate.max);
}

/** The estimate's lines, for the cell's hover card. */
function estimateDetails(cell: PlannedCell): string {
  if (!cell.estimate) return '';
  const lines = cell.estimate.lines.map((line) => `${line.label}: ${line.amount !== null ? formatUsd(line.amount) : formatUsdRange(line.min, line.max)}`);
  return [...lines, ...cell.estimate.notes].join('\n');
}

function PlannedCellCard({ cell }: { cell: PlannedCell }) {
  const request = cell.request;
  const settings = [
    request.resolution,
    request.aspectRatio,
    request.thinking ? `thinking ${typeof request.thinking === 'string' ? request.thinking : JSON.stringify(request.thinking)}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  if (cell.disabledReason) {
    return (
      <div
        aria-disabled="true"
        data-testid="planned-cell"
        data-disabled="true"
        className="flex min-h-[116px] flex-col gap-1 rounded-lg border border-dashed border-line-strong bg-zinc-900/40 p-3 text-zinc-500"
      >
        <div className="flex items-center gap-1.5 text-[12.5px] font-medium text-zinc-400">
          <Ban size={13} aria-hidden /> {cell.offeringLabel}
        </div>
        <div className="text-[11.5px]">{settings}</div>
        <p className="mt-auto text-[11.5px] leading-snug text-amber-300/80">Cannot run: {nameOfferings(cell.disabledReason)}</p>
      </div>
    );
  }
  return (
    <div
      data-testid="planned-cell"
      tabIndex={0}
      aria-label={`${cell.offeringLabel}, ${settings}, estimate ${estimateText(cell)}`}
      aria-description={estimateDetails(cell)}
      className={clsx(
        'group relative flex min-h-[116px] flex-col gap-1 rounded-lg',
        'border border-line bg-raised p-3 hover:border-line-strong focus-visible:outline-2 focus-visible:outline-accent',
      )}
    >
      <div className="text-[12.5px] font-medium text-zinc-100">{cell.offeringLabel}</div>
      <div className="text-[11.5px] text-zinc-400">{settings}</div>
      {cell.adaptations.length > 0 && <div className="text-[11px] text-zinc-500">{cell.adaptations.join(' · ')}</div>}
      <div className="mt-auto flex items-baseline justify-between">
        <span className="text-[11px] text-zinc-500">Estimate</span>
        <span className="text-[13px] font-semibold text-white tabular">{estimateText(cell)}</span>
      </div>
      <div
        aria-hidden
        className={clsx(
          'pointer-events-none absolute inset-x-0 top-full z-10 mt-1 hidden whitespace-pre-line rounded-lg',
          'border border-line-strong bg-zinc-900 p-2.5 text-[11.5px] leading-relaxed text-zinc-300 shadow-xl group-hover:block group-focus:block',
        )}
      >
        {estimateDetails(cell)}
      </div>
    </div>
  );
}

/** The grid as planned, before Run: every cell with its offering, settings and estimate, or the reason it cannot run. */
export function PlannedGrid({ plan }: { plan: ExperimentPlan }) {
  if (plan.cells.length === 0) return <p className="text-[13px] text-zinc-500">Pick values on the rows or columns to plan a grid.</p>;
  return (
    <GridFrame columns={plan.columns} columnLabels={plan.columnLabels} rowLabels={plan.rowLabels} label="Planned grid">
      {plan.cells.map((cell) => (
        <PlannedCellCard key={cell.key} cell={cell} />
      ))}
    </GridFrame>
  );
}
