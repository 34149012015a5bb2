import { Forbidden, PinInvalid, PinLocked } from '../errors';
import {
  assertNewPin,
  attemptsLeftAfter,
  decidePinAttempt,
  hashPin,
  isPeppered,
  MAX_PIN_ATTEMPTS,
  PIN_LOCK_SECONDS,
  pinHashNeedsUpgrade,
  pinLockRetryAfter,
  verifyPin,
} from '../pin';
import type { PinRecord, PinStore } from './wallet';

// handler --> (checkConsentPin / changePin) --> PinStore
// The one PIN check every consent goes through (approving a request, sharing by QR).

/**
 * 1. Refuse at once while locked, without hashing (the lock is no oracle).
 * 2. Verify the PIN (peppered under the KMS MAC key) against the scrypt hash.
 * 3. Record the outcome with a conditional write; on a race, re-read and decide again.
 * The fifth wrong PIN in a row locks consent for 15 minutes and answers 423 pin_locked; each further
 * lock before a right PIN lasts twice as long (up to a day).
 * A right PIN stored under an older hash (no pepper, weaker cost) is re-hashed.
 */
export async function checkConsentPin(
  store: PinStore,
  citizenId: string,
  pin: string,
  now = new Date(),
  /** The record as the caller read it beside its own reads; judged first, then re-read on a race. */
  read?: PinRecord,
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const record = attempt === 0 && read ? read : await store.getPin(citizenId);
    if (!record.pinHash) throw new Forbidden('Set a PIN first (PUT /v1/me/pin)');
    const locked = pinLockRetryAfter(record.attempts, now);
    if (locked !== undefined) throw new PinLocked(locked);
    const right =
      /^\d{5}$/.test(pin) &&
      (await verifyPin(
        isPeppered(record.pinHash) ? await store.pepper(citizenId, pin) : pin,
        record.pinHash,
      ));
    const decision = decidePinAttempt(record.attempts, now, right);
    const written = await store.applyAttemptWrite(citizenId, decision.write, now);
    if (!written.applied) continue;
    if (decision.outcome.outcome === 'ok') {
      if (pinHashNeedsUpgrade(record.pinHash)) {
        await store.setPinHash(citizenId, await hashPin(await store.pepper(citizenId, pin)));
      }
      return;
    }
    const failed = written.failedAttempts ?? decision.state.failedAttempts;
    if (failed >= MAX_PIN_ATTEMPTS) {
      throw new PinLocked(pinLockRetryAfter(decision.state, now) ?? PIN_LOCK_SECONDS);
    }
    throw new PinInvalid(attemptsLeftAfter(failed));
  }
  throw new PinLocked(PIN_LOCK_SECONDS);
}

/** Sets the PIN; changing an existing PIN requires the current one (checked like a consent). */
export async function changePin(
  store: PinStore,
  citizenId: string,
  input: { pin: string; currentPin?: string },
  now = new Date(),
): Promise<void> {
  assertNewPin(input.pin);
  const record = await store.getPin(citizenId);
  if (record.pinHash) {
    if (input.currentPin === undefined) throw new Forbidden('currentPin is required to change the PIN');
    await checkConsentPin(store, citizenId, input.currentPin, now);
  }
  await store.setPinHash(citizenId, await hashPin(await store.pepper(citizenId, input.pin)));
}
