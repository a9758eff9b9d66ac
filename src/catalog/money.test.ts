import { describe, expect, it } from 'vitest';
import { formatUsd, formatUsdInText, formatUsdRange, formatUsdTotal } from './money.ts';

describe('formatUsd: one price', () => {
  it('trims trailing zeros, keeps at least 2 and at most 5 decimals', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.06979)).toBe('$0.06979');
    expect(formatUsd(0.06895 + 3 * 0.00028)).toBe('$0.06979');
    expect(formatUsd(0.1424)).toBe('$0.1424');
    expect(formatUsd(0.138)).toBe('$0.138');
    expect(formatUsd(0.28)).toBe('$0.28');
    expect(formatUsd(1.5)).toBe('$1.50');
    expect(formatUsd(12)).toBe('$12.00');
    expect(formatUsd(178_975 / 2_000_000)).toBe('$0.08949');
    expect(formatUsd(0.178975)).toBe('$0.17898');
    expect(formatUsd(-0.5)).toBe('-$0.50');
    expect(formatUsd(1234.5)).toBe('$1,234.50');
  });
  it('refuses what is not an amount', () => {
    expect(() => formatUsd(Number.NaN)).toThrow(TypeError);
  });
});

describe('formatUsdTotal: totals and spend', () => {
  it('rounds to the cent', () => {
    expect(formatUsdTotal(1.0662925)).toBe('$1.07');
    expect(formatUsdTotal(0)).toBe('$0.00');
    expect(formatUsdTotal(0.004)).toBe('$0.00');
    expect(formatUsdTotal(1234.5)).toBe('$1,234.50');
  });
});

describe('formatUsdRange', () => {
  it('shows ranges with a hyphen, floors and unpublished prices', () => {
    expect(formatUsdRange(0.48, 0.72)).toBe('$0.48-$0.72');
    expect(formatUsdRange(0.138, 0.1424)).toBe('$0.138-$0.1424');
    expect(formatUsdRange(0.08, null)).toBe('from $0.08');
    expect(formatUsdRange(0, null)).toBe('price not published');
    expect(formatUsdRange(0.039, 0.039)).toBe('$0.039');
  });
  it('rewrites long figures in sentences', () => {
    expect(formatUsdInText('178,975 credits = $0.0894875; that is')).toBe('178,975 credits = $0.08949; that is');
  });
});
