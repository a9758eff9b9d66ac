import { z } from 'zod';
import { getOffering } from '../../catalog/catalog.ts';
import type { ModelId, ProviderId } from '../../catalog/types.ts';

/** Most cells one experiment may have (docs/API.md "Experiments"). */
const MAX_EXPERIMENT_VARIANTS = 24;
/** Longest experiment name, in characters. */
export const MAX_EXPERIMENT_NAME_LENGTH = 200;
/** Shared seeds are drawn from 0..2^31-1, like the local provider's, so they stay short to read and type back. */
const SHARED_SEED_MAX = 2 ** 31 - 1;

/**
 * How the studio lays the cells out (extension): `columns` cells per row, with
 * optional labels for the rows and columns of a two-axis grid. Only used for
 * display and the contact sheet; the cells are `variants` in row-major order.
 */
const experimentLayoutSchema = z
  .object({
    columns: z.number().int().min(1).max(MAX_EXPERIMENT_VARIANTS),
    rowLabels: z.array(z.string().max(200)).max(MAX_EXPERIMENT_VARIANTS).optional(),
    columnLabels: z.array(z.string().max(200)).max(MAX_EXPERIMENT_VARIANTS).optional(),
  })
  .strict();

export type ExperimentLayout = z.infer<typeof experimentLayoutSchema>;

/** A partial GenerationRequest: each field is checked per cell, against the cell's own offering, by `prepareGeneration`. */
const partialRequestSchema = z.record(z.string(), z.unknown());

/**
 * The body of `POST /api/experiments`: `base` (a partial GenerationRequest),
 * 1 to 24 `variants` laid over it, an optional `name` (at most 200
 * characters) and the extension `layout`. Unknown top-level fields are refused.
 */
export const experimentBodySchema = z
  .object({
    name: z.string().max(MAX_EXPERIMENT_NAME_LENGTH).optional(),
    base: partialRequestSchema,
    variants: z.array(partialRequestSchema).min(1).max(MAX_EXPERIMENT_VARIANTS),
    layout: experimentLayoutSchema.optional(),
  })
  .strict();

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One cell's request: `base` with `variant` laid over it field by field, and
 * `advanced` key by key. A variant field set to `null` removes the base's
 * value (e.g. `thinking: null` for an offering without thinking). Pure.
 */
export function expandVariant(base: Record<string, unknown>, variant: Record<string, unknown>): Record<string, unknown> {
  const cell: Record<string, unknown> = withoutNullFields(base, variant);
  for (const [field, value] of Object.entries(variant)) {
    // A null field was left out above.
    if (value === null) continue;
    if (field === 'advanced' && isPlainObject(value) && isPlainObject(cell.advanced)) {
      const advanced: Record<string, unknown> = withoutNullFields(cell.advanced, value);
      for (const [key, setting] of Object.entries(value)) {
        if (setting !== null) advanced[key] = setting;
      }
      cell.advanced = advanced;
    } else {
      cell[field] = value;
    }
  }
  return cell;
}

/** `values` without the fields that `overrides` sets to null, in their order. */
function withoutNullFields(values: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const removed = new Set(
    Object.entries(overrides)
      .filter(([, value]) => value === null)
      .map(([field]) => field),
  );
  return Object.fromEntries(Object.entries(values).filter(([field]) => !removed.has(field)));
}

/** Every cell's request, in the order of `variants`. */
export function expandVariants(base: Record<string, unknown>, variants: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  return variants.map((variant) => expandVariant(base, variant));
}

/**
 * When no cell sets `seed`, one seed for every cell whose offering takes one
 * (catalog `Offering.seed`), drawn uniformly within 0..2^31-1 and every such
 * offering's range. Returns the cells with the seed added, and the seed
 * (`null` when a cell sets its own, or no cell's offering takes a seed).
 * Cells of unknown offerings are left as they are (validation refuses them).
 */
export function shareSeed(
  cells: Array<Record<string, unknown>>,
  random: () => number = Math.random,
): { cells: Array<Record<string, unknown>>; seed: number | null } {
  if (cells.some((cell) => cell.seed !== undefined)) return { cells, seed: null };
  const seeded = cells.map((cell) => getOffering(cell.provider as ProviderId, cell.model as ModelId)?.seed ?? null);
  const ranges = seeded.filter((range) => range !== null);
  if (ranges.length === 0) return { cells, seed: null };
  const low = Math.max(0, ...ranges.map((range) => range.min));
  const high = Math.min(SHARED_SEED_MAX, ...ranges.map((range) => range.max ?? SHARED_SEED_MAX));
  if (high < low) return { cells, seed: null };
  const seed = low + Math.floor(random() * (high - low + 1));
  return { cells: cells.map((cell, index) => (seeded[index] ? { ...cell, seed } : cell)), seed };
}
