export {
  attemptsLeftAfter,
  decidePinAttempt,
  MAX_PIN_ATTEMPTS,
  NO_PIN_FAILURES,
  PIN_LOCK_SECONDS,
  type PinAttemptDecision,
  type PinAttemptState,
  type PinAttemptWrite,
  type PinOutcome,
  pinLockRetryAfter,
  pinOutcomeError,
} from './pin-attempts';
export { hashPin, pinHashNeedsUpgrade, verifyPin } from './pin-hash';
export { assertNewPin, PIN_LENGTH, type PinCheck, type PinRefusal, validateNewPin } from './pin-policy';
