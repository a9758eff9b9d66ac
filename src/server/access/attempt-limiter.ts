/** Wrong tokens one address may send within `WINDOW_MS` before it is refused (docs/API.md "Access beyond this computer"). */
export const MAX_WRONG_ATTEMPTS = 10;
/** The counting window and the length of a block, ms: one minute. */
const ATTEMPT_WINDOW_MS = 60_000;
/** Addresses remembered at most; the oldest are forgotten first (bounded memory under a spray of addresses). */
const MAX_ADDRESSES = 10_000;

interface AddressRecord {
  /** Times (ms since the epoch) of the wrong attempts in the current window. */
  failures: number[];
  /** Until when (ms since the epoch) the address is refused, 0 when it is not. */
  blockedUntil: number;
}

/**
 * Counts wrong access tokens per client address: after `MAX_WRONG_ATTEMPTS`
 * within `ATTEMPT_WINDOW_MS`, the address is refused for `ATTEMPT_WINDOW_MS`.
 * In memory only; `now` is injectable for tests.
 */
export class AttemptLimiter {
  private readonly records = new Map<string, AddressRecord>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until `address` may try again, or 0 when it may try now. */
  blockedFor(address: string): number {
    const record = this.records.get(address);
    if (!record) return 0;
    return Math.max(0, record.blockedUntil - this.now());
  }

  /** Records one wrong token from `address`; returns true when this attempt starts a block. */
  recordFailure(address: string): boolean {
    const now = this.now();
    const record = this.records.get(address) ?? { failures: [], blockedUntil: 0 };
    this.records.delete(address);
    record.failures = record.failures.filter((time) => now - time < ATTEMPT_WINDOW_MS);
    record.failures.push(now);
    let blocked = false;
    if (record.failures.length >= MAX_WRONG_ATTEMPTS) {
      record.blockedUntil = now + ATTEMPT_WINDOW_MS;
      record.failures = [];
      blocked = true;
    }
    this.records.set(address, record);
    if (this.records.size > MAX_ADDRESSES) {
      const oldest = this.records.keys().next();
      if (!oldest.done) this.records.delete(oldest.value);
    }
    return blocked;
  }
}
