import { randomInt } from 'node:crypto';
import { ean13CheckDigit, isValidEan13 } from '../checks/ean13';

/** A sharing barcode lives 3 minutes (docs/product.md, F1). */
export const BARCODE_TTL_SECONDS = 180;

/**
 * A new barcode: 12 uniformly random digits from the CSPRNG and their EAN-13 check digit, so any
 * EAN-13 scanner reads it and typing errors are caught before a lookup. `randomDigits12` is for tests.
 */
export function mintBarcode(randomDigits12?: string): string {
  // randomInt is uniform (rejection sampling) and 10^12 < 2^48, its largest range.
  const body = randomDigits12 ?? String(randomInt(0, 1_000_000_000_000)).padStart(12, '0');
  return body + ean13CheckDigit(body);
}

export type BarcodeClass = 'malformed' | 'ok';

/** 'ok' for exactly 13 ASCII digits with a valid check digit; no trimming, no other spellings. */
export function classifyBarcode(input: unknown): BarcodeClass {
  return typeof input === 'string' && isValidEan13(input) ? 'ok' : 'malformed';
}
