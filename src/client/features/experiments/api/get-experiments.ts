import { queryOptions, useQuery } from '@tanstack/react-query';
import { requestJson } from '../../../lib/api-client.ts';
import { experimentKeys, type ExperimentPage } from './experiment-types.ts';

/** `GET /api/experiments`: the 60 newest, without embedded generations. */
function getExperiments(signal?: AbortSignal): Promise<ExperimentPage> {
  return requestJson<ExperimentPage>('/api/experiments?limit=60', signal ? { signal } : {});
}

/** Query options for the saved experiments. */
const experimentsQueryOptions = queryOptions({ queryKey: experimentKeys.list(), queryFn: ({ signal }) => getExperiments(signal) });

/** The saved experiments, newest first. */
export function useExperiments() {
  return useQuery(experimentsQueryOptions);
}
