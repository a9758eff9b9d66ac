import type { Experiment } from '../../../../server/experiments/experiments.ts';
import type { ExperimentLayout } from '../../../../server/experiments/expand-variants.ts';

export type { Experiment, ExperimentCell } from '../../../../server/experiments/experiments.ts';
export type { ExperimentLayout } from '../../../../server/experiments/expand-variants.ts';

/** The body of `POST /api/experiments` (docs/API.md "Experiments"). */
export interface ExperimentBody {
  name?: string;
  base: Record<string, unknown>;
  variants: Array<Record<string, unknown>>;
  layout?: ExperimentLayout;
}

/** `GET /api/experiments` page. */
export interface ExperimentPage {
  items: Experiment[];
  nextCursor: string | null;
}

/** Query keys of the experiments feature. */
export const experimentKeys = {
  all: ['experiments'] as const,
  list: () => [...experimentKeys.all, 'list'] as const,
  one: (id: string) => [...experimentKeys.all, 'one', id] as const,
  /** Mutations that make or remove generations (cells): the app refreshes the gallery when one succeeds. */
  create: () => [...experimentKeys.all, 'create'] as const,
  remove: () => [...experimentKeys.all, 'delete'] as const,
  retryCell: () => [...experimentKeys.all, 'retry-cell'] as const,
  /** Renaming or noting an experiment: no generation changes. */
  update: () => [...experimentKeys.all, 'update'] as const,
};

/** Where the contact sheet PNG and the JSON export of an experiment are downloaded from. */
export function experimentExportUrls(id: string): { contactSheet: string; json: string } {
  const base = `/api/experiments/${encodeURIComponent(id)}`;
  return { contactSheet: `${base}/contact-sheet.png`, json: `${base}/export.json` };
}
