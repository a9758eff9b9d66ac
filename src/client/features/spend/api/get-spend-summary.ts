import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SpendSummary } from '../../../../server/budget/spend-summary.ts';
import { requestJson } from '../../../lib/api-client.ts';
import { spendKeys } from '../../../api/spend-keys.ts';

export type { SpendByOffering, SpendDay } from '../../../../server/budget/spend-summary.ts';
export type { CostDriftCase } from '../../../../server/budget/cost-drift.ts';

/** `GET /api/spend/summary`: the budget, 30 days by provider, spend by model and resolution, and every cost outside its estimate. */
function getSpendSummary(): Promise<SpendSummary> {
  return requestJson<SpendSummary>('/api/spend/summary');
}

/** Query options for the Spend view's summary (under `spend`: refreshed when a generation ends, and every 30 s). */
const spendSummaryQueryOptions = queryOptions({ queryKey: spendKeys.summary(), queryFn: getSpendSummary, refetchInterval: 30_000, staleTime: 2_000 });

/** The Spend view's summary. */
export function useSpendSummary() {
  return useQuery(spendSummaryQueryOptions);
}
