import type { CostEstimate } from '../../../../catalog/types.ts';
import { toDesignerMessage } from '../../../lib/designer-text.ts';
import { formatEstimateTotal, formatLineAmount, formatRange } from './cost-estimate.tsx';

/** The estimate's breakdown and notes, shown in the "Cost breakdown" popover (loaded on its own chunk at first open). */
export default function CostBreakdown({ estimate }: { estimate: CostEstimate }) {
  const isRange = estimate.max === null || Math.abs(estimate.max - estimate.min) > 1e-9;
  return (
    <>
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
          {estimate.notes.map((note) => {
            // Notes cite the documents prices come from; designers see the sentence, the source sits behind "details".
            const { text, detail } = toDesignerMessage(note);
            return (
              <li key={note}>
                {text}
                {detail && (
                  <details className="mt-0.5 text-[10.5px] text-zinc-500">
                    <summary className="cursor-pointer hover:text-zinc-300">Details</summary>
                    {detail}
                  </details>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
