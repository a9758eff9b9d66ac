import { getOfferingById, getModel, getProvider } from '../../catalog/catalog.ts';
import type { StudioDatabase } from '../store/database.ts';
import type { EstimatedCost } from '../store/generations-store.ts';
import { formatUsdForMessage } from './budget-reservation.ts';

/**
 * How far (as a share of the bound) a cost may sit outside its estimate's
 * range before it counts as drift: 1%, so that a published price rounded to
 * three digits (Gemini's "$0.134" for 1,120 tokens x $120 per million =
 * $0.1344) is not flagged, while a wrong catalog price is.
 */
const DRIFT_TOLERANCE = 0.01;

/** Half a thousandth of a cent: below this, USD amounts are equal whatever the tolerance says. */
const USD_EPSILON = 1e-6;

/** A cost outside its estimate's range (docs/API-EXTENSIONS.md "Drift"). */
export interface CostDrift {
  /** The billed cost (`actualCost`), or the cost computed from reported usage where nothing was billed, USD. */
  cost: number;
  /** `billed` (the provider's figure) or `computed` (from reported usage, e.g. Gemini tokens). */
  basis: 'billed' | 'computed';
  /** The estimate's range, USD (`max: null`: no published upper bound). */
  min: number;
  max: number | null;
  /** `above` the range or `below` it. */
  direction: 'above' | 'below';
}

function outside(cost: number, min: number, max: number | null): 'above' | 'below' | null {
  if (cost < min - Math.max(USD_EPSILON, min * DRIFT_TOLERANCE)) return 'below';
  if (max !== null && cost > max + Math.max(USD_EPSILON, max * DRIFT_TOLERANCE)) return 'above';
  return null;
}

/**
 * Whether a generation's cost left its estimate's range: the billed cost, or,
 * where the provider billed nothing, the cost computed from reported usage.
 * Returns `null` when there is no cost or it lies within `[min, max]` (give or
 * take DRIFT_TOLERANCE).
 */
export function findCostDrift(estimate: Pick<EstimatedCost, 'min' | 'max'>, actualCost: number | null, computedCost: number | null = null): CostDrift | null {
  const cost = actualCost ?? computedCost;
  if (cost === null) return null;
  const direction = outside(cost, estimate.min, estimate.max);
  if (!direction) return null;
  return { cost, basis: actualCost !== null ? 'billed' : 'computed', min: estimate.min, max: estimate.max, direction };
}

/** The warning a generation carries for its drift: what was billed, what was estimated, and what it probably means. */
function describeCostDrift(drift: CostDrift, offeringId: string): string {
  const range =
    drift.max === null
      ? `at least ${formatUsdForMessage(drift.min)}`
      : drift.max === drift.min
        ? formatUsdForMessage(drift.min)
        : `${formatUsdForMessage(drift.min)}-${formatUsdForMessage(drift.max)}`;
  const what = drift.basis === 'billed' ? 'The provider billed' : 'The reported usage comes to';
  return (
    `Cost outside the estimate: ${what} ${formatUsdForMessage(drift.cost)}, ${drift.direction} the estimated ${range}. ` +
    `The studio's price for ${offeringName(offeringId)} may be out of date; the Spend view lists every such case.`
  );
}

/** "Nano Banana 2 on Runware" for `runware/nano-banana-2`: the names a designer knows, not the offering id. */
function offeringName(offeringId: string): string {
  const offering = getOfferingById(offeringId);
  if (!offering) return offeringId;
  return `${getModel(offering.model)?.name ?? offering.model} on ${getProvider(offering.provider)?.name ?? offering.provider}`;
}

/** The drift warnings to add to a finished generation (none or one). */
export function costDriftWarnings(
  estimate: Pick<EstimatedCost, 'min' | 'max'>,
  offeringId: string,
  actualCost: number | null,
  computedCost: number | null,
): string[] {
  const drift = findCostDrift(estimate, actualCost, computedCost);
  return drift ? [describeCostDrift(drift, offeringId)] : [];
}

/** One generation whose cost left its estimate's range, for the Spend view's drift list. */
export interface CostDriftCase extends CostDrift {
  generationId: string;
  createdAt: string;
  provider: string;
  model: string;
  offeringId: string;
  resolution: string | null;
  numberImages: number;
  /** The estimate's expected total, USD (`null` where none is published). */
  estimatedTotal: number | null;
}

interface DriftRow {
  id: string;
  created_at: string;
  provider: string;
  model: string;
  offering_id: string;
  resolution: string | null;
  number_images: number | null;
  actual_cost: number | null;
  computed_cost: number | null;
  estimated_total: number | null;
  estimated_min: number;
  estimated_max: number | null;
}

/**
 * Every generation whose billed (or computed) cost lies outside its estimate's
 * range, newest first, at most `limit`. The candidates are narrowed in SQL and
 * confirmed with `findCostDrift`, so the list and the warnings agree.
 */
export function listCostDrift(database: StudioDatabase, limit = 500): CostDriftCase[] {
  const rows = database
    .prepare<[number], DriftRow>(
      `SELECT id, created_at, provider, model, offering_id,
         json_extract(request_json, '$.resolution') AS resolution, json_extract(request_json, '$.numberResults') AS number_images,
         actual_cost, computed_cost, json_extract(estimated_cost_json, '$.total') AS estimated_total,
         json_extract(estimated_cost_json, '$.min') AS estimated_min, json_extract(estimated_cost_json, '$.max') AS estimated_max
       FROM generations
       WHERE COALESCE(actual_cost, computed_cost) IS NOT NULL
         AND (COALESCE(actual_cost, computed_cost) < json_extract(estimated_cost_json, '$.min')
           OR COALESCE(actual_cost, computed_cost) > json_extract(estimated_cost_json, '$.max'))
       ORDER BY created_at DESC, id DESC LIMIT ?`,
    )
    .all(limit * 4);
  const cases: CostDriftCase[] = [];
  for (const row of rows) {
    const drift = findCostDrift({ min: row.estimated_min, max: row.estimated_max }, row.actual_cost, row.computed_cost);
    if (!drift) continue;
    cases.push({
      ...drift,
      generationId: row.id,
      createdAt: row.created_at,
      provider: row.provider,
      model: row.model,
      offeringId: row.offering_id,
      resolution: row.resolution,
      numberImages: row.number_images ?? 1,
      estimatedTotal: row.estimated_total,
    });
    if (cases.length >= limit) break;
  }
  return cases;
}
