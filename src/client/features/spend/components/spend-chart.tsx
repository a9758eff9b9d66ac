import { useEffect, useId, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatUsdTotal } from '../../../lib/format.ts';
import type { SpendDay } from '../api/get-spend-summary.ts';
import { providerName } from '../../../lib/catalog-names.ts';
import { formatDay, providerColour } from '../lib/spend-labels.ts';

const CHART_HEIGHT = 220;
const AXIS_COLOUR = '#a1a1aa';
const GRID_COLOUR = '#27272a';

/** Seconds since the epoch of a local `YYYY-MM-DD` midnight (uPlot's time scale). */
function dayToSeconds(date: string): number {
  const [year = Number.NaN, month = Number.NaN, day = Number.NaN] = date.split('-').map(Number);
  return new Date(year, month - 1, day).getTime() / 1000;
}

/**
 * Stacks the providers: series i is the running total of providers 0..i, and
 * the series are drawn tallest first so each provider shows as its own band.
 */
function stackedData(days: SpendDay[], providers: string[]): uPlot.AlignedData {
  const x = days.map((day) => dayToSeconds(day.date));
  const cumulative = providers.map((_, index) =>
    days.map((day) => providers.slice(0, index + 1).reduce((sum, provider) => sum + (day.byProvider[provider] ?? 0), 0)),
  );
  return [x, ...cumulative.reverse()];
}

/**
 * Spend per day for the last 30 days, stacked by provider (uPlot bars on a
 * canvas). The canvas is described for assistive technology, the legend reads
 * out the day under the pointer (today otherwise), and "Show the numbers"
 * lists every day.
 */
export function SpendChart({ days, providers }: { days: SpendDay[]; providers: string[] }) {
  const container = useRef<HTMLDivElement>(null);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const descriptionId = useId();
  const shown = useMemo(() => (providers.length > 0 ? providers : []), [providers]);
  const data = useMemo(() => stackedData(days, shown), [days, shown]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const reversed = [...shown].reverse();
    if (!uPlot.paths.bars) throw new Error('uPlot has no bars path builder.');
    const bars = uPlot.paths.bars({ size: [0.7, 28], radius: 0.15, align: 0 });
    const plot = new uPlot(
      {
        width: Math.max(320, element.clientWidth),
        height: CHART_HEIGHT,
        legend: { show: false },
        cursor: { points: { show: false }, drag: { x: false, y: false } },
        padding: [8, 8, 0, 0],
        scales: {
          x: { time: true, range: (_, min, max) => [min - 43_200, max + 43_200] },
          y: { range: (_, __, max) => [0, max > 0 ? max * 1.1 : 1] },
        },
        axes: [
          {
            stroke: AXIS_COLOUR,
            grid: { show: false },
            ticks: { stroke: GRID_COLOUR },
            font: '11px Inter, system-ui, sans-serif',
            values: (_, ticks) => ticks.map((tick) => new Date(tick * 1000).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })),
          },
          {
            stroke: AXIS_COLOUR,
            grid: { stroke: GRID_COLOUR, width: 1 },
            ticks: { show: false },
            size: 56,
            font: '11px Inter, system-ui, sans-serif',
            values: (_, ticks) => ticks.map((tick) => formatUsdTotal(tick)),
          },
        ],
        series: [
          {},
          ...reversed.map((provider) => ({
            label: providerName(provider),
            fill: providerColour(provider),
            stroke: providerColour(provider),
            width: 0,
            paths: bars,
            points: { show: false },
          })),
        ],
        hooks: {
          setCursor: [(chart: uPlot) => setFocusIndex(chart.cursor.idx ?? null)],
        },
      },
      data,
      element,
    );
    const observer = new ResizeObserver(() => plot.setSize({ width: Math.max(320, element.clientWidth), height: CHART_HEIGHT }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [data, shown]);

  const total = days.reduce((sum, day) => sum + day.total, 0);
  const busiest = days.reduce<SpendDay | null>((best, day) => (day.total > (best?.total ?? 0) ? day : best), null);
  const focused = days[focusIndex ?? days.length - 1];

  return (
    <div>
      <p id={descriptionId} className="sr-only">
        {`Spend per day over the last ${days.length} days, stacked by provider: ${formatUsdTotal(total)} in all`}
        {busiest ? `, most on ${formatDay(busiest.date)} (${formatUsdTotal(busiest.total)}).` : ', nothing spent.'}
      </p>
      <div className="mb-2 flex min-h-5 flex-wrap items-center gap-x-4 gap-y-1 text-[11.5px]" aria-hidden>
        {focused && (
          <span className="font-medium text-zinc-300">
            {formatDay(focused.date)}: {formatUsdTotal(focused.total)}
          </span>
        )}
        {shown.map((provider) => (
          <span key={provider} className="flex items-center gap-1.5 text-zinc-400">
            <span className="h-2.5 w-2.5 rounded-sm" style={{ background: providerColour(provider) }} />
            {providerName(provider)}
            {focused && <span className="tabular text-zinc-300">{formatUsdTotal(focused.byProvider[provider] ?? 0)}</span>}
          </span>
        ))}
        {shown.length === 0 && <span className="text-zinc-500">Nothing billed in the last 30 days.</span>}
      </div>
      <div ref={container} role="img" aria-labelledby={descriptionId} data-testid="spend-chart" className="w-full" />
      <details className="mt-2 text-[12px] text-zinc-400">
        <summary className="cursor-pointer rounded select-none hover:text-zinc-200 focus-visible:outline-2 focus-visible:outline-accent">
          Show the numbers
        </summary>
        <table className="mt-2 w-full max-w-xl text-left tabular">
          <caption className="sr-only">Spend per day and provider</caption>
          <thead className="text-zinc-500">
            <tr>
              <th scope="col" className="py-1 pr-4 font-medium">
                Day
              </th>
              {shown.map((provider) => (
                <th key={provider} scope="col" className="py-1 pr-4 text-right font-medium">
                  {providerName(provider)}
                </th>
              ))}
              <th scope="col" className="py-1 text-right font-medium">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {days
              .filter((day) => day.total > 0)
              .map((day) => (
                <tr key={day.date} className="border-t border-line">
                  <th scope="row" className="py-1 pr-4 font-normal text-zinc-300">
                    {formatDay(day.date)}
                  </th>
                  {shown.map((provider) => (
                    <td key={provider} className="py-1 pr-4 text-right">
                      {formatUsdTotal(day.byProvider[provider] ?? 0)}
                    </td>
                  ))}
                  <td className="py-1 text-right text-zinc-200">{formatUsdTotal(day.total)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
