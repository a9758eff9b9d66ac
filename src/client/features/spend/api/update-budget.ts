import { useMutation, useQueryClient } from '@tanstack/react-query';
import { budgetQueryOptions, type BudgetStatus } from '../../../api/get-budget.ts';
import type { BudgetLimitsInput } from '../../../../server/budget/budget-limits.ts';
import { requestJson } from '../../../lib/api-client.ts';
import { spendKeys } from '../../../api/spend-keys.ts';

/** `PUT /api/budget`: stores the limits (USD, `null` removes one, a field left out is kept); answers like GET. */
function putBudget(limits: BudgetLimitsInput): Promise<BudgetStatus> {
  return requestJson<BudgetStatus>('/api/budget', { method: 'PUT', json: limits });
}

/** Saves the limits and refreshes everything under `spend`. Errors are `ApiError` with the server's message. */
export function useUpdateBudget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: spendKeys.updateBudget(),
    mutationFn: putBudget,
    onSuccess: (status) => {
      queryClient.setQueryData(budgetQueryOptions.queryKey, status);
      void queryClient.invalidateQueries({ queryKey: spendKeys.all });
    },
  });
}
