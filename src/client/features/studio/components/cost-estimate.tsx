import { lazy, Suspense, useId } from 'react';
import { Info } from 'lucide-react';
import type { CostEstimate } from '../../../../catalog/types.ts';
import { formatUsd, formatUsdRange } from '../../../../catalog/money.ts';
import { PopoverButton } from '../../../components/ui/popover-button.tsx';

/**
 * The headline figure of an estimate: the expected total ("$0.06979"), or,
 * where no single price is published, the honest range ("$0.08-$0.095") or
 * lower bound ("from $0.08").
 */
export function formatEstimateTotal(estimate: CostEstimate): string {
  if (estimate.total !== null) return formatUsd(estimate.total);
  return formatUsdRange(estimate.min, estimate.max);
}

const CostBreakdown = lazy(() => import('./cost-breakdown.tsx'));

const BREAKDOWN_CONTENT = {
  side: 'top',
  align: 'start',
  sideOffset: 8,
  className: 'z-50 w-80 rounded-lg border border-line-strong bg-zinc-900 p-3 text-[12px] shadow-2xl shadow-black/50',
  arrowClassName: 'fill-zinc-900',
} as const;

/** The (i) button by "Estimated cost": the breakdown and notes in a popover, both loaded at first open. */
function BreakdownButton({ estimate }: { estimate: CostEstimate }) {
  return (
    <PopoverButton
      aria-label="Cost breakdown"
      className="rounded p-0.5 text-zinc-500 hover:text-zinc-200 focus-visible:outline-2 focus-visible:outline-accent"
      contentProps={BREAKDOWN_CONTENT}
      content={
        <Suspense fallback={<p role="status">Loading…</p>}>
          <CostBreakdown estimate={estimate} />
        </Suspense>
      }
    >
      <Info size={13} />
    </PopoverButton>
  );
}

/** A USD range: "$0.138-$0.1424", "from $0.08" (no published upper bound), or one figure when min equals max. */
export function formatRange(min: number, max: number | null): string {
  return formatUsdRange(min, max);
}

/** One breakdown line's amount, with its range where the published price leaves it open. */
export function formatLineAmount(line: CostEstimate['lines'][number]): string {
  if (line.amount !== null && (line.max === null || Math.abs(line.max - line.min) < 1e-9)) return formatUsd(line.amount);
  if (line.amount !== null) return `${formatUsd(line.amount)} (${formatRange(line.min, line.max)})`;
  return formatUsdRange(line.min, line.max);
}

/**
 * "Estimated cost": the total and the price per image, recomputed from the
 * shared catalog on every change; the breakdown and notes sit one click away.
 * `caution` (a sentence) turns the figure amber and replaces the detail line:
 * the run would use more than half of the budget that remains.
 */
export function CostEstimateView(props: { estimate: CostEstimate | null; numberResults: number; caution?: string | null }) {
  const { estimate, numberResults, caution = null } = props;
  const headingId = useId();
  const isRange = estimate !== null && (estimate.max === null || Math.abs(estimate.max - estimate.min) > 1e-9);
  return (
    <section aria-labelledby={headingId} className="min-w-0 flex-1">
      <div className="flex items-center gap-1.5">
        <h2 id={headingId} className="whitespace-nowrap text-[11px] font-medium text-zinc-500">
          Estimated cost
        </h2>
        {estimate && <BreakdownButton estimate={estimate} />}
      </div>
      {estimate ? (
        <>
          <p
            data-caution={caution ? 'budget' : undefined}
            className={`text-[17px] font-semibold leading-tight tabular ${caution ? 'text-amber-300' : 'text-white'}`}
          >
            {formatEstimateTotal(estimate)}
          </p>
          <p className={`h-4 truncate text-[11px] leading-4 tabular ${caution ? 'text-amber-300/90' : 'text-zinc-500'}`} title={caution ?? undefined}>
            {caution ??
              [
                numberResults > 1 && estimate.perImage !== null ? `${formatUsd(estimate.perImage)} × ${numberResults} images` : null,
                // The headline already is the range when no single figure is expected; say it once.
                isRange && estimate.total !== null ? `range ${formatRange(estimate.min, estimate.max)}` : null,
                isRange && estimate.total === null ? 'no single published price' : null,
                !isRange && numberResults === 1 ? (estimate.exact ? 'exact price' : 'expected price') : null,
              ]
                .filter(Boolean)
                .join(' · ')}
          </p>
        </>
      ) : (
        <>
          <p className="text-[15px] font-medium leading-tight text-zinc-400">Price not published</p>
          <p className="h-4" />
        </>
      )}
    </section>
  );
}
