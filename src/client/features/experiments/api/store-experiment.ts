import type { QueryClient } from '@tanstack/react-query';
import { experimentKeys, type Experiment } from './experiment-types.ts';

/**
 * Puts an Experiment answered by the server into the cache and marks the
 * saved list stale. (The gallery, which shows the cells' generations, is
 * refreshed by the app when a create, retry or delete mutation succeeds: src/client/app/.)
 */
export function storeExperiment(queryClient: QueryClient, experiment: Experiment): void {
  queryClient.setQueryData(experimentKeys.one(experiment.id), experiment);
  void queryClient.invalidateQueries({ queryKey: experimentKeys.list() });
}
