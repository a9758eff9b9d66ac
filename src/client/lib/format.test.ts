import { describe, expect, it } from 'vitest';
import { formatDuration, formatElapsed, formatUsdTotal } from './format.ts';

describe('durations', () => {
  it('formats ms for the lightbox and elapsed time for pending cards', () => {
    expect(formatDuration(319)).toBe('319 ms');
    expect(formatDuration(8123)).toBe('8.1 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatElapsed(7_900)).toBe('0:07');
    expect(formatElapsed(92_000)).toBe('1:32');
  });
});

describe('formatUsdTotal', () => {
  it('rounds running totals to the cent', () => {
    expect(formatUsdTotal(0)).toBe('$0.00');
    expect(formatUsdTotal(0.21219)).toBe('$0.21');
    expect(formatUsdTotal(0.345)).toBe('$0.35');
    expect(formatUsdTotal(1234.5)).toBe('$1,234.50');
  });
});
