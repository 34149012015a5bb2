import type { RateLimitCounterStore } from '../../../functions/core/ratelimit/sliding-window';

/** The rate-limit counters in memory, with the guarded conditional increment's semantics. */
export function memoryRateLimits(): RateLimitCounterStore {
  const counts = new Map<string, number>();
  const key = (subject: string, start: number) => `${subject}@${start}`;
  const countOf = (subject: string, start: number) => counts.get(key(subject, start)) ?? 0;
  return {
    async read(subject, bucketStarts) {
      return bucketStarts.map((start) => countOf(subject, start));
    },
    async incrementBelow({ subject, bucketStart, ceiling, closedAsRead, later }) {
      const current = countOf(subject, bucketStart);
      if (current >= ceiling) return false;
      if (closedAsRead.some(({ start, count }) => countOf(subject, start) > count)) return false;
      if (later.some((start) => countOf(subject, start) > 0)) return false;
      counts.set(key(subject, bucketStart), current + 1);
      return true;
    },
    async decrement(subject, bucketStart) {
      counts.set(key(subject, bucketStart), (counts.get(key(subject, bucketStart)) ?? 1) - 1);
    },
  };
}
