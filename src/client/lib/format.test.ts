import { describe, expect, it } from 'vitest';
import { formatDuration, formatElapsed, formatUsd, formatUsdCents, formatUsdRange } from './format.ts';

describe('formatUsd', () => {
  it('shows as many decimals as the price needs, never rounding a published price away', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.06979)).toBe('$0.06979');
    expect(formatUsd(0.06895 + 3 * 0.00028)).toBe('$0.06979');
    expect(formatUsd(0.1424)).toBe('$0.1424');
    expect(formatUsd(0.138)).toBe('$0.138');
    expect(formatUsd(0.28)).toBe('$0.28');
    expect(formatUsd(1.5)).toBe('$1.50');
    expect(formatUsd(12)).toBe('$12.00');
    expect(formatUsd(178_975 / 2_000_000)).toBe('$0.0894875');
  });

  it('shows open prices as ranges, floors, or unpublished', () => {
    expect(formatUsdRange(0.138, 0.1424)).toBe('$0.138–$0.1424');
    expect(formatUsdRange(0.08, null)).toBe('from $0.08');
    expect(formatUsdRange(0, null)).toBe('price not published');
    expect(formatUsdRange(0.039, 0.039)).toBe('$0.039');
  });
});

describe('durations', () => {
  it('formats ms for the lightbox and elapsed time for pending cards', () => {
    expect(formatDuration(319)).toBe('319 ms');
    expect(formatDuration(8123)).toBe('8.1 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatElapsed(7_900)).toBe('0:07');
    expect(formatElapsed(92_000)).toBe('1:32');
  });
});

describe('formatUsdCents', () => {
  it('rounds running totals to the cent', () => {
    expect(formatUsdCents(0)).toBe('$0.00');
    expect(formatUsdCents(0.21219)).toBe('$0.21');
    expect(formatUsdCents(0.345)).toBe('$0.35');
    expect(formatUsdCents(1234.5)).toBe('$1,234.50');
  });
});
