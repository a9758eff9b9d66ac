import { describe, expect, it } from 'vitest';
import { pollUntil, STILL_PROCESSING, type PollSchedule } from './polling.ts';

const schedule: PollSchedule = { firstDelayMs: 20, initialDelayMs: 20, backoffFactor: 2, maxDelayMs: 50, overallTimeoutMs: 5_000 };

describe('pollUntil', () => {
  it('waits the first delay, then backs off x factor up to the cap, until the check answers', async () => {
    const asked: number[] = [];
    const started = performance.now();
    const result = await pollUntil({
      provider: 'runflow',
      signal: new AbortController().signal,
      schedule,
      check: () => {
        asked.push(performance.now() - started);
        return Promise.resolve(asked.length < 4 ? STILL_PROCESSING : 'done');
      },
      timeoutError: () => new Error('timed out'),
    });
    expect(result).toBe('done');
    // Waits of 20 (first), then 40, 50 (capped), 50 ms: each check comes at least that long after the one before.
    const gaps = asked.map((at, index) => at - (asked[index - 1] ?? 0));
    expect(gaps[0]).toBeGreaterThanOrEqual(19);
    expect(gaps[1]).toBeGreaterThanOrEqual(39);
    expect(gaps[2]).toBeGreaterThanOrEqual(49);
    expect(gaps[3]).toBeGreaterThanOrEqual(49);
  });

  it('ends with the timeout error when the task is still processing after the overall limit', async () => {
    const error = await pollUntil({
      provider: 'runware',
      signal: new AbortController().signal,
      schedule: { ...schedule, overallTimeoutMs: 150 },
      check: () => Promise.resolve(STILL_PROCESSING),
      timeoutError: () => new Error('Runware did not finish the task'),
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ message: 'Runware did not finish the task' });
  });

  it('stops at once on a cancel, and passes on an error the check throws', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('Cancelled by the user')), 30);
    const cancelled = await pollUntil({
      provider: 'runware',
      signal: controller.signal,
      schedule: { ...schedule, maxDelayMs: 10_000, initialDelayMs: 10_000 },
      check: () => Promise.resolve(STILL_PROCESSING),
      timeoutError: () => new Error('timed out'),
    }).catch((caught: unknown) => caught);
    expect(cancelled).toMatchObject({ kind: 'cancelled', providerCode: 'cancelled' });
    const refused = await pollUntil({
      provider: 'runflow',
      signal: new AbortController().signal,
      schedule,
      check: () => Promise.reject(new Error('Runflow run failed')),
      timeoutError: () => new Error('timed out'),
    }).catch((caught: unknown) => caught);
    expect(refused).toMatchObject({ message: 'Runflow run failed' });
  });
});
