import type { Price, Source } from './types.ts';

/**
 * A published, uncontested price in USD. `note` (optional) tells designers
 * where the figure comes from when that matters, e.g. a rate quoted by a third party.
 */
export function exactPrice(usd: number, from: Source, note?: string): Price {
  const price: Price = { exact: true, min: usd, max: usd, expected: usd, source: from };
  return note === undefined ? price : { ...price, note };
}

/**
 * A price the documents leave open, in USD: bounded by `min`/`max` (`max: null`
 * when no upper bound is published), with the figure the studio expects
 * (`null` when the documents support none) and a note saying why.
 */
export function openPrice(bounds: { min: number; max: number | null; expected: number | null }, from: Source, note: string): Price {
  return { exact: false, min: bounds.min, max: bounds.max, expected: bounds.expected, source: from, note };
}
