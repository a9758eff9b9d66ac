import { AlertTriangle } from 'lucide-react';
import { formatUsd, formatUsdRange, formatUsdTotal } from '../../../lib/format.ts';
import type { CostDriftCase, SpendByOffering } from '../api/get-spend-summary.ts';
import type { LedgerRow } from '../api/get-ledger.ts';
import { modelName, providerName } from '../../../lib/catalog-names.ts';
import { formatTime } from '../lib/spend-labels.ts';

const HEAD = 'py-1.5 pr-3 text-[11px] font-medium uppercase tracking-wide text-zinc-500';
const CELL = 'py-1.5 pr-3';

/** Spend over the chart's days by model and resolution (per provider), most spent first. */
export function SpendByOfferingTable({ rows }: { rows: SpendByOffering[] }) {
  if (rows.length === 0) return <p className="text-[12.5px] text-zinc-500">No generations in the last 30 days.</p>;
  return (
    <table className="w-full text-left text-[12.5px] tabular">
      <caption className="sr-only">Spend by model and resolution, last 30 days</caption>
      <thead>
        <tr className="border-b border-line">
          <th scope="col" className={HEAD}>
            Model
          </th>
          <th scope="col" className={HEAD}>
            Provider
          </th>
          <th scope="col" className={HEAD}>
            Resolution
          </th>
          <th scope="col" className={`${HEAD} text-right`}>
            Images
          </th>
          <th scope="col" className={`${HEAD} text-right`}>
            Estimated
          </th>
          <th scope="col" className={`${HEAD} pr-0 text-right`}>
            Spent
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.provider}/${row.model}/${row.resolution}`} className="border-b border-line/60 last:border-b-0">
            <th scope="row" className={`${CELL} font-normal text-zinc-200`}>
              {modelName(row.model)}
            </th>
            <td className={`${CELL} text-zinc-400`}>{providerName(row.provider)}</td>
            <td className={`${CELL} text-zinc-400`}>{row.resolution ?? '—'}</td>
            <td className={`${CELL} text-right text-zinc-400`}>{row.images}</td>
            <td className={`${CELL} text-right text-zinc-400`}>
              {row.estimatedTotal !== null ? formatUsdTotal(row.estimatedTotal) : `from ${formatUsdTotal(row.estimatedMin)}`}
            </td>
            <td className="py-1.5 text-right font-medium text-zinc-100">{formatUsdTotal(row.spent)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every generation whose billed cost left its estimate's range: how a wrong catalog price gets noticed. */
export function DriftList({ cases }: { cases: CostDriftCase[] }) {
  if (cases.length === 0) {
    return <p className="text-[12.5px] text-zinc-500">Every billed cost so far lies within its estimate.</p>;
  }
  return (
    <ul className="space-y-2">
      {cases.map((item) => (
        <li key={item.generationId} className="flex gap-2.5 rounded-md border border-amber-400/25 bg-amber-400/5 px-3 py-2 text-[12.5px]">
          <AlertTriangle size={14} className="mt-0.5 shrink-0 text-amber-300" aria-hidden />
          <div className="min-w-0">
            <p className="text-zinc-200">
              {modelName(item.model)} on {providerName(item.provider)}
              {item.resolution ? ` at ${item.resolution}` : ''}
              {item.numberImages > 1 ? `, ${item.numberImages} images` : ''}
            </p>
            <p className="tabular text-zinc-400">
              {item.basis === 'billed' ? 'Billed ' : 'Computed from usage '}
              <span className="font-medium text-amber-200">{formatUsd(item.cost)}</span>, estimated {formatUsdRange(item.min, item.max)}
              <span className="text-zinc-500"> · {formatTime(item.createdAt)}</span>
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}

const STATUS_LABEL: Record<string, string> = { queued: 'Queued', running: 'Running', succeeded: 'Done', failed: 'Failed' };

/** The latest ledger rows, newest first: estimate and billed cost side by side. */
export function LedgerTable({ rows }: { rows: LedgerRow[] }) {
  if (rows.length === 0) return <p className="text-[12.5px] text-zinc-500">No generations in the last 30 days.</p>;
  return (
    <table className="w-full text-left text-[12.5px] tabular">
      <caption className="sr-only">Ledger: the latest generations with their estimate and billed cost</caption>
      <thead>
        <tr className="border-b border-line">
          <th scope="col" className={HEAD}>
            When
          </th>
          <th scope="col" className={HEAD}>
            Model
          </th>
          <th scope="col" className={HEAD}>
            Provider
          </th>
          <th scope="col" className={HEAD}>
            Resolution
          </th>
          <th scope="col" className={HEAD}>
            Status
          </th>
          <th scope="col" className={`${HEAD} text-right`}>
            Estimate
          </th>
          <th scope="col" className={`${HEAD} pr-0 text-right`}>
            Billed
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className="border-b border-line/60 last:border-b-0">
            <td className={`${CELL} text-zinc-400`}>{formatTime(row.createdAt)}</td>
            <th scope="row" className={`${CELL} font-normal text-zinc-200`}>
              {modelName(row.model)}
            </th>
            <td className={`${CELL} text-zinc-400`}>{providerName(row.provider)}</td>
            <td className={`${CELL} text-zinc-400`}>
              {row.resolution ?? '—'}
              {row.numberImages > 1 ? ` × ${row.numberImages}` : ''}
            </td>
            <td className={`${CELL} text-zinc-400`}>{STATUS_LABEL[row.status] ?? row.status}</td>
            <td className={`${CELL} text-right text-zinc-400`}>
              {row.estimatedTotal !== null ? formatUsd(row.estimatedTotal) : formatUsdRange(row.estimatedMin, row.estimatedMax)}
            </td>
            <td className={`py-1.5 text-right font-medium ${row.drift ? 'text-amber-300' : 'text-zinc-100'}`}>
              {row.actualCost !== null ? formatUsd(row.actualCost) : row.computedCost !== null ? `${formatUsd(row.computedCost)} (computed)` : '—'}
              {row.drift && <span className="sr-only"> (outside the estimate)</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
