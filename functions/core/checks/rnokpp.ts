import { mod, toDigits, weightedSum } from './digits';
import { addDays, daysBetween, isIsoDate } from './kyiv-calendar';

// РНОКПП (ex-ІПН) of a natural person, as assigned by the State Tax Service:
//   d1..d5  days from 31.12.1899 to the birth date (so 1900-01-01 is 00001),
//   d6..d9  serial; the parity of d9 gives the sex (odd: male, even: female),
//   d10     check digit = (Σ wᵢ·dᵢ mod 11) mod 10 with the weights below.
const RNOKPP_WEIGHTS = [-1, 5, 7, 9, 4, 6, 10, 5, 7] as const;
const EPOCH = '1899-12-31';

export type Sex = 'M' | 'F';

export function rnokppCheckDigit(nineDigits: string): number {
  if (!/^\d{9}$/.test(nineDigits)) throw new TypeError('rnokppCheckDigit needs exactly 9 digits');
  return mod(weightedSum(toDigits(nineDigits), RNOKPP_WEIGHTS), 11) % 10;
}

export function isValidRnokpp(code: string): boolean {
  if (!/^\d{10}$/.test(code)) return false;
  return rnokppCheckDigit(code.slice(0, 9)) === Number(code[9]);
}

/** The birth date encoded in a valid RNOKPP ('YYYY-MM-DD'), or undefined for an invalid one. */
export function rnokppBirthDate(code: string): string | undefined {
  if (!isValidRnokpp(code)) return undefined;
  const days = Number(code.slice(0, 5));
  return days === 0 ? undefined : addDays(EPOCH, days);
}

export function rnokppSex(code: string): Sex | undefined {
  if (!isValidRnokpp(code)) return undefined;
  return Number(code[8]) % 2 === 1 ? 'M' : 'F';
}

/**
 * A valid RNOKPP for a birth date and sex. `serial` (0–4999) picks one of the 5000 numbers available
 * to each sex on that day: digits 6–9 are `serial * 2 + (male ? 1 : 0)`.
 */
export function makeRnokpp(birthDate: string, sex: Sex, serial: number): string {
  if (!isIsoDate(birthDate)) throw new RangeError(`not a date: ${birthDate}`);
  const days = daysBetween(EPOCH, birthDate);
  if (days < 1 || days > 99_999) throw new RangeError('birth date outside the RNOKPP range (1900–2173)');
  if (!Number.isInteger(serial) || serial < 0 || serial > 4999) throw new RangeError('serial must be 0–4999');
  const first9 = String(days).padStart(5, '0') + String(serial * 2 + (sex === 'M' ? 1 : 0)).padStart(4, '0');
  return first9 + rnokppCheckDigit(first9);
}
