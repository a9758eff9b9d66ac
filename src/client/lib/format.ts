/**
 * Formats an amount in US dollars with as many decimals as it needs to be
 * exact, up to 7 (the catalog's prices have at most 7: AI/ML API's 178,975
 * credits are $0.0894875), and never fewer than 2: 0 -> "$0.00",
 * 0.06979 -> "$0.06979", 0.1424 -> "$0.1424", 0.138 -> "$0.138". Never rounds
 * $0.06979 to $0.07.
 */
export function formatUsd(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const fixed = Math.abs(amount).toFixed(7);
  const [whole, decimals = ''] = fixed.split('.');
  let trimmed = decimals.replace(/0+$/, '');
  if (trimmed.length < 2) trimmed = trimmed.padEnd(2, '0');
  return `${sign}$${whole}.${trimmed}`;
}

/**
 * Formats a USD range honestly: one figure when `min` equals `max`,
 * "$0.138–$0.1424", "from $0.08" when no upper bound is published (`max`
 * null), and "price not published" when nothing bounds it at all.
 */
export function formatUsdRange(min: number, max: number | null): string {
  if (max === null) return min === 0 ? 'price not published' : `from ${formatUsd(min)}`;
  if (Math.abs(max - min) < 1e-9) return formatUsd(min);
  return `${formatUsd(min)}–${formatUsd(max)}`;
}

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

/** Formats a byte count as "812 KB" or "3.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Formats a pixel size as "2752 × 1536". */
export function formatPixelSize(width: number, height: number): string {
  return `${width} × ${height}`;
}

/** Formats US dollars rounded to the cent, for running totals: 0.21219 -> "$0.21", 4.5 -> "$4.50", 1234.5 -> "$1,234.50". */
export function formatUsdCents(amount: number): string {
  return amount.toLocaleString('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
