import { Hono } from 'hono';
import { ApiError } from '../api-error.ts';
import { getSpendSummary } from '../budget/spend-summary.ts';
import type { Studio } from '../studio.ts';

/**
 * Extension `GET /api/spend?since=<ISO 8601 time>`: 200 `{currency: 'USD',
 * total, count, since, computed: {total, count}}`: the billed cost
 * (`actualCost`, or `computedCost` where the provider bills no figure, as
 * Gemini) summed over generations created at or after `since` (all time when
 * omitted) and how many had a cost; `computed` is the part computed from
 * reported usage. 400 `invalid_request` for a bad time.
 * `GET /api/spend/summary`: the Spend view's data (budget/spend-summary.ts):
 * the budget, 30 local days by provider, a table by model and resolution,
 * and every cost outside its estimate.
 */
export function createSpendRoutes(studio: Studio) {
  return new Hono()
    .get('/', (context) => {
      const sinceParameter = context.req.query('since');
      let since = new Date(0).toISOString();
      if (sinceParameter !== undefined) {
        const time = Date.parse(sinceParameter);
        if (Number.isNaN(time)) {
          throw new ApiError(400, 'invalid_request', `since "${sinceParameter}" is not a time; send an ISO 8601 time such as 2026-11-21T00:00:00.000Z.`, {
            field: 'since',
          });
        }
        since = new Date(time).toISOString();
      }
      const { total, count, computedTotal, computedCount } = studio.generations.sumActualCostSince(since);
      return context.json({ currency: 'USD' as const, total, count, since, computed: { total: computedTotal, count: computedCount } }, 200);
    })
    .get('/summary', (context) => context.json(getSpendSummary(studio.database, studio.config), 200));
}
