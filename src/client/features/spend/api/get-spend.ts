import { queryOptions, useQuery } from '@tanstack/react-query';
import { requestJson } from '../../../lib/api-client.ts';
import type { SpendSummary } from '../../../api/types.ts';
import { spendKeys } from '../../../api/spend-keys.ts';

/** `GET /api/spend?since=<ISO>`: what providers billed since that moment, USD. */
function getSpend(since: string): Promise<SpendSummary> {
  return requestJson<SpendSummary>(`/api/spend?since=${encodeURIComponent(since)}`);
}

/** Query options for the spend since a moment (refetched every 30 s). */
function spendQueryOptions(since: string) {
  return queryOptions({ queryKey: spendKeys.since(since), queryFn: () => getSpend(since), refetchInterval: 30_000, staleTime: 5_000 });
}

/** The billed total since `since` (refreshed when a generation ends and every 30 s). */
export function useSpend(since: string) {
  return useQuery(spendQueryOptions(since));
}
