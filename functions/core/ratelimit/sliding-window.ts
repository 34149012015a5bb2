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
  read(subject: string, windowStart: number): Promise<WindowCounts>;
  /** Atomically adds one to the window starting at `windowStart` (epoch seconds). */
  increment(subject: string, windowStart: number, expiresAtEpoch: number): Promise<void>;
}

export interface SlidingWindowLimit {
  limit: number;
  windowSeconds: number;
}

export function windowStartOf(nowMs: number, windowSeconds: number): number {
  const now = Math.floor(nowMs / 1000);
  return now - (now % windowSeconds);
}

/** Seconds to wait before trying again, or undefined when under the limit. */
export function retryAfter(
  counts: WindowCounts,
  nowMs: number,
  { limit, windowSeconds }: SlidingWindowLimit,
) {
  const start = windowStartOf(nowMs, windowSeconds);
  const elapsed = nowMs / 1000 - start;
  const weight = Math.max(0, 1 - elapsed / windowSeconds);
  const estimate = counts.previous * weight + counts.current;
  if (estimate < limit) return undefined;
  return Math.max(1, Math.ceil(windowSeconds - elapsed));
}
