import * as Popover from '@radix-ui/react-popover';
import { Info } from 'lucide-react';
import type { CostEstimate } from '../../../../catalog/types.ts';
import { toDesignerMessage } from '../../../lib/designer-text.ts';
import { BREAKDOWN_BUTTON_CLASS, formatEstimateTotal, formatLineAmount, formatRange } from './cost-estimate.tsx';

/** The estimate's breakdown and notes, one click away (Radix Popover, loaded on its own chunk). */
export default function CostBreakdown({ estimate }: { estimate: CostEstimate }) {
  const isRange = estimate.max === null || Math.abs(estimate.max - estimate.min) > 1e-9;
  return (
    <Popover.Root>
      <Popover.Trigger aria-label="Cost breakdown" className={BREAKDOWN_BUTTON_CLASS}>
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
          <Popover.Arrow className="fill-zinc-900" />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
