import { describe, expect, it } from 'vitest';
import { PinInvalid, PinLocked } from '../../../functions/core/errors';
import {
  decidePinAttempt,
  MAX_PIN_ATTEMPTS,
  NO_PIN_FAILURES,
  PIN_LOCK_SECONDS,
  type PinAttemptState,
  pinLockRetryAfter,
  pinOutcomeError,
} from '../../../functions/core/pin';

const start = new Date('2026-11-23T10:00:00Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

/** Applies wrong PINs one second apart and returns the outcomes and final state. */
function wrongPins(count: number, state: PinAttemptState = NO_PIN_FAILURES) {
  const outcomes = [];
  for (let i = 0; i < count; i++) {
    const decision = decidePinAttempt(state, at(i), false);
    outcomes.push(decision.outcome);
    state = decision.state;
  }
  return { outcomes, state };
}

describe('PIN attempt limit', () => {
  it('allows five attempts and locks for fifteen minutes', () => {
    expect(MAX_PIN_ATTEMPTS).toBe(5);
    expect(PIN_LOCK_SECONDS).toBe(900);
  });

  it('counts down the attempts left with each wrong PIN, reaching 0 on the fifth', () => {
    const { outcomes } = wrongPins(5);
    expect(outcomes.map((o) => (o.outcome === 'invalid' ? o.attemptsLeft : o.outcome))).toEqual([
      4, 3, 2, 1, 0,
    ]);
  });

  it('answers locked after five wrong PINs, even to the right PIN', () => {
    const { state } = wrongPins(5);
    const decision = decidePinAttempt(state, at(10), true);
    expect(decision.outcome).toEqual({ outcome: 'locked', retryAfterSeconds: 900 - 6 });
    expect(decision.write).toEqual({ kind: 'none' });
    expect(decision.state).toBe(state);
  });

  it('locks for fifteen minutes from the fifth wrong PIN', () => {
    const { state } = wrongPins(5);
    expect(state.lockedUntil).toBe(at(4 + 900).toISOString());
    expect(pinLockRetryAfter(state, at(4 + 899.5))).toBe(1);
    expect(pinLockRetryAfter(state, at(4 + 900))).toBeUndefined();
  });

  it('starts counting afresh once the lock has ended', () => {
    const { state } = wrongPins(5);
    const decision = decidePinAttempt(state, at(4 + 900), false);
    expect(decision.outcome).toEqual({ outcome: 'invalid', attemptsLeft: 4 });
    expect(decision.state.failedAttempts).toBe(1);
    expect(decision.write.kind).toBe('restart-count');
  });

  it('doubles the lock each time the PIN is locked again without a right PIN in between, up to a day', () => {
    let state: PinAttemptState = NO_PIN_FAILURES;
    let t = 0;
    const locks: number[] = [];
    for (let round = 0; round < 9; round++) {
      for (let i = 0; i < 5; i++) {
        const decision = decidePinAttempt(state, at(t), false);
        state = decision.state;
        if (round > 0 && i === 0)
          expect(decision.write).toMatchObject({ kind: 'restart-count', lockouts: round });
        t += 1;
      }
      const lockSeconds = (Date.parse(state.lockedUntil!) - at(t - 1).getTime()) / 1000;
      locks.push(lockSeconds);
      t += lockSeconds;
    }
    expect(locks).toEqual([900, 1800, 3600, 7200, 14_400, 28_800, 57_600, 86_400, 86_400]);
    // A right PIN after a lock clears the escalation: the next lock is fifteen minutes again.
    const reset = decidePinAttempt(state, at(t), true);
    expect(reset.state).toEqual({ failedAttempts: 0 });
    expect(wrongPins(5, reset.state).state.lockouts ?? 0).toBe(0);
  });

  it('accepts the right PIN after the lock and clears the failures', () => {
    const { state } = wrongPins(5);
    expect(decidePinAttempt(state, at(1000), true)).toEqual({
      outcome: { outcome: 'ok' },
      state: { failedAttempts: 0 },
      write: { kind: 'reset' },
    });
  });

  it('clears earlier failures when the right PIN is given', () => {
    const { state } = wrongPins(3);
    const ok = decidePinAttempt(state, at(5), true);
    expect(ok.state).toEqual(NO_PIN_FAILURES);
    expect(decidePinAttempt(ok.state, at(6), false).outcome).toEqual({ outcome: 'invalid', attemptsLeft: 4 });
  });

  it('asks for a conditional increment for each wrong PIN before the limit', () => {
    const decision = decidePinAttempt({ failedAttempts: 2, lockedUntil: at(-5).toISOString() }, start, false);
    expect(decision.write).toEqual({ kind: 'count-failure', lockedUntil: at(900).toISOString() });
    expect(decision.state).toEqual({ failedAttempts: 3, lockedUntil: at(900).toISOString() });
  });

  it('ignores lockedUntil while fewer than five attempts have failed', () => {
    const state = { failedAttempts: 4, lockedUntil: at(600).toISOString() };
    expect(pinLockRetryAfter(state, start)).toBeUndefined();
    expect(decidePinAttempt(state, start, true).outcome).toEqual({ outcome: 'ok' });
  });

  it('maps refusals to the PinInvalid and PinLocked domain errors', () => {
    const invalid = pinOutcomeError({ outcome: 'invalid', attemptsLeft: 2 });
    expect(invalid).toBeInstanceOf(PinInvalid);
    expect(invalid?.extensions).toEqual({ attemptsLeft: 2 });
    const locked = pinOutcomeError({ outcome: 'locked', retryAfterSeconds: 600 });
    expect(locked).toBeInstanceOf(PinLocked);
    expect(locked?.headers).toEqual({ 'Retry-After': '600' });
    expect(pinOutcomeError({ outcome: 'ok' })).toBeUndefined();
  });
});
