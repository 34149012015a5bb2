import { RateLimited } from '../errors';
import {
  type RateLimitCounterStore,
  type Reservation,
  readWindow,
  reserveAttempt,
  retryAfter,
  type WindowCounts,
} from './sliding-window';

// api.md: after 20 unknown or expired barcodes within 60 s from one partner, its barcode calls
// answer 429 rate_limited with Retry-After. Malformed codes are refused before they count.
// Every well-formed guess is counted BEFORE the code is looked up and given back only when it hit:
// counting after the look-up let 60 parallel guesses all through before any of them was counted.

export const BARCODE_GUESS_LIMIT = { limit: 20, windowSeconds: 60 };

const subject = (partnerId: string) => `barcode-miss#${partnerId}`;

/** The 429 of the guessing limit; it counts itself (BarcodeGuessesRefused) where errors are answered. */
export class GuessingRefused extends RateLimited {
  readonly metric = { name: 'BarcodeGuessesRefused', channel: 'barcode' } as const;
}

/** The partner's recent misses; 429 when it is over the limit already. */
export async function readGuessing(store: RateLimitCounterStore, partnerId: string, now = Date.now()) {
  const counts = await readWindow(store, subject(partnerId), now, BARCODE_GUESS_LIMIT);
  const wait = retryAfter(counts, now, BARCODE_GUESS_LIMIT);
  if (wait !== undefined) throw new GuessingRefused(wait);
  return counts;
}

/** Counts this guess as a miss up front (429 if that would pass the limit); `release()` on a hit. */
export function reserveGuess(
  store: RateLimitCounterStore,
  partnerId: string,
  counts: WindowCounts,
  now = Date.now(),
): Promise<Reservation> {
  return reserveAttempt(
    store,
    subject(partnerId),
    counts,
    now,
    BARCODE_GUESS_LIMIT,
    (wait) => new GuessingRefused(wait),
  );
}
