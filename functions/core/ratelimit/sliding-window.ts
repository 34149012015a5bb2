// A sliding window kept as a few fixed buckets (a sixth of the window each). Every bucket that
// overlaps the last `windowSeconds` counts in full, so the limit never lets more than `limit`
// attempts through within any `windowSeconds` — a window straddling two minutes included — and
// refuses at most one bucket longer than a log of every attempt would. (Two windows with the older
// one weighted by its overlap, the usual approximation, let up to ~2× the limit through when the
// attempts straddle the boundary.) Counters live in DynamoDB so limits survive cold starts and hold
// across concurrent Lambdas.

export const BUCKETS_PER_WINDOW = 6;

export interface WindowCounts {
  /** The closed buckets that still overlap the window, oldest first (`BUCKETS_PER_WINDOW` of them). */
  closed: number[];
  /** The bucket `nowMs` falls in: the only one parallel callers can still move. */
  current: number;
}

export interface RateLimitCounterStore {
  /** The counts of the buckets starting at `bucketStarts` (epoch seconds), in that order; 0 if none. */
  read(subject: string, bucketStarts: number[]): Promise<number[]>;
  /**
   * Atomically adds one to a bucket unless it already holds `ceiling` or more, a closed bucket has
   * grown since it was read, or a later bucket has begun; false when refused. The condition is what
   * makes a limit hold against parallel callers: a read-then-add lets every caller that read before
   * the others added through, and a caller whose read is a bucket old would otherwise count in a
   * window that later callers have already judged full.
   */
  incrementBelow(increment: GuardedIncrement): Promise<boolean>;
  /** Gives one back (a reserved attempt that turned out not to count). */
  decrement(subject: string, bucketStart: number): Promise<void>;
}

export interface GuardedIncrement {
  subject: string;
  /** The bucket to add one to (epoch seconds of its start). */
  bucketStart: number;
  ceiling: number;
  expiresAtEpoch: number;
  /** The closed buckets as the caller read them: refused if any now holds more. */
  closedAsRead: Array<{ start: number; count: number }>;
  /** The buckets after this one that share a window with it: refused if any holds an attempt. */
  later: number[];
}

export interface SlidingWindowLimit {
  limit: number;
  windowSeconds: number;
}

const bucketSecondsOf = ({ windowSeconds }: SlidingWindowLimit) =>
  Math.max(1, Math.ceil(windowSeconds / BUCKETS_PER_WINDOW));

/** The start (epoch seconds) of the bucket `nowMs` falls in. */
function bucketStartOf(nowMs: number, limit: SlidingWindowLimit) {
  const size = bucketSecondsOf(limit);
  const now = Math.floor(nowMs / 1000);
  return now - (now % size);
}

/** The starts of the buckets that count at `nowMs`: the closed ones oldest first, then the current. */
function bucketStarts(nowMs: number, limit: SlidingWindowLimit) {
  const size = bucketSecondsOf(limit);
  const current = bucketStartOf(nowMs, limit);
  return Array.from({ length: BUCKETS_PER_WINDOW + 1 }, (_, i) => current - (BUCKETS_PER_WINDOW - i) * size);
}

/** Reads a subject's counts as they stand at `nowMs` (one batched read). */
export async function readWindow(
  store: RateLimitCounterStore,
  subject: string,
  nowMs: number,
  limit: SlidingWindowLimit,
): Promise<WindowCounts> {
  const counts = await store.read(subject, bucketStarts(nowMs, limit));
  return { closed: counts.slice(0, BUCKETS_PER_WINDOW), current: counts[BUCKETS_PER_WINDOW] ?? 0 };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/**
 * Seconds to wait before one more attempt is under the limit, or undefined when it is already: the
 * time until enough of the oldest buckets have slid out of the window.
 */
export function retryAfter(counts: WindowCounts, nowMs: number, limit: SlidingWindowLimit) {
  let total = sum(counts.closed) + counts.current;
  if (total < limit.limit) return undefined;
  const size = bucketSecondsOf(limit);
  const current = bucketStartOf(nowMs, limit);
  const buckets = [...counts.closed, counts.current];
  let i = 0;
  for (; i < buckets.length; i++) {
    total -= buckets[i] ?? 0;
    if (total < limit.limit) break;
  }
  // Bucket i (oldest first) stops counting when the bucket BUCKETS_PER_WINDOW after it closes.
  const freeAt = current + (i + 1) * size;
  return Math.max(1, Math.ceil(freeAt - nowMs / 1000));
}

/** The counter an attempt was counted in. */
export interface CounterRef {
  subject: string;
  bucketStart: number;
}

/**
 * An attempt counted before it is judged; `release()` gives it back when it must not count (or a
 * caller gives `counter` back in a write of its own).
 */
export interface Reservation {
  counter: CounterRef;
  release(): Promise<void>;
}

/**
 * Counts one attempt atomically, or throws what `refuse(wait)` makes when the limit is reached.
 * `counts` were read beforehand (often beside other reads); only the current bucket can have moved
 * since, and the conditional increment judges that one.
 */
export async function reserveAttempt<E extends Error>(
  store: RateLimitCounterStore,
  subject: string,
  counts: WindowCounts,
  nowMs: number,
  limit: SlidingWindowLimit,
  refuse: (retryAfterSeconds: number) => E,
): Promise<Reservation> {
  const wait = retryAfter(counts, nowMs, limit);
  if (wait !== undefined) throw refuse(wait);
  const starts = bucketStarts(nowMs, limit);
  const start = starts[BUCKETS_PER_WINDOW]!;
  const size = bucketSecondsOf(limit);
  const taken = await store.incrementBelow({
    subject,
    bucketStart: start,
    ceiling: limit.limit - sum(counts.closed),
    expiresAtEpoch: start + 3 * limit.windowSeconds,
    closedAsRead: counts.closed.map((count, i) => ({ start: starts[i]!, count })),
    later: Array.from({ length: BUCKETS_PER_WINDOW }, (_, i) => start + (i + 1) * size),
  });
  // Lost to parallel callers (their slots are given back as soon as they succeed) or to the clock (a
  // newer bucket began): a second is worth trying again after, judged by a fresh read.
  if (!taken) throw refuse(1);
  return { counter: { subject, bucketStart: start }, release: () => store.decrement(subject, start) };
}

/** Reads and counts in one go, for callers with nothing to read beside the counters. */
export async function countAttempt<E extends Error>(
  store: RateLimitCounterStore,
  subject: string,
  nowMs: number,
  limit: SlidingWindowLimit,
  refuse: (retryAfterSeconds: number) => E,
): Promise<Reservation> {
  const counts = await readWindow(store, subject, nowMs, limit);
  return reserveAttempt(store, subject, counts, nowMs, limit, refuse);
}
