import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

// PINs are stored only as scrypt hashes of a pepper: `pscrypt$N$r$p$<salt>$<hash>` (base64url, 16-byte
// salt, 32-byte hash) of HMAC-SHA-256(KMS MAC key, citizenId, PIN), which the caller computes (a
// port: KMS GenerateMac). N = 2^14, r = 8, p = 1 costs ~60 ms and 16 MiB per hash on a 2-core laptop —
// below OWASP's recommendation (N = 2^17, r = 8, p = 1, or N = 2^14 with p = 5), chosen for the
// latency of every approval. No scrypt cost protects 100 000 possible PINs from someone holding the
// table; the pepper does: without kms:GenerateMac on the key, a stored hash cannot be tested at all.
// Online guessing is stopped by the attempt limit (pin-attempts.ts). Hashes written before the pepper
// (`scrypt$…`, of the bare PIN) still verify and are re-hashed at the next right PIN.
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

/** Hashes the peppered PIN (see above). */
export async function hashPin(peppered: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(peppered, salt, HASH_BYTES, { N, r: R, p: P });
  return ['pscrypt', N, R, P, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Whether `stored` hashes a peppered PIN (else the bare PIN, from before the pepper). */
export const isPeppered = (stored: string) => stored.startsWith('pscrypt$');

const STORED = /^p?scrypt\$(\d{1,8})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{22,88})$/;

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
  return !isPeppered(stored) || cost.N < N || cost.r < R || cost.p < P;
}
