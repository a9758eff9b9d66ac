import { useQuery } from '@tanstack/react-query';
import { experimentQueryOptions } from '../api/get-experiment.ts';

/**
 * One experiment kept up to date while it runs: live `experiment` events
 * (`GET /api/events`) write it into the query cache as each cell ends; while
 * the stream is down, a running experiment is asked for every 700 ms.
 */
export function useLiveExperiment(id: string) {
  return useQuery(experimentQueryOptions(id));
}
