import { queryOptions } from '@tanstack/react-query';
import { requestJson } from '../../../lib/api-client.ts';
import { experimentKeys, type Experiment } from './experiment-types.ts';

/** How often a running experiment is asked for again, ms, until live events take over. */
export const RUNNING_EXPERIMENT_POLL_MS = 700;

/** `GET /api/experiments/:id`: cells with their generations embedded; raises `ApiError` (404 `not_found`). */
export function getExperiment(id: string, signal?: AbortSignal): Promise<Experiment> {
  return requestJson<Experiment>(`/api/experiments/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

/** Query options for one experiment, asked for again every 700 ms while it is `running`. */
export function experimentQueryOptions(id: string) {
  return queryOptions({
    queryKey: experimentKeys.one(id),
    queryFn: ({ signal }) => getExperiment(id, signal),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? RUNNING_EXPERIMENT_POLL_MS : false),
  });
}
