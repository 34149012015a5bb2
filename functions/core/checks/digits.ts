/** Digits of a string already known to match /^\d+$/. */
export function toDigits(value: string): number[] {
  return Array.from(value, (char) => char.charCodeAt(0) - 48);
}

/** Remainder that is never negative, unlike `%` on a negative dividend. */
export function mod(dividend: number, divisor: number): number {
  return ((dividend % divisor) + divisor) % divisor;
}

export function weightedSum(digits: number[], weights: readonly number[]): number {
  return weights.reduce((sum, weight, i) => sum + weight * (digits[i] ?? 0), 0);
}
