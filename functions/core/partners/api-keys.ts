import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Partner API keys are `dsk_` + 40 base62 characters (~238 bits). Only their SHA-256 is stored: with
// that much entropy a slow hash adds nothing, and a fast one keeps authentication to one lookup.

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KEY_LENGTH = 40;
export const API_KEY_PATTERN = /^dsk_[0-9A-Za-z]{32,64}$/;

export function generateApiKey(): string {
  return `dsk_${randomBase62(KEY_LENGTH)}`;
}

export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

export function apiKeyMatchesHash(apiKey: string, storedHash: string): boolean {
  const computed = Buffer.from(hashApiKey(apiKey), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return computed.length === stored.length && timingSafeEqual(computed, stored);
}

/** Rejection sampling keeps every character uniformly likely. */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}
