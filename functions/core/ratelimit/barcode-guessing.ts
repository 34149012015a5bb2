import { RateLimited } from '../errors';
import { type RateLimitCounterStore, retryAfter, windowStartOf } from './sliding-window';

// api.md: after 20 unknown or expired barcodes within 60 s from one partner, its barcode calls
// answer 429 rate_limited with Retry-After. Malformed codes are refused before they count.

export const BARCODE_GUESS_LIMIT = { limit: 20, windowSeconds: 60 };

const subject = (partnerId: string) => `barcode-miss#${partnerId}`;

export async function refuseIfGuessing(store: RateLimitCounterStore, partnerId: string, now = Date.now()) {
  const start = windowStartOf(now, BARCODE_GUESS_LIMIT.windowSeconds);
  const counts = await store.read(subject(partnerId), start);
  const wait = retryAfter(counts, now, BARCODE_GUESS_LIMIT);
  if (wait !== undefined) throw new RateLimited(wait);
}

export async function countBarcodeMiss(store: RateLimitCounterStore, partnerId: string, now = Date.now()) {
  const start = windowStartOf(now, BARCODE_GUESS_LIMIT.windowSeconds);
  await store.increment(subject(partnerId), start, start + 3 * BARCODE_GUESS_LIMIT.windowSeconds);
}
