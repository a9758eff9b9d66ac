import { useMutation, useQueryClient } from '@tanstack/react-query';
import { requestJson } from '../../../lib/api-client.ts';
import { experimentKeys, type Experiment, type ExperimentBody } from './experiment-types.ts';
import { storeExperiment } from './store-experiment.ts';

/** `POST /api/experiments` (202 Experiment); raises `ApiError` with `field: "variants.<i>.<field>"` for a bad cell. */
function createExperiment(body: ExperimentBody): Promise<Experiment> {
  return requestJson<Experiment>('/api/experiments', { method: 'POST', json: body });
}

/** Runs an experiment and keeps the answer in the cache. */
export function useCreateExperiment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: experimentKeys.create(),
    mutationFn: createExperiment,
    onSuccess: (experiment) => storeExperiment(queryClient, experiment),
  });
}
