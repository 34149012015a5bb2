import type { RateLimitCounterStore } from '../../../functions/core/ratelimit/sliding-window';

/** The rate-limit counters in memory, with the conditional increment's semantics. */
export function memoryRateLimits(): RateLimitCounterStore {
  const counts = new Map<string, number>();
  const key = (subject: string, start: number) => `${subject}@${start}`;
  return {
    async read(subject, bucketStarts) {
      return bucketStarts.map((start) => counts.get(key(subject, start)) ?? 0);
    },
    async incrementBelow(subject, windowStart, ceiling) {
      const current = counts.get(key(subject, windowStart)) ?? 0;
      if (current >= ceiling) return false;
      counts.set(key(subject, windowStart), current + 1);
      return true;
    },
    async decrement(subject, windowStart) {
      counts.set(key(subject, windowStart), (counts.get(key(subject, windowStart)) ?? 1) - 1);
    },
  };
}
