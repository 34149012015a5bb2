import { describe, expect, it } from 'vitest';
import {
  countAttempt,
  readWindow,
  reserveAttempt,
  type SlidingWindowLimit,
} from '../../../functions/core/ratelimit/sliding-window';
import { memoryRateLimits } from '../support/memory-rate-limits';

const LIMIT: SlidingWindowLimit = { limit: 20, windowSeconds: 60 };
class Refused extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('refused');
  }
}

/** Counts one attempt at `atMs`; the Retry-After when refused, undefined when let through. */
async function attempt(store: ReturnType<typeof memoryRateLimits>, atMs: number) {
  try {
    await countAttempt(store, 'partner', atMs, LIMIT, (wait) => new Refused(wait));
    return undefined;
  } catch (error) {
    if (error instanceof Refused) return error.retryAfterSeconds;
    throw error;
  }
}

const minute = 1_700_000_040_000; // a whole minute in epoch ms

describe('sliding-window rate limit', () => {
  it('refuses the 21st attempt within 60 s when the attempts straddle two minutes', async () => {
    const store = memoryRateLimits();
    for (let i = 0; i < 10; i++) expect(await attempt(store, minute - 2_000 + i * 100)).toBeUndefined();
    for (let i = 0; i < 10; i++) expect(await attempt(store, minute + 1_000 + i * 100)).toBeUndefined();
    expect(await attempt(store, minute + 3_000)).toBeGreaterThan(0);
  });

  it('lets at most 20 through when parallel attempts read on both sides of a bucket boundary', async () => {
    // 30 callers read the counters just before a bucket boundary and 30 just after, all before any of
    // them counts; then the two groups count, in either order. The later group read the earlier bucket
    // as empty, so only the guard on what it read keeps the two groups from both getting 20.
    for (const order of ['earlier first', 'later first'] as const) {
      const store = memoryRateLimits();
      const before = minute + 9_900;
      const after = minute + 10_100;
      const reads = async (atMs: number) =>
        Promise.all(Array.from({ length: 30 }, () => readWindow(store, 'partner', atMs, LIMIT)));
      const [earlier, later] = [await reads(before), await reads(after)];
      const count = async (counts: typeof earlier, atMs: number) =>
        (
          await Promise.allSettled(
            counts.map((read) =>
              reserveAttempt(store, 'partner', read, atMs, LIMIT, (wait) => new Refused(wait)),
            ),
          )
        ).filter((outcome) => outcome.status === 'fulfilled').length;
      const groups =
        order === 'earlier first'
          ? [await count(earlier, before), await count(later, after)]
          : [await count(later, after), await count(earlier, before)];
      expect(groups[0], order).toBe(20);
      expect(groups[1], order).toBe(0);
    }
  });

  it('answers a Retry-After after which an attempt is let through again, and not before', async () => {
    const store = memoryRateLimits();
    for (let i = 0; i < 20; i++) expect(await attempt(store, minute + 5_000)).toBeUndefined();
    const wait = await attempt(store, minute + 6_000);
    expect(wait).toBeGreaterThanOrEqual(54);
    expect(wait).toBeLessThanOrEqual(64);
    expect(await attempt(store, minute + 6_000 + (wait! - 1) * 1000)).toBeGreaterThan(0);
    expect(await attempt(store, minute + 6_000 + wait! * 1000)).toBeUndefined();
  });

  it('lets 20 attempts through in any 60 s, never 21, over five minutes of steady attempts', async () => {
    const store = memoryRateLimits();
    const allowed: number[] = [];
    for (let at = minute; at < minute + 300_000; at += 700) {
      if ((await attempt(store, at)) === undefined) allowed.push(at);
    }
    for (const start of allowed) {
      expect(allowed.filter((at) => at >= start && at < start + 60_000).length).toBeLessThanOrEqual(20);
    }
    // And it is not a lock-out: steady attempts keep getting through about 20 a minute.
    expect(allowed.length).toBeGreaterThanOrEqual(80);
  });
});
