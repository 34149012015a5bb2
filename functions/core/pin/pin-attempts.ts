import { type DomainError, PinInvalid, PinLocked } from '../errors';

// Brute-force limit on consent PINs (docs/api.md): after MAX_PIN_ATTEMPTS wrong PINs in a row, consent
// is locked for PIN_LOCK_SECONDS; a right PIN resets the count. The 1st–4th wrong PIN answer
// pin_invalid with 4…1 attempts left, the 5th answers pin_invalid with 0 left and starts the lock, and
// every attempt during the lock answers pin_locked — without even checking the PIN, so the lock cannot
// be used as an oracle. When the lock ends the count starts again from zero.
//
// State shape, chosen so one conditional write suffices for a wrong PIN:
//   SET failedAttempts = failedAttempts + 1, lockedUntil = :nowPlusLock  IF failedAttempts < :max
// `lockedUntil` is rewritten by every failure and only takes effect once failedAttempts reaches the
// maximum; the condition stops the count (and so freezes lockedUntil) at the 5th failure, so concurrent
// guesses can never exceed the limit. If a condition fails, re-read and decide again (it is locked).
// Report attemptsLeft from the count the update returns (ReturnValues UPDATED_NEW) via attemptsLeftAfter,
// since a concurrent failure may have counted in between.
export const MAX_PIN_ATTEMPTS = 5;
/** The first lock; every further lock without a right PIN in between doubles it, up to a day. */
export const PIN_LOCK_SECONDS = 900;
export const MAX_PIN_LOCK_SECONDS = 86_400;

/** How long the lock lasts after `lockouts` earlier locks with no right PIN since. */
export function pinLockSeconds(lockouts: number): number {
  return Math.min(PIN_LOCK_SECONDS * 2 ** Math.min(lockouts, 16), MAX_PIN_LOCK_SECONDS);
}

export interface PinAttemptState {
  failedAttempts: number;
  /** ISO instant; in force only while failedAttempts >= MAX_PIN_ATTEMPTS. */
  lockedUntil?: string;
  /** Locks since the last right PIN (each one doubles the next). */
  lockouts?: number;
}

export type PinOutcome =
  | { outcome: 'ok' }
  | { outcome: 'invalid'; attemptsLeft: number }
  | { outcome: 'locked'; retryAfterSeconds: number };

/** What the adapter must write, as a conditional update on the stored state. */
export type PinAttemptWrite =
  /** Locked: nothing to write. */
  | { kind: 'none' }
  /**
   * Right PIN: SET failedAttempts = 0 REMOVE lockedUntil, lockouts IF failedAttempts < :max OR lockedUntil <= :now
   * (a lock that a concurrent request has just started wins).
   */
  | { kind: 'reset' }
  /** Wrong PIN: SET failedAttempts = failedAttempts + 1, lockedUntil = :lockedUntil IF failedAttempts < :max. */
  | { kind: 'count-failure'; lockedUntil: string }
  /**
   * Wrong PIN just after a lock ended: SET failedAttempts = 1, lockedUntil = :lockedUntil,
   * lockouts = :lockouts IF failedAttempts >= :max AND lockedUntil <= :now (so only one request
   * restarts the count). The lock that ended is counted then, so the next one lasts twice as long.
   */
  | { kind: 'restart-count'; lockedUntil: string; lockouts: number };

export interface PinAttemptDecision {
  outcome: PinOutcome;
  state: PinAttemptState;
  write: PinAttemptWrite;
}

export const NO_PIN_FAILURES: PinAttemptState = { failedAttempts: 0 };

/** Seconds until the lock ends (at least 1), or undefined when PIN attempts are allowed now. */
export function pinLockRetryAfter(state: PinAttemptState, now: Date): number | undefined {
  if (state.failedAttempts < MAX_PIN_ATTEMPTS || state.lockedUntil === undefined) return undefined;
  const remainingMs = Date.parse(state.lockedUntil) - now.getTime();
  return remainingMs > 0 ? Math.max(1, Math.ceil(remainingMs / 1000)) : undefined;
}

/** The outcome of one PIN attempt and the state after it. Call pinLockRetryAfter first to skip hashing. */
export function decidePinAttempt(state: PinAttemptState, now: Date, pinIsRight: boolean): PinAttemptDecision {
  const retryAfterSeconds = pinLockRetryAfter(state, now);
  if (retryAfterSeconds !== undefined) {
    return { outcome: { outcome: 'locked', retryAfterSeconds }, state, write: { kind: 'none' } };
  }
  if (pinIsRight) return { outcome: { outcome: 'ok' }, state: NO_PIN_FAILURES, write: { kind: 'reset' } };

  const lockEnded = state.failedAttempts >= MAX_PIN_ATTEMPTS;
  const failedAttempts = (lockEnded ? 0 : state.failedAttempts) + 1;
  const lockouts = (state.lockouts ?? 0) + (lockEnded ? 1 : 0);
  const lockedUntil = new Date(now.getTime() + pinLockSeconds(lockouts) * 1000).toISOString();
  return {
    outcome: { outcome: 'invalid', attemptsLeft: attemptsLeftAfter(failedAttempts) },
    state: { failedAttempts, lockedUntil, ...(lockouts > 0 ? { lockouts } : {}) },
    write: lockEnded
      ? { kind: 'restart-count', lockedUntil, lockouts }
      : { kind: 'count-failure', lockedUntil },
  };
}

export function attemptsLeftAfter(failedAttempts: number): number {
  return Math.max(0, MAX_PIN_ATTEMPTS - failedAttempts);
}

/** The domain error for a refused attempt (PinInvalid → 403, PinLocked → 423), or undefined for ok. */
export function pinOutcomeError(outcome: PinOutcome): DomainError | undefined {
  if (outcome.outcome === 'invalid') return new PinInvalid(outcome.attemptsLeft);
  if (outcome.outcome === 'locked') return new PinLocked(outcome.retryAfterSeconds);
  return undefined;
}
