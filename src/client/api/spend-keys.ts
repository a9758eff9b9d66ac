/**
 * Query keys of spend and budget (TanStack Query key factory). Everything sits under `all`, so refreshing the spend
 * after a generation ends (wired in src/client/app/) refreshes the header meter, the budget and the Spend view at once.
 * Shared by the studio form and header (budget) and the spend feature, so it lives beside `get-budget.ts`.
 */
export const spendKeys = {
  all: ['spend'] as const,
  /** `GET /api/budget`. */
  budget: () => [...spendKeys.all, 'budget'] as const,
  /** `GET /api/spend/summary`. */
  summary: () => [...spendKeys.all, 'summary'] as const,
  /** `GET /api/spend?since=` (an ISO date, or null for all time). */
  since: (since: string | null) => [...spendKeys.all, 'since', since] as const,
  /** `GET /api/ledger?from=`. */
  ledger: (from: string | null) => [...spendKeys.all, 'ledger', from] as const,
  /** `PUT /api/budget`. */
  updateBudget: () => [...spendKeys.all, 'update-budget'] as const,
};
