// EMSA-PSS encoding (RFC 8017 §9.1) over a precomputed digest: node:crypto can only PSS-sign a message it
// hashes itself, and KMS also signs digests (MessageType DIGEST). Salt length = digest length, as KMS uses.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { HashName } from './key-specs';

function mgf1(hash: HashName, seed: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let counter = 0; blocks.length * seed.length < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    blocks.push(createHash(hash).update(seed).update(c).digest());
  }
  return Buffer.concat(blocks).subarray(0, length);
}

function saltedHash(hash: HashName, digest: Buffer, salt: Buffer): Buffer {
  return createHash(hash).update(Buffer.alloc(8)).update(digest).update(salt).digest();
}

/** The encoded message for a modulus of `modulusBits`, left-padded to the modulus length in bytes. */
export function pssEncode(hash: HashName, digest: Buffer, modulusBits: number): Buffer {
  const emBits = modulusBits - 1;
  const emLen = Math.ceil(emBits / 8);
  const hLen = digest.length;
  const salt = randomBytes(hLen);
  const h = saltedHash(hash, digest, salt);
  const db = Buffer.concat([Buffer.alloc(emLen - 2 * hLen - 2), Buffer.from([1]), salt]);
  const mask = mgf1(hash, h, db.length);
  for (let i = 0; i < db.length; i++) db[i]! ^= mask[i]!;
  db[0]! &= 0xff >> (8 * emLen - emBits);
  const em = Buffer.concat([db, h, Buffer.from([0xbc])]);
  const modulusBytes = Math.ceil(modulusBits / 8);
  return Buffer.concat([Buffer.alloc(modulusBytes - emLen), em]);
}

/** Checks an encoded message (as recovered with the public key, modulus-length bytes) against a digest. */
export function pssVerify(hash: HashName, digest: Buffer, recovered: Buffer, modulusBits: number): boolean {
  const emBits = modulusBits - 1;
  const emLen = Math.ceil(emBits / 8);
  const hLen = digest.length;
  const leading = recovered.subarray(0, recovered.length - emLen);
  const em = recovered.subarray(recovered.length - emLen);
  if (leading.some((b) => b !== 0) || emLen < 2 * hLen + 2 || em[emLen - 1] !== 0xbc) return false;
  const db = Buffer.from(em.subarray(0, emLen - hLen - 1));
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  const topBits = 0xff >> (8 * emLen - emBits);
  if ((db[0]! & ~topBits) !== 0) return false;
  const mask = mgf1(hash, h, db.length);
  for (let i = 0; i < db.length; i++) db[i]! ^= mask[i]!;
  db[0]! &= topBits;
  const separator = emLen - 2 * hLen - 2;
  if (db.subarray(0, separator).some((b) => b !== 0) || db[separator] !== 1) return false;
  return timingSafeEqual(saltedHash(hash, digest, db.subarray(separator + 1)), h);
}
