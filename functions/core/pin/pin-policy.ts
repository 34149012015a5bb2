import { InvalidRequest } from '../errors';

// A 5-digit PIN has only 100 000 values, so refusing the few thousand that people pick first matters
// more than any hashing. Refused:
// - anything but exactly five ASCII digits;
// - PINs made of at most two distinct digits (00000, 11112, 12121, 11222…: 1 360 PINs);
// - straight runs up or down by 1 or 2 (01234…56789, 02468, 13579 and their reverses) and the
//   keyboard-row runs 67890 / 09876.
export const PIN_LENGTH = 5;

export type PinRefusal = 'format' | 'repetitive' | 'sequence';
export type PinCheck = { ok: true } | { ok: false; reason: PinRefusal; message: string };

function isRun(digits: number[]): boolean {
  const step = (digits[1] ?? 0) - (digits[0] ?? 0);
  if (![1, 2, -1, -2].includes(step)) return false;
  return digits.every((d, i) => i === 0 || d - (digits[i - 1] ?? 0) === step);
}

export function validateNewPin(pin: string): PinCheck {
  if (!/^\d{5}$/.test(pin))
    return { ok: false, reason: 'format', message: 'The PIN must be exactly 5 digits' };
  const digits = Array.from(pin, Number);
  if (new Set(digits).size <= 2) {
    return { ok: false, reason: 'repetitive', message: 'The PIN must use more than two different digits' };
  }
  if (isRun(digits) || pin === '67890' || pin === '09876') {
    return { ok: false, reason: 'sequence', message: 'The PIN must not be a run of digits such as 12345' };
  }
  return { ok: true };
}

/** validateNewPin for request handlers: throws InvalidRequest pointing at `pin`. */
export function assertNewPin(pin: string): void {
  const check = validateNewPin(pin);
  if (!check.ok) throw new InvalidRequest(check.message, [{ path: 'pin', message: check.message }]);
}
