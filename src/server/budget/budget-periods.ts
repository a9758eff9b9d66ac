/**
 * The budget's periods in the server's local time zone (docs/API.md "Budget
 * and ledger": "Days and months follow the server's local time zone").
 */

/** A half-open time window `[start, end)` as ISO 8601 UTC strings, comparable with the stored `created_at`. */
export interface BudgetPeriod {
  /** Local midnight that opens the period, as ISO 8601 UTC. */
  start: string;
  /** Local midnight that ends it (exclusive): when the budget resets. */
  end: string;
}

/** Today in the server's local time zone: from local midnight to the next. */
export function dayPeriod(now: Date = new Date()): BudgetPeriod {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { start: start.toISOString(), end: end.toISOString() };
}

/** This calendar month in the server's local time zone: from the 1st at local midnight to the 1st of the next month. */
export function monthPeriod(now: Date = new Date()): BudgetPeriod {
  const start = new Date(now.getFullYear(), now.getMonth(), 1);
  const end = new Date(now.getFullYear(), now.getMonth() + 1, 1);
  return { start: start.toISOString(), end: end.toISOString() };
}

/** The local calendar date `YYYY-MM-DD` of a moment (the server's time zone), as SQLite's `date(x, 'localtime')` gives it. */
export function localDate(moment: Date): string {
  const month = String(moment.getMonth() + 1).padStart(2, '0');
  const day = String(moment.getDate()).padStart(2, '0');
  return `${moment.getFullYear()}-${month}-${day}`;
}

/** Rounds float noise away from a USD sum (1e-9 USD, as the catalog's estimates do). */
export function roundUsd(amount: number): number {
  return Math.round(amount * 1e9) / 1e9;
}
