import { useMutation, useQueryClient } from '@tanstack/react-query';
import { requestJson } from '../../../lib/api-client.ts';
import { experimentKeys, type Experiment } from './experiment-types.ts';
import { storeExperiment } from './store-experiment.ts';

/** `POST /api/experiments/:id/cells/:index/retry`: runs a failed cell again; answers the Experiment. */
function retryExperimentCell(id: string, index: number): Promise<Experiment> {
  return requestJson<Experiment>(`/api/experiments/${encodeURIComponent(id)}/cells/${index}/retry`, { method: 'POST' });
}

/** Runs a failed cell again, keeping the answer in the cache (polling resumes, as it is running again). */
export function useRetryExperimentCell() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: experimentKeys.retryCell(),
    mutationFn: ({ id, index }: { id: string; index: number }) => retryExperimentCell(id, index),
    onSuccess: (experiment) => storeExperiment(queryClient, experiment),
  });
}
