import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

// PINs are stored only as scrypt hashes: `scrypt$N$r$p$<salt>$<hash>` (base64url, 16-byte salt,
// 32-byte hash). N = 2^14, r = 8, p = 1 costs ~60 ms and 16 MiB per hash on a 2-core laptop, the OWASP
// minimum. With 100 000 possible PINs no hash stops an offline attacker who has the table: what
// protects PINs is the attempt limit (pin-attempts.ts) and keeping the table encrypted and private.
const N = 2 ** 14;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

function derive(pin: string, salt: Buffer, length: number, cost: ScryptCost): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; leave headroom over Node's 32 MiB default cap.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFC'), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(pin, salt, HASH_BYTES, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

const STORED = /^scrypt\$(\d{1,8})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{22,88})$/;

/** Parameters of a stored hash, bounded so a corrupted or planted row cannot exhaust memory or time. */
function parseStored(stored: string): { cost: ScryptCost; salt: Buffer; hash: Buffer } {
  const match = STORED.exec(stored);
  const cost = { N: Number(match?.[1]), r: Number(match?.[2]), p: Number(match?.[3]) };
  const sane =
    cost.N >= 2 &&
    (cost.N & (cost.N - 1)) === 0 &&
    cost.r >= 1 &&
    128 * cost.N * cost.r <= 256 * 2 ** 20 &&
    cost.p >= 1 &&
    cost.p <= 4;
  if (!match || !sane) throw new Error('Stored PIN hash is not in the scrypt$N$r$p$salt$hash format');
  return { cost, salt: Buffer.from(match[4]!, 'base64url'), hash: Buffer.from(match[5]!, 'base64url') };
}

/** True when `pin` is the PIN behind `stored`. Throws if `stored` is not a hash this module wrote. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const { cost, salt, hash } = parseStored(stored);
  // Derived to the stored length, so the constant-time comparison always compares equal lengths.
  const candidate = await derive(pin, salt, hash.length, cost);
  return timingSafeEqual(candidate, hash);
}

/** Whether a stored hash was made with weaker parameters than today's and should be re-hashed. */
export function pinHashNeedsUpgrade(stored: string): boolean {
  const { cost } = parseStored(stored);
  return cost.N < N || cost.r < R || cost.p < P;
}
