import { useMutation, useQueryClient } from '@tanstack/react-query';
import { requestJson } from '../../../lib/api-client.ts';
import { experimentKeys, type Experiment } from './experiment-types.ts';
import { storeExperiment } from './store-experiment.ts';

/** What `PATCH /api/experiments/:id` changes: the name (`null` clears) and/or the favourite cell (`null` clears). */
export interface ExperimentChanges {
  name?: string | null;
  favouriteCell?: number | null;
}

/** `PATCH /api/experiments/:id`; answers the Experiment. */
function updateExperiment(id: string, changes: ExperimentChanges): Promise<Experiment> {
  return requestJson<Experiment>(`/api/experiments/${encodeURIComponent(id)}`, { method: 'PATCH', json: changes });
}

/** Renames an experiment or marks its favourite cell, keeping the answer in the cache. */
export function useUpdateExperiment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: experimentKeys.update(),
    mutationFn: ({ id, changes }: { id: string; changes: ExperimentChanges }) => updateExperiment(id, changes),
    onSuccess: (experiment) => storeExperiment(queryClient, experiment),
  });
}
