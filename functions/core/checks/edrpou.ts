import { toDigits, weightedSum } from './digits';

// Код ЄДРПОУ (8 digits, the last a check digit), per the State Statistics Service method:
// weights 1..7 for codes below 30000000 or above 60000000, otherwise 7,1..6; when the remainder
// mod 11 is 10, repeat with every weight + 2 and take (remainder mod 11) mod 10.
// The range test is on the whole 8-digit code (so 60000000 itself takes 7,1..6).
const OUTER = [1, 2, 3, 4, 5, 6, 7] as const;
const INNER = [7, 1, 2, 3, 4, 5, 6] as const;

export function isValidEdrpou(code: string): boolean {
  if (!/^\d{8}$/.test(code)) return false;
  const value = Number(code);
  const weights = value < 30_000_000 || value > 60_000_000 ? OUTER : INNER;
  const digits = toDigits(code);
  const first = weightedSum(digits, weights) % 11;
  const expected =
    first < 10
      ? first
      : (weightedSum(
          digits,
          weights.map((w) => w + 2),
        ) %
          11) %
        10;
  return expected === digits[7];
}
