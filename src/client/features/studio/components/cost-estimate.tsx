import { useId } from 'react';
import * as Popover from '@radix-ui/react-popover';
import { Info } from 'lucide-react';
import type { CostEstimate } from '../../../../catalog/types.ts';
import { formatUsd } from '../../../lib/format.ts';

/**
 * The headline figure of an estimate: the expected total ("$0.06979"), or,
 * where no single price is published, the honest range ("$0.08–$0.095") or
 * lower bound ("from $0.08").
 */
export function formatEstimateTotal(estimate: CostEstimate): string {
  if (estimate.total !== null) return formatUsd(estimate.total);
  if (estimate.max === null) return `from ${formatUsd(estimate.min)}`;
  return `${formatUsd(estimate.min)}–${formatUsd(estimate.max)}`;
}

function formatRange(min: number, max: number | null): string {
  if (max === null) return `from ${formatUsd(min)}`;
  if (Math.abs(max - min) < 1e-9) return formatUsd(min);
  return `${formatUsd(min)}–${formatUsd(max)}`;
}

function formatLineAmount(line: CostEstimate['lines'][number]): string {
  if (line.amount !== null && (line.max === null || Math.abs(line.max - line.min) < 1e-9)) return formatUsd(line.amount);
  if (line.amount !== null) return `${formatUsd(line.amount)} (${formatRange(line.min, line.max)})`;
  return line.max === null ? `from ${formatUsd(line.min)}` : formatRange(line.min, line.max);
}

/**
 * "Estimated cost": the total and the price per image, recomputed from the
 * shared catalog on every change; the breakdown and notes sit one click away.
 */
export function CostEstimateView({ estimate, numberResults }: { estimate: CostEstimate | null; numberResults: number }) {
  const headingId = useId();
  const isRange = estimate !== null && (estimate.max === null || Math.abs(estimate.max - estimate.min) > 1e-9);
  return (
    <section aria-labelledby={headingId} className="min-w-0">
      <div className="flex items-center gap-1.5">
        <h2 id={headingId} className="text-[11px] font-medium uppercase tracking-wide text-zinc-500">Estimated cost</h2>
        {estimate && (
          <Popover.Root>
            <Popover.Trigger
              aria-label="Cost breakdown"
              className="rounded p-0.5 text-zinc-500 hover:text-zinc-200 focus-visible:outline-2 focus-visible:outline-accent"
            >
              <Info size={13} />
            </Popover.Trigger>
            <Popover.Portal>
              <Popover.Content
                side="top"
                align="start"
                sideOffset={8}
                className="z-50 w-80 rounded-lg border border-line-strong bg-zinc-900 p-3 text-[12px] shadow-2xl shadow-black/50"
              >
                <p className="mb-2 font-medium text-zinc-200">Cost breakdown</p>
                <table className="w-full tabular">
                  <tbody>
                    {estimate.lines.map((line) => (
                      <tr key={line.label} className="border-b border-line/60 last:border-0">
                        <td className="py-1 pr-2 text-zinc-400">{line.label}</td>
                        <td className="py-1 text-right text-zinc-100">{formatLineAmount(line)}</td>
                      </tr>
                    ))}
                    <tr>
                      <td className="pt-2 pr-2 font-medium text-zinc-300">Total</td>
                      <td className="pt-2 text-right font-medium text-white">{formatEstimateTotal(estimate)}</td>
                    </tr>
                    {isRange && (
                      <tr>
                        <td className="pr-2 text-zinc-500">Range</td>
                        <td className="text-right text-zinc-400">{formatRange(estimate.min, estimate.max)}</td>
                      </tr>
                    )}
                  </tbody>
                </table>
                {estimate.notes.length > 0 && (
                  <ul className="mt-2 space-y-1 border-t border-line pt-2 text-[11.5px] leading-snug text-zinc-400">
                    {estimate.notes.map((note) => <li key={note}>{note}</li>)}
                  </ul>
                )}
                <Popover.Arrow className="fill-zinc-900" />
              </Popover.Content>
            </Popover.Portal>
          </Popover.Root>
        )}
      </div>
      {estimate ? (
        <>
          <p className="text-[17px] font-semibold leading-tight tabular text-white">{formatEstimateTotal(estimate)}</p>
          <p className="h-4 truncate text-[11px] leading-4 tabular text-zinc-500">
            {[
              numberResults > 1 && estimate.perImage !== null ? `${formatUsd(estimate.perImage)} × ${numberResults} images` : null,
              isRange ? `range ${formatRange(estimate.min, estimate.max)}` : null,
              !isRange && numberResults === 1 ? (estimate.exact ? 'exact, published prices' : 'expected price') : null,
            ].filter(Boolean).join(' · ')}
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
