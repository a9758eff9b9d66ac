import { queryOptions } from '@tanstack/react-query';
import { requestJson } from '../../../lib/api-client.ts';
import { useLiveConnectionStore } from '../../../lib/live-connection-store.ts';
import { experimentKeys, type Experiment } from './experiment-types.ts';

/** How often a running experiment is asked for again while the live events stream is down, ms. */
const RUNNING_EXPERIMENT_POLL_MS = 700;

/** `GET /api/experiments/:id`: cells with their generations embedded; raises `ApiError` (404 `not_found`). */
function getExperiment(id: string, signal?: AbortSignal): Promise<Experiment> {
  return requestJson<Experiment>(`/api/experiments/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

/**
 * Query options for one experiment. Live `experiment` events write it into the
 * cache (src/client/app/use-live-events.ts); only while that stream is down is
 * a `running` experiment asked for again every 700 ms.
 */
export function experimentQueryOptions(id: string) {
  return queryOptions({
    queryKey: experimentKeys.one(id),
    queryFn: ({ signal }) => getExperiment(id, signal),
    refetchInterval: (query) => (query.state.data?.status === 'running' && !useLiveConnectionStore.getState().connected ? RUNNING_EXPERIMENT_POLL_MS : false),
  });
}
