export {
  attemptsLeftAfter,
  decidePinAttempt,
  MAX_PIN_ATTEMPTS,
  MAX_PIN_LOCK_SECONDS,
  NO_PIN_FAILURES,
  PIN_LOCK_SECONDS,
  type PinAttemptDecision,
  type PinAttemptState,
  type PinAttemptWrite,
  type PinOutcome,
  pinLockRetryAfter,
  pinLockSeconds,
  pinOutcomeError,
} from './pin-attempts';
export { hashPin, isPeppered, pinHashNeedsUpgrade, verifyPin } from './pin-hash';
export { assertNewPin, PIN_LENGTH, type PinCheck, type PinRefusal, validateNewPin } from './pin-policy';
