import { modelName, providerName } from '../../../lib/catalog-names.ts';
import { formatDuration, formatUsd, formatUsdRange } from '../../../lib/format.ts';
import type { ExperimentCell } from '../api/experiment-types.ts';

/** Words for one cell: its offering ("Runware · Nano Banana 2"), settings ("1K · 3:2 · thinking high"), time and costs. */
export function describeCell(cell: ExperimentCell): { title: string; settings: string; time: string | null; estimate: string; billed: string | null } {
  const { request } = cell;
  const title = `${providerName(request.provider)} · ${modelName(request.model)}`;
  const settings = [
    request.resolution,
    request.aspectRatio === 'auto' ? 'automatic ratio' : request.aspectRatio,
    request.thinking ? `thinking ${request.thinking}` : null,
    request.webSearch ? 'web search' : null,
    request.imageSearch ? 'image search' : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const estimate = cell.estimatedCost.total !== null ? formatUsd(cell.estimatedCost.total) : formatUsdRange(cell.estimatedCost.min, cell.estimatedCost.max);
  const generation = cell.generation ?? null;
  const billed =
    generation?.actualCost != null
      ? formatUsd(generation.actualCost)
      : generation?.computedCost != null
        ? `${formatUsd(generation.computedCost)} (from usage)`
        : null;
  const time = generation?.durationMs != null ? formatDuration(generation.durationMs) : null;
  return { title, settings, time, estimate, billed };
}
