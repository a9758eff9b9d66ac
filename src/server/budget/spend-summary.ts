import type { StudioConfig } from '../config.ts';
import type { StudioDatabase } from '../store/database.ts';
import { getBudgetStatus, type BudgetStatus, SPENT_SQL } from './budget-status.ts';
import { localDate, roundUsd } from './budget-periods.ts';
import { listCostDrift, type CostDriftCase } from './cost-drift.ts';

/** Days in the Spend view's chart (today and the 29 before it). */
const SPEND_CHART_DAYS = 30;

/** One day of the chart: what the budget counts per provider, USD, on a local calendar date. */
export interface SpendDay {
  /** `YYYY-MM-DD` in the server's local time zone. */
  date: string;
  /** USD per provider id; providers with nothing that day are left out. */
  byProvider: Record<string, number>;
  total: number;
}

/** One row of the table by model and resolution (per provider). */
export interface SpendByOffering {
  provider: string;
  model: string;
  resolution: string | null;
  /** Generations counted (finished, over the chart's days). */
  generations: number;
  /** Images requested by them. */
  images: number;
  /** Sum of their estimates' expected totals, USD; `null` when any of them has no published total (see `estimatedMin`). */
  estimatedTotal: number | null;
  /** Sum of their estimates' lower bounds, USD. */
  estimatedMin: number;
  /** Sum of their billed costs, USD (those with none are left out of this sum). */
  billed: number;
  /** What the budget counts for them, USD. */
  spent: number;
}

/**
 * Extension `GET /api/spend/summary`: the Spend view's data. `budget` is
 * `GET /api/budget`; `days` the last SPEND_CHART_DAYS local days, oldest first
 * (days without spend included, with zeros); `byOffering` the same days by
 * provider, model and resolution, most spent first; `drift` every generation
 * whose cost left its estimate's range, newest first.
 */
export interface SpendSummary {
  currency: 'USD';
  budget: BudgetStatus;
  /** Providers that appear in `days`, most spent first. */
  providers: string[];
  days: SpendDay[];
  byOffering: SpendByOffering[];
  drift: CostDriftCase[];
}

/** Builds the Spend view's summary for the 30 local days ending today (server time zone). */
export function getSpendSummary(database: StudioDatabase, config: StudioConfig, now: Date = new Date()): SpendSummary {
  const first = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (SPEND_CHART_DAYS - 1));
  const since = first.toISOString();
  const dayRows = database
    .prepare<[string], { date: string; provider: string; spent: number }>(
      `SELECT date(created_at, 'localtime') AS date, provider, SUM(${SPENT_SQL}) AS spent
       FROM generations WHERE created_at >= ? AND status IN ('succeeded', 'failed') GROUP BY 1, 2`,
    )
    .all(since);
  const days: SpendDay[] = [];
  const index = new Map<string, SpendDay>();
  for (let offset = 0; offset < SPEND_CHART_DAYS; offset += 1) {
    const day: SpendDay = { date: localDate(new Date(first.getFullYear(), first.getMonth(), first.getDate() + offset)), byProvider: {}, total: 0 };
    days.push(day);
    index.set(day.date, day);
  }
  const providerTotals = new Map<string, number>();
  for (const row of dayRows) {
    const day = index.get(row.date);
    if (!day || row.spent <= 0) continue;
    day.byProvider[row.provider] = roundUsd(row.spent);
    day.total = roundUsd(day.total + row.spent);
    providerTotals.set(row.provider, (providerTotals.get(row.provider) ?? 0) + row.spent);
  }
  const byOffering = database
    .prepare<[string], SpendByOffering>(
      `SELECT provider, model, json_extract(request_json, '$.resolution') AS resolution, COUNT(*) AS generations,
         SUM(COALESCE(json_extract(request_json, '$.numberResults'), 1)) AS images,
         CASE WHEN COUNT(json_extract(estimated_cost_json, '$.total')) < COUNT(*) THEN NULL
           ELSE SUM(json_extract(estimated_cost_json, '$.total')) END AS estimatedTotal,
         SUM(json_extract(estimated_cost_json, '$.min')) AS estimatedMin, COALESCE(SUM(actual_cost), 0) AS billed,
         SUM(${SPENT_SQL}) AS spent
       FROM generations WHERE created_at >= ? AND status IN ('succeeded', 'failed')
       GROUP BY 1, 2, 3 ORDER BY spent DESC, generations DESC`,
    )
    .all(since)
    .map((row) => ({
      ...row,
      estimatedTotal: row.estimatedTotal === null ? null : roundUsd(row.estimatedTotal),
      estimatedMin: roundUsd(row.estimatedMin),
      billed: roundUsd(row.billed),
      spent: roundUsd(row.spent),
    }));
  return {
    currency: 'USD',
    budget: getBudgetStatus(database, config, now),
    providers: [...providerTotals.entries()].sort((a, b) => b[1] - a[1]).map(([provider]) => provider),
    days,
    byOffering,
    drift: listCostDrift(database),
  };
}
