import { formatUsd } from '../../catalog/money.ts';
import { ApiError } from '../api-error.ts';
import type { StudioConfig } from '../config.ts';
import type { PreparedGeneration } from '../generations/create-generation.ts';
import type { StudioDatabase } from '../store/database.ts';
import { getBudgetLimits } from './budget-limits.ts';
import { dayPeriod, monthPeriod, roundUsd, type BudgetPeriod } from './budget-periods.ts';
import { sumPeriodSpend } from './budget-status.ts';

/** Sums that differ by less than this (USD) are equal: 5 x $0.06895 must fit a $0.34475 budget despite float noise. */
const USD_TOLERANCE = 1e-9;

/** What a generation may cost at most, as the budget counts it. */
interface BudgetUpperBound {
  /** USD: the estimate's `max`, or the open-price rule below. */
  usd: number;
  /** Set where the published prices give no upper bound: how `usd` was found, as a sentence. */
  openPriceNote: string | null;
}

/** What the budget check needs: the database and the start-up settings (a `Studio` has both). */
export interface BudgetContext {
  database: StudioDatabase;
  config: StudioConfig;
}

/** Formats USD for messages in the studio's one money format (src/catalog/money.ts): $0.06979, $5.00, at most 5 decimals. */
export function formatUsdForMessage(amount: number): string {
  return formatUsd(amount);
}

/**
 * The upper bound of a prepared generation (docs/API.md "Budget and ledger"):
 * the estimate's `max`; where the published prices give none, the larger of
 * the estimate's `min` and the highest billed cost per image recorded for the
 * same offering and resolution, times the images requested. USD.
 */
function computeUpperBound(database: StudioDatabase, prepared: PreparedGeneration): BudgetUpperBound {
  const { estimate, request, offeringId } = prepared;
  if (estimate.max !== null) return { usd: estimate.max, openPriceNote: null };
  const images = Math.max(1, request.numberResults);
  const row = database
    .prepare<[string, string], { highest: number | null }>(
      `SELECT MAX(actual_cost / MAX(1, COALESCE(json_extract(request_json, '$.numberResults'), 1))) AS highest
       FROM generations WHERE offering_id = ? AND actual_cost IS NOT NULL AND json_extract(request_json, '$.resolution') = ?`,
    )
    .get(offeringId, request.resolution);
  const highest = row?.highest ?? null;
  const where = `${offeringId} at ${request.resolution}`;
  if (highest === null) {
    return {
      usd: estimate.min,
      openPriceNote:
        `Its price has no published upper bound and no billed cost is recorded yet for ${where}, ` +
        `so its upper bound is the estimate's minimum, ${formatUsdForMessage(estimate.min)}.`,
    };
  }
  const recorded = roundUsd(highest * images);
  return {
    usd: Math.max(estimate.min, recorded),
    openPriceNote:
      `Its price has no published upper bound, so its upper bound is the larger of the estimate's minimum (${formatUsdForMessage(estimate.min)}) ` +
      `and the highest billed cost recorded for ${where} (${formatUsdForMessage(roundUsd(highest))} per image${images > 1 ? ` × ${images}` : ''}).`,
  };
}

function resetTime(period: BudgetPeriod): string {
  return new Date(period.end).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * Refuses (402 `budget_exceeded`) when `spent + reserved` plus the batch's
 * upper bounds would pass the daily or monthly limit. A batch whose upper
 * bound is 0 (the `local` provider) always passes. Reads only; call it inside
 * the transaction that inserts, or as an early check before storing anything.
 *
 * @param bounds one upper bound per generation of the batch.
 * @throws ApiError 402 whose message gives the limit, spent, reserved and the upper bound.
 */
function assertWithinBudget(context: BudgetContext, bounds: BudgetUpperBound[], now: Date = new Date()): void {
  const batch = roundUsd(bounds.reduce((sum, bound) => sum + bound.usd, 0));
  if (batch <= 0) return;
  const limits = getBudgetLimits(context.database, context.config);
  const periods = [
    { name: 'daily', label: "today's budget", limit: limits.dailyUsd, period: dayPeriod(now) },
    { name: 'monthly', label: "this month's budget", limit: limits.monthlyUsd, period: monthPeriod(now) },
  ] as const;
  for (const { name, label, limit, period } of periods) {
    if (limit === null) continue;
    const { spent, reserved } = sumPeriodSpend(context.database, period);
    if (spent + reserved + batch <= limit + USD_TOLERANCE) continue;
    const remaining = roundUsd(Math.max(0, limit - spent - reserved));
    const what = bounds.length === 1 ? 'This generation could cost up to' : `These ${bounds.length} generations could cost up to`;
    const notes = [...new Set(bounds.map((bound) => bound.openPriceNote).filter((note): note is string => note !== null))];
    throw new ApiError(
      402,
      'budget_exceeded',
      `${what} ${formatUsdForMessage(batch)}, which would pass ${label} of ${formatUsdForMessage(limit)}: ` +
        `${formatUsdForMessage(spent)} is spent and ${formatUsdForMessage(reserved)} reserved by generations still running, ` +
        `so ${formatUsdForMessage(remaining)} remains. Raise the ${name} budget in Spend, choose fewer or cheaper images, ` +
        `or wait until it resets (${resetTime(period)}, server time).` +
        (notes.length > 0 ? ` ${notes.join(' ')}` : ''),
      { field: name === 'daily' ? 'dailyUsd' : 'monthlyUsd' },
    );
  }
}

/**
 * Checks a batch against the budget without reserving anything: the early
 * refusal made before reference images are stored. Throws as `assertWithinBudget`.
 */
export function checkBudget(context: BudgetContext, prepared: PreparedGeneration[]): void {
  assertWithinBudget(
    context,
    prepared.map((item) => computeUpperBound(context.database, item)),
  );
}

/**
 * Checks a whole batch against the budget and reserves it, in ONE SQLite
 * transaction (`BEGIN IMMEDIATE`) with the insert of its generations, so
 * concurrent requests cannot pass a limit together: reads spent + reserved,
 * compares with the batch's upper bounds, calls `insert` (which must insert
 * the generations synchronously, e.g. `studio.generations.insertGeneration`
 * per item, and return them in the order of `prepared`), then records each
 * generation's upper bound as its reservation. Nothing is inserted when the
 * budget refuses. Experiments call this with all their cells, so an
 * experiment over budget is refused whole.
 *
 * @throws ApiError 402 `budget_exceeded`; whatever `insert` throws (the transaction is rolled back).
 */
export function reserveBudget<T extends { id: string }>(context: BudgetContext, prepared: PreparedGeneration[], insert: () => T[]): T[] {
  const { database } = context;
  const transaction = database.transaction(() => {
    const bounds = prepared.map((item) => computeUpperBound(database, item));
    assertWithinBudget(context, bounds);
    const created = insert();
    if (created.length !== prepared.length) {
      throw new Error(`reserveBudget: insert returned ${created.length} generations for ${prepared.length} prepared ones`);
    }
    const saveReservation = database.prepare('UPDATE generations SET reserved_usd = ? WHERE id = ?');
    created.forEach((generation, index) => {
      const bound = bounds[index];
      if (!bound) throw new Error(`reserveBudget: no upper bound was computed for generation ${index}`);
      saveReservation.run(bound.usd, generation.id);
    });
    return created;
  });
  return transaction.immediate();
}
