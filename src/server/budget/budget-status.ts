import type { StudioConfig } from '../config.ts';
import type { StudioDatabase } from '../store/database.ts';
import { getBudgetLimits, type BudgetLimits } from './budget-limits.ts';
import { dayPeriod, monthPeriod, roundUsd, type BudgetPeriod } from './budget-periods.ts';

/**
 * SQL for what one finished generation counts against the budget, in USD
 * (docs/API.md "Budget and ledger"): the billed cost (`actual_cost`), else
 * the cost computed from reported usage (`computed_cost`), else, for a
 * succeeded generation, the estimate's `total` (its `max`, then `min`, where
 * no total is published). A failed generation counts only what the provider
 * reported billing; queued and running ones count under `reserved`.
 */
export const SPENT_SQL = `CASE
  WHEN status IN ('queued', 'running') THEN 0
  WHEN actual_cost IS NOT NULL THEN actual_cost
  WHEN computed_cost IS NOT NULL THEN computed_cost
  WHEN status = 'succeeded' THEN COALESCE(json_extract(estimated_cost_json, '$.total'), json_extract(estimated_cost_json, '$.max'),
    json_extract(estimated_cost_json, '$.min'), 0)
  ELSE 0 END`;

/** SQL for what one queued or running generation holds back, in USD: the upper bound it reserved when accepted. */
const RESERVED_SQL = `CASE
  WHEN status IN ('queued', 'running') THEN COALESCE(reserved_usd, json_extract(estimated_cost_json, '$.max'), json_extract(estimated_cost_json, '$.min'), 0)
  ELSE 0 END`;

/** Spent and reserved USD over one period. */
export interface PeriodSpend {
  /** USD counted for finished generations created in the period (SPENT_SQL). */
  spent: number;
  /** USD held back by generations of the period still queued or running (their upper bounds). */
  reserved: number;
}

/** One limit with its figures (docs/API.md `GET /api/budget` `daily` / `monthly`). */
interface BudgetPeriodStatus extends PeriodSpend {
  /** The limit, USD. */
  limit: number;
  /** `limit - spent - reserved`, never below 0, USD. */
  remaining: number;
  /** ISO 8601 time the period ends and the limit starts afresh (local midnight). */
  resetsAt: string;
}

/**
 * The answer of `GET /api/budget`: docs/API.md's `currency`, `daily` and
 * `monthly` (`null` without a limit), plus the extensions `source` (where the
 * limits come from), `today` and `thisMonth` (spent and reserved, with or
 * without a limit).
 */
export interface BudgetStatus {
  currency: 'USD';
  daily: BudgetPeriodStatus | null;
  monthly: BudgetPeriodStatus | null;
  source: BudgetLimits['source'];
  today: PeriodSpend & { resetsAt: string };
  thisMonth: PeriodSpend & { resetsAt: string };
}

/** Sums spent and reserved USD over generations created in `[period.start, period.end)`. */
export function sumPeriodSpend(database: StudioDatabase, period: BudgetPeriod): PeriodSpend {
  const row = database
    .prepare<[string, string], { spent: number | null; reserved: number | null }>(
      `SELECT SUM(${SPENT_SQL}) AS spent, SUM(${RESERVED_SQL}) AS reserved FROM generations WHERE created_at >= ? AND created_at < ?`,
    )
    .get(period.start, period.end);
  return { spent: roundUsd(row?.spent ?? 0), reserved: roundUsd(row?.reserved ?? 0) };
}

function periodStatus(limit: number | null, spend: PeriodSpend, period: BudgetPeriod): BudgetPeriodStatus | null {
  if (limit === null) return null;
  return { limit, ...spend, remaining: roundUsd(Math.max(0, limit - spend.spent - spend.reserved)), resetsAt: period.end };
}

/** The budget now: limits in force and the spent, reserved and remaining USD of today and this month (server's local time). */
export function getBudgetStatus(database: StudioDatabase, config: StudioConfig, now: Date = new Date()): BudgetStatus {
  const limits = getBudgetLimits(database, config);
  const day = dayPeriod(now);
  const month = monthPeriod(now);
  const today = sumPeriodSpend(database, day);
  const thisMonth = sumPeriodSpend(database, month);
  return {
    currency: 'USD',
    daily: periodStatus(limits.dailyUsd, today, day),
    monthly: periodStatus(limits.monthlyUsd, thisMonth, month),
    source: limits.source,
    today: { ...today, resetsAt: day.end },
    thisMonth: { ...thisMonth, resetsAt: month.end },
  };
}
