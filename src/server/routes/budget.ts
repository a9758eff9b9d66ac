import { Hono } from 'hono';
import { ApiError } from '../api-error.ts';
import { budgetLimitsInputSchema, setBudgetLimits } from '../budget/budget-limits.ts';
import { getBudgetStatus } from '../budget/budget-status.ts';
import type { Studio } from '../studio.ts';
import { readJsonBody } from './route-helpers.ts';

/**
 * docs/API.md "Budget and ledger": `GET /api/budget` (the limits with spent,
 * reserved, remaining and reset time) and `PUT /api/budget` with
 * `{dailyUsd, monthlyUsd}` (USD, `null` removes a limit, a field left out is
 * kept), which stores them and answers like GET. 400 `invalid_request` names
 * the field at fault.
 */
export function createBudgetRoutes(studio: Studio) {
  return new Hono()
    .get('/', (context) => context.json(getBudgetStatus(studio.database, studio.config), 200))
    .put('/', async (context) => {
      const parsed = budgetLimitsInputSchema.safeParse(await readJsonBody(context));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        if (!issue) throw new Error('PUT /api/budget: the body was refused without an issue');
        const field = issue.code === 'unrecognized_keys' ? (issue.keys[0] ?? '') : String(issue.path[0] ?? '');
        const message =
          issue.code === 'unrecognized_keys'
            ? `${field} is not a budget setting; send dailyUsd and/or monthlyUsd.`
            : field
              ? `${field} ${issue.message}.`
              : 'Send a JSON object such as {"dailyUsd": 5, "monthlyUsd": null}.';
        const allowed = issue.code === 'unrecognized_keys' ? { allowed: ['dailyUsd', 'monthlyUsd'] } : {};
        throw new ApiError(400, 'invalid_request', message, { field: field || 'body', ...allowed });
      }
      setBudgetLimits(studio.database, studio.config, parsed.data);
      return context.json(getBudgetStatus(studio.database, studio.config), 200);
    });
}
