import { z } from 'zod';
import type { StudioConfig } from '../config.ts';
import type { StudioDatabase } from '../store/database.ts';

/** The largest limit accepted, in USD: far above any real budget, low enough to stay exact as a float. */
const MAX_BUDGET_LIMIT_USD = 1_000_000;

const limitSchema = z
  .number({ error: 'must be an amount in US dollars (a number such as 5 or 12.5), or null for no limit' })
  .min(0, { error: 'must be 0 or more (0 refuses every paid generation), or null for no limit' })
  .max(MAX_BUDGET_LIMIT_USD, { error: `must be at most ${MAX_BUDGET_LIMIT_USD.toLocaleString('en-US')} US dollars` })
  .nullable();

/**
 * Body of `PUT /api/budget`: `dailyUsd` and `monthlyUsd` in USD, `null`
 * removes a limit; a field left out keeps its current value. Unknown fields
 * are refused.
 */
export const budgetLimitsInputSchema = z.strictObject({ dailyUsd: limitSchema.optional(), monthlyUsd: limitSchema.optional() });
export type BudgetLimitsInput = z.infer<typeof budgetLimitsInputSchema>;

/** The limits in force, in USD (`null`: no limit), and where they come from. */
export interface BudgetLimits {
  dailyUsd: number | null;
  monthlyUsd: number | null;
  /** `stored`: set with `PUT /api/budget` (kept in SQLite); `environment`: `STUDIO_BUDGET_*_USD`, none stored yet. */
  source: 'stored' | 'environment';
}

interface LimitsRow {
  daily_usd: number | null;
  monthly_usd: number | null;
}

/**
 * The limits in force: the row stored by `PUT /api/budget`, or, while none is
 * stored, `STUDIO_BUDGET_DAILY_USD` / `STUDIO_BUDGET_MONTHLY_USD` as read at
 * start-up (`config.budgetLimits`).
 */
export function getBudgetLimits(database: StudioDatabase, config: StudioConfig): BudgetLimits {
  const row = database.prepare<[], LimitsRow>('SELECT daily_usd, monthly_usd FROM budget_limits WHERE id = 1').get();
  if (row) return { dailyUsd: row.daily_usd, monthlyUsd: row.monthly_usd, source: 'stored' };
  return { dailyUsd: config.budgetLimits.dailyUsd, monthlyUsd: config.budgetLimits.monthlyUsd, source: 'environment' };
}

/**
 * Stores the limits (fields left out keep the value in force, whether stored
 * or from the environment) and returns them. They outlive restarts.
 */
export function setBudgetLimits(database: StudioDatabase, config: StudioConfig, input: BudgetLimitsInput): BudgetLimits {
  return database.transaction(() => {
    const current = getBudgetLimits(database, config);
    const dailyUsd = input.dailyUsd === undefined ? current.dailyUsd : input.dailyUsd;
    const monthlyUsd = input.monthlyUsd === undefined ? current.monthlyUsd : input.monthlyUsd;
    database
      .prepare(
        `INSERT INTO budget_limits (id, daily_usd, monthly_usd, updated_at) VALUES (1, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET daily_usd = excluded.daily_usd, monthly_usd = excluded.monthly_usd, updated_at = excluded.updated_at`,
      )
      .run(dailyUsd, monthlyUsd, new Date().toISOString());
    return { dailyUsd, monthlyUsd, source: 'stored' as const };
  })();
}
