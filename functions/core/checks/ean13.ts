import { toDigits, weightedSum } from './digits';

// GS1 General Specifications §7.9: weights 1,3,1,3… from the left over the first 12 digits.
const EAN13_WEIGHTS = [1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3] as const;

/** The 13th digit for 12 digits. Throws on anything but exactly 12 ASCII digits. */
export function ean13CheckDigit(twelveDigits: string): number {
  if (!/^\d{12}$/.test(twelveDigits)) throw new TypeError('ean13CheckDigit needs exactly 12 digits');
  return (10 - (weightedSum(toDigits(twelveDigits), EAN13_WEIGHTS) % 10)) % 10;
}

export function isValidEan13(code: string): boolean {
  if (!/^\d{13}$/.test(code)) return false;
  return ean13CheckDigit(code.slice(0, 12)) === Number(code[12]);
}
