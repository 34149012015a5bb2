import { calculateJwkThumbprint, importJWK, type JWK } from 'jose';

// A partner registers the public key its packages are encrypted to (docs/api.md, PUT
// /v1/partner/encryption-key). Accepted: EC P-256 (JWE alg ECDH-ES+A256KW) or RSA ≥ 2048 bits
// (RSA-OAEP-256). Anything carrying private material is refused outright, so a partner who pastes
// the wrong half of a key pair learns it at once instead of leaking it further.

export type PartnerKeyAlg = 'ECDH-ES+A256KW' | 'RSA-OAEP-256';

export type PartnerPublicJwk =
  | { kty: 'EC'; crv: 'P-256'; x: string; y: string; kid: string }
  | { kty: 'RSA'; n: string; e: string; kid: string };

export interface PartnerKey {
  /** Only the public members and the kid; use it to encrypt packages and publish the kid. */
  jwk: PartnerPublicJwk;
  /** The partner's kid, or the RFC 7638 SHA-256 thumbprint when it gave none. */
  kid: string;
  alg: PartnerKeyAlg;
}

export class InvalidJwk extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidJwk';
  }
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;
const ENCRYPTION_OPS = ['encrypt', 'wrapKey', 'deriveKey', 'deriveBits'];
const MIN_RSA_BITS = 2048;
// Larger moduli buy nothing and make every encryption slower; 8192 is the practical ceiling.
const MAX_RSA_BITS = 8192;

function base64urlBytes(value: unknown, member: string): Buffer {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]+$/.test(value)) {
    throw new InvalidJwk(`"${member}" must be a base64url string`);
  }
  return Buffer.from(value, 'base64url');
}

function bitLength(bytes: Buffer): number {
  const first = bytes.findIndex((b) => b !== 0);
  if (first < 0) return 0;
  return (bytes.length - first - 1) * 8 + (32 - Math.clz32(bytes[first] ?? 0));
}

function checkCommonMembers(jwk: Record<string, unknown>, alg: PartnerKeyAlg): void {
  if (jwk.use !== undefined && jwk.use !== 'enc') throw new InvalidJwk(`"use" must be "enc" (or absent)`);
  if (jwk.alg !== undefined && jwk.alg !== alg) {
    throw new InvalidJwk(`"alg" must be "${alg}" for this key type (or absent)`);
  }
  if (jwk.key_ops !== undefined) {
    const ops = jwk.key_ops;
    if (!Array.isArray(ops) || !ops.some((op) => ENCRYPTION_OPS.includes(op))) {
      throw new InvalidJwk(`"key_ops" must allow encryption (${ENCRYPTION_OPS.join(', ')})`);
    }
  }
  if (jwk.kid !== undefined && (typeof jwk.kid !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(jwk.kid))) {
    throw new InvalidJwk('"kid" must be 1–200 visible ASCII characters');
  }
}

function publicEcMembers(jwk: Record<string, unknown>): { kty: 'EC'; crv: 'P-256'; x: string; y: string } {
  if (jwk.crv !== 'P-256') throw new InvalidJwk(`Only the P-256 curve is accepted, not ${String(jwk.crv)}`);
  for (const member of ['x', 'y']) {
    if (base64urlBytes(jwk[member], member).length !== 32)
      throw new InvalidJwk(`"${member}" must be 32 bytes`);
  }
  return { kty: 'EC', crv: 'P-256', x: jwk.x as string, y: jwk.y as string };
}

function publicRsaMembers(jwk: Record<string, unknown>): { kty: 'RSA'; n: string; e: string } {
  const bits = bitLength(base64urlBytes(jwk.n, 'n'));
  if (bits < MIN_RSA_BITS)
    throw new InvalidJwk(`RSA keys must have at least ${MIN_RSA_BITS} bits, not ${bits}`);
  if (bits > MAX_RSA_BITS) throw new InvalidJwk(`RSA keys must have at most ${MAX_RSA_BITS} bits`);
  const exponent = base64urlBytes(jwk.e, 'e');
  if (exponent.length > 4 || bitLength(exponent) < 2 || ((exponent.at(-1) ?? 0) & 1) === 0) {
    throw new InvalidJwk('"e" must be a small odd public exponent such as 65537');
  }
  return { kty: 'RSA', n: jwk.n as string, e: jwk.e as string };
}

/** Validates a partner's public encryption key; throws InvalidJwk saying what is wrong. */
export async function parsePartnerPublicJwk(jwk: unknown): Promise<PartnerKey> {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) {
    throw new InvalidJwk('The key must be a JWK (a JSON object)');
  }
  const input = jwk as Record<string, unknown>;
  const privateMembers = PRIVATE_MEMBERS.filter((m) => m in input);
  if (privateMembers.length > 0) {
    throw new InvalidJwk(
      `The JWK holds private key material (${privateMembers.join(', ')}): send only the public key`,
    );
  }
  if (input.kty === 'oct')
    throw new InvalidJwk('Symmetric (oct) keys are not accepted: send a public EC or RSA key');
  if (input.kty !== 'EC' && input.kty !== 'RSA') {
    throw new InvalidJwk(`"kty" must be "EC" (P-256) or "RSA", not ${JSON.stringify(input.kty)}`);
  }

  const alg: PartnerKeyAlg = input.kty === 'EC' ? 'ECDH-ES+A256KW' : 'RSA-OAEP-256';
  checkCommonMembers(input, alg);
  const members = input.kty === 'EC' ? publicEcMembers(input) : publicRsaMembers(input);
  try {
    // Also proves an EC point lies on the curve: an off-curve point would leak our ephemeral key.
    await importJWK(members as JWK, alg);
  } catch (error) {
    throw new InvalidJwk(`The key cannot be used: ${error instanceof Error ? error.message : String(error)}`);
  }
  const kid =
    typeof input.kid === 'string' ? input.kid : await calculateJwkThumbprint(members as JWK, 'sha256');
  return { jwk: { ...members, kid }, kid, alg };
}
