import type { QueryClient } from '@tanstack/react-query';
import { experimentKeys, type Experiment } from './experiment-types.ts';

/**
 * Puts an Experiment answered by the server into the cache and marks the
 * saved list stale; with `cellsChanged`, the gallery's lists too (its cells
 * are generations the gallery shows).
 */
export function storeExperiment(queryClient: QueryClient, experiment: Experiment, cellsChanged = false): void {
  queryClient.setQueryData(experimentKeys.one(experiment.id), experiment);
  void queryClient.invalidateQueries({ queryKey: experimentKeys.list() });
  if (cellsChanged) void queryClient.invalidateQueries({ queryKey: ['generations'] });
}
