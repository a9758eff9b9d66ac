import { useQuery } from '@tanstack/react-query';
import { experimentQueryOptions } from '../api/get-experiment.ts';

/**
 * One experiment kept up to date while it runs. Until `GET /api/events`
 * writes experiments into the query cache, this asks the server again every
 * 700 ms while the experiment is `running` (TanStack Query
 * `refetchInterval`); switching to events changes only this hook.
 */
export function useLiveExperiment(id: string) {
  return useQuery(experimentQueryOptions(id));
}
