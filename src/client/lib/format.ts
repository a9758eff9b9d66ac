/**
 * The money format lives in one module, src/catalog/money.ts (prices exact to
 * 5 decimals, totals to the cent, ranges "$0.48-$0.72"); re-exported here so
 * client code has one import path for all its formatting.
 */
export { formatUsd, formatUsdRange, formatUsdTotal } from '../../catalog/money.ts';

/** Formats a duration in ms as "850 ms", "8.1 s" or "2 min 05 s". */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  const seconds = milliseconds / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.floor(seconds % 60);
  return `${minutes} min ${String(rest).padStart(2, '0')} s`;
}

/** Formats elapsed seconds for a pending card: "0:07", "1:32". */
export function formatElapsed(milliseconds: number): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
