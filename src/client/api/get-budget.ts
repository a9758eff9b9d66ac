import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CostEstimate } from '../../catalog/types.ts';
import type { BudgetStatus } from '../../server/budget/budget-status.ts';
import { formatUsd, formatUsdTotal } from '../lib/format.ts';
import { requestJson } from '../lib/api-client.ts';
import { spendKeys } from './spend-keys.ts';

export type { BudgetStatus } from '../../server/budget/budget-status.ts';

/** `GET /api/budget`: the daily and monthly limits with spent, reserved and remaining USD (docs/API.md "Budget and ledger"). */
function getBudget(): Promise<BudgetStatus> {
  return requestJson<BudgetStatus>('/api/budget');
}

/**
 * Query options for the budget. The key sits under `spend`, so whatever
 * refreshes the spend (a generation ending) refreshes the budget too; also
 * refetched every 30 s.
 */
export const budgetQueryOptions = queryOptions({ queryKey: spendKeys.budget(), queryFn: getBudget, refetchInterval: 30_000, staleTime: 2_000 });

/** The budget now (header, studio form, Spend view). */
export function useBudget() {
  return useQuery(budgetQueryOptions);
}

/**
 * What the server counts a run as at most, in USD: the estimate's `max`, or
 * its `min` where no upper bound is published (the server may count more for
 * an open price, from costs it has billed before, and then says so).
 */
export function estimateUpperBound(estimate: CostEstimate | null): number {
  if (!estimate) return 0;
  return estimate.max ?? estimate.min;
}

/** What remains under the tightest limit in force (USD), with the limit's name; `null` without any limit. */
export function remainingBudget(budget: BudgetStatus | undefined): { usd: number; period: 'today' | 'this month' } | null {
  if (!budget) return null;
  const candidates = [
    budget.daily ? { usd: budget.daily.remaining, period: 'today' as const } : null,
    budget.monthly ? { usd: budget.monthly.remaining, period: 'this month' as const } : null,
  ].filter((candidate) => candidate !== null);
  if (candidates.length === 0) return null;
  return candidates.reduce((tightest, candidate) => (candidate.usd < tightest.usd ? candidate : tightest));
}

/**
 * Why the budget would refuse this run, as a sentence for the Generate
 * button, or `null` when it fits (or costs nothing: local previews always pass).
 */
export function budgetRefusal(estimate: CostEstimate | null, budget: BudgetStatus | undefined): string | null {
  const bound = estimateUpperBound(estimate);
  if (!budget || bound <= 0) return null;
  for (const [status, label] of [
    [budget.daily, "today's budget"],
    [budget.monthly, "this month's budget"],
  ] as const) {
    if (status && bound > status.remaining + 1e-9) {
      return `Over ${label}: this run may cost up to ${formatUsd(bound)} and ${formatUsdTotal(status.remaining)} of ${formatUsdTotal(status.limit)} remains.`;
    }
  }
  return null;
}
