// A sliding-window counter (two fixed windows, the previous one weighted by how much of it still
// overlaps the last `windowSeconds`). Counters live in DynamoDB so limits survive cold starts and
// hold across concurrent Lambdas.

export interface WindowCounts {
  /** Failures counted in the current fixed window. */
  current: number;
  /** Failures counted in the previous fixed window. */
  previous: number;
}

export interface RateLimitCounterStore {
  /** The counts of the window starting at `windowStart` and of the one before it. */
  read(subject: string, windowStart: number, windowSeconds: number): Promise<WindowCounts>;
  /**
   * Atomically adds one to the window starting at `windowStart` (epoch seconds) unless it already
   * holds `ceiling` or more; false when refused. The condition is what makes a limit hold against
   * parallel callers: a read-then-add lets every caller that read before the others added through.
   */
  incrementBelow(
    subject: string,
    windowStart: number,
    ceiling: number,
    expiresAtEpoch: number,
  ): Promise<boolean>;
  /** Gives one back (a reserved attempt that turned out not to count). */
  decrement(subject: string, windowStart: number): Promise<void>;
}

export interface SlidingWindowLimit {
  limit: number;
  windowSeconds: number;
}

export function windowStartOf(nowMs: number, windowSeconds: number): number {
  const now = Math.floor(nowMs / 1000);
  return now - (now % windowSeconds);
}

function weightOfPrevious(nowMs: number, windowSeconds: number) {
  const elapsed = nowMs / 1000 - windowStartOf(nowMs, windowSeconds);
  return { elapsed, weight: Math.max(0, 1 - elapsed / windowSeconds) };
}

/** Seconds to wait before trying again, or undefined when under the limit. */
export function retryAfter(
  counts: WindowCounts,
  nowMs: number,
  { limit, windowSeconds }: SlidingWindowLimit,
) {
  const { elapsed, weight } = weightOfPrevious(nowMs, windowSeconds);
  const estimate = counts.previous * weight + counts.current;
  if (estimate < limit) return undefined;
  return Math.max(1, Math.ceil(windowSeconds - elapsed));
}

/**
 * The current window's count below which one more attempt keeps the estimate under the limit; the
 * previous window is closed, so only the current one can move under parallel callers.
 */
export function ceilingOfCurrent(
  previous: number,
  nowMs: number,
  { limit, windowSeconds }: SlidingWindowLimit,
) {
  return limit - previous * weightOfPrevious(nowMs, windowSeconds).weight;
}

/** An attempt counted before it is judged; `release()` gives it back when it must not count. */
export interface Reservation {
  release(): Promise<void>;
}

/**
 * Counts one attempt atomically, or throws what `refuse(wait)` makes when the limit is reached.
 * `previous` is the closed window's count, read beforehand (often beside other reads).
 */
export async function reserveAttempt<E extends Error>(
  store: RateLimitCounterStore,
  subject: string,
  counts: WindowCounts,
  nowMs: number,
  limit: SlidingWindowLimit,
  refuse: (retryAfterSeconds: number) => E,
): Promise<Reservation> {
  const start = windowStartOf(nowMs, limit.windowSeconds);
  const wait = () => Math.max(1, Math.ceil(limit.windowSeconds - (nowMs / 1000 - start)));
  const ceiling = ceilingOfCurrent(counts.previous, nowMs, limit);
  if (counts.current >= ceiling) throw refuse(wait());
  const taken = await store.incrementBelow(subject, start, ceiling, start + 3 * limit.windowSeconds);
  // Lost to parallel callers: their slots are given back as soon as they succeed, so a second is
  // worth trying again after (a full window is judged by the read above on the next call).
  if (!taken) throw refuse(1);
  return { release: () => store.decrement(subject, start) };
}
