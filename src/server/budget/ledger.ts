import { stringify } from 'csv-stringify/sync';
import type { StudioDatabase } from '../store/database.ts';
import { SPENT_SQL } from './budget-status.ts';
import { findCostDrift } from './cost-drift.ts';

/**
 * One row of the ledger (docs/API.md `GET /api/ledger`): a generation with
 * its estimate and billed cost side by side, USD. Beyond API.md:
 * `computedCost` (from reported usage), `spent` (what the budget counts) and
 * `drift` (the cost left the estimate's range).
 */
export interface LedgerRow {
  id: string;
  createdAt: string;
  /** `null` until it ends. */
  finishedAt: string | null;
  provider: string;
  model: string;
  resolution: string | null;
  /** Images requested (`numberResults`), the count the estimate is for. */
  numberImages: number;
  status: string;
  /** The estimate's expected total; `null` where no single figure is published. */
  estimatedTotal: number | null;
  estimatedMin: number;
  /** `null`: no published upper bound. */
  estimatedMax: number | null;
  /** What the provider billed; `null` where it said nothing (or not yet). */
  actualCost: number | null;
  /** Cost computed from reported usage (Gemini tokens); `null` otherwise. */
  computedCost: number | null;
  /** What the budget counts for it (budget-status.ts SPENT_SQL); 0 while queued or running. */
  spent: number;
  /** Whether the billed (or computed) cost lies outside the estimate's range. */
  drift: boolean;
}

/** The ledger's columns, in order: the CSV header. */
export const LEDGER_COLUMNS = [
  'id',
  'createdAt',
  'finishedAt',
  'provider',
  'model',
  'resolution',
  'numberImages',
  'status',
  'estimatedTotal',
  'estimatedMin',
  'estimatedMax',
  'actualCost',
  'computedCost',
  'spent',
  'drift',
] as const satisfies ReadonlyArray<keyof LedgerRow>;

interface LedgerSqlRow {
  id: string;
  created_at: string;
  finished_at: string | null;
  provider: string;
  model: string;
  resolution: string | null;
  number_images: number | null;
  status: string;
  estimated_total: number | null;
  estimated_min: number;
  estimated_max: number | null;
  actual_cost: number | null;
  computed_cost: number | null;
  spent: number;
}

/**
 * Every generation created in `[from, to)` (ISO 8601; either may be omitted),
 * oldest first, as ledger rows.
 */
export function listLedgerRows(database: StudioDatabase, range: { from?: string | undefined; to?: string | undefined } = {}): LedgerRow[] {
  const rows = database
    .prepare<[string, string], LedgerSqlRow>(
      `SELECT id, created_at, finished_at, provider, model, json_extract(request_json, '$.resolution') AS resolution,
         json_extract(request_json, '$.numberResults') AS number_images, status,
         json_extract(estimated_cost_json, '$.total') AS estimated_total, json_extract(estimated_cost_json, '$.min') AS estimated_min,
         json_extract(estimated_cost_json, '$.max') AS estimated_max, actual_cost, computed_cost, ${SPENT_SQL} AS spent
       FROM generations WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id`,
    )
    .all(range.from ?? '', range.to ?? '\uffff');
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    provider: row.provider,
    model: row.model,
    resolution: row.resolution,
    numberImages: row.number_images ?? 1,
    status: row.status,
    estimatedTotal: row.estimated_total,
    estimatedMin: row.estimated_min,
    estimatedMax: row.estimated_max,
    actualCost: row.actual_cost,
    computedCost: row.computed_cost,
    spent: row.spent,
    drift: findCostDrift({ min: row.estimated_min, max: row.estimated_max }, row.actual_cost, row.computed_cost) !== null,
  }));
}

/**
 * The ledger as CSV (RFC 4180, csv-stringify): a header row of LEDGER_COLUMNS,
 * then one row per generation; `null` is an empty cell, booleans are
 * `true`/`false`, numbers keep every digit.
 */
export function ledgerToCsv(rows: LedgerRow[]): string {
  return stringify(rows, {
    header: true,
    columns: [...LEDGER_COLUMNS],
    cast: { boolean: (value) => (value ? 'true' : 'false'), number: (value) => String(value) },
  });
}
