/**
 * The studio's one money format (USD), used by the form, the gallery, the
 * lightbox and the spend figures alike. Pure, no I/O.
 *
 * - A price (one offering, one request) is shown exactly, trailing zeros
 *   trimmed, at most 5 decimals and never fewer than 2:
 *   0.06979 -> "$0.06979", 0.138 -> "$0.138", 1.5 -> "$1.50",
 *   0.0894875 (AI/ML API's 178,975 credits) -> "$0.08949".
 * - A total of several generations (spend, a session, a day) is shown to the
 *   cent: 1.0662925 -> "$1.07".
 * - A range is "$0.48-$0.72"; an open one "from $0.08"; none "price not published".
 */

/** Most decimals a price is shown with. */
const PRICE_DECIMALS = 5;

/**
 * A price in USD: exact up to 5 decimals (rounded half away from zero at the
 * fifth), trailing zeros trimmed, at least 2 decimals. Negative amounts get a
 * leading "-". `NaN` and infinities raise a TypeError (a bug upstream, not a price).
 */
export function formatUsd(amount: number): string {
  if (!Number.isFinite(amount)) throw new TypeError(`formatUsd: ${amount} is not an amount of money`);
  const rounded = Math.round(Math.abs(amount) * 10 ** PRICE_DECIMALS) / 10 ** PRICE_DECIMALS;
  const sign = amount < 0 && rounded > 0 ? '-' : '';
  const [whole, decimals = ''] = rounded.toFixed(PRICE_DECIMALS).split('.');
  let trimmed = decimals.replace(/0+$/, '');
  if (trimmed.length < 2) trimmed = trimmed.padEnd(2, '0');
  return `${sign}$${Number(whole).toLocaleString('en-US')}.${trimmed}`;
}

/** A total or spend in USD, to the cent: 1.0662925 -> "$1.07", 0 -> "$0.00", 1234.5 -> "$1,234.50". */
export function formatUsdTotal(amount: number): string {
  if (!Number.isFinite(amount)) throw new TypeError(`formatUsdTotal: ${amount} is not an amount of money`);
  const sign = amount < 0 && Math.round(Math.abs(amount) * 100) > 0 ? '-' : '';
  return `${sign}$${Math.abs(amount).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/**
 * A USD range of prices: one figure when `min` equals `max` (to 5 decimals),
 * "$0.48-$0.72", "from $0.08" when no upper bound is published (`max` null),
 * "price not published" when nothing bounds it at all.
 */
export function formatUsdRange(min: number, max: number | null): string {
  if (max === null) return min === 0 ? 'price not published' : `from ${formatUsd(min)}`;
  const low = formatUsd(min);
  const high = formatUsd(max);
  return low === high ? low : `${low}-${high}`;
}

/** Rewrites long dollar figures inside a sentence ("$0.0894875") in the money format ("$0.08949"). */
export function formatUsdInText(text: string): string {
  return text.replace(/\$(\d+\.\d{6,})/g, (_match, digits: string) => formatUsd(Number(digits)));
}
