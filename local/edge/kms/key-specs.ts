// What each emulated KMS key spec is made of and which algorithms AWS allows with it.

export type KeyUsage = 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY' | 'GENERATE_VERIFY_MAC';
export type HashName = 'sha256' | 'sha384' | 'sha512';

export type KeySpecInfo =
  | { kind: 'symmetric'; usages: KeyUsage[] }
  | { kind: 'ec'; curve: 'P-256' | 'P-384'; usages: KeyUsage[] }
  | { kind: 'rsa'; modulusLength: number; usages: KeyUsage[] }
  | { kind: 'hmac'; hash: 'sha224' | HashName; bytes: number; usages: KeyUsage[] };

export const KEY_SPECS: Record<string, KeySpecInfo> = {
  SYMMETRIC_DEFAULT: { kind: 'symmetric', usages: ['ENCRYPT_DECRYPT'] },
  ECC_NIST_P256: { kind: 'ec', curve: 'P-256', usages: ['SIGN_VERIFY'] },
  ECC_NIST_P384: { kind: 'ec', curve: 'P-384', usages: ['SIGN_VERIFY'] },
  RSA_2048: { kind: 'rsa', modulusLength: 2048, usages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'] },
  RSA_3072: { kind: 'rsa', modulusLength: 3072, usages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'] },
  RSA_4096: { kind: 'rsa', modulusLength: 4096, usages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'] },
  // Key lengths as AWS generates them: the block size of the hash.
  HMAC_224: { kind: 'hmac', hash: 'sha224', bytes: 64, usages: ['GENERATE_VERIFY_MAC'] },
  HMAC_256: { kind: 'hmac', hash: 'sha256', bytes: 64, usages: ['GENERATE_VERIFY_MAC'] },
  HMAC_384: { kind: 'hmac', hash: 'sha384', bytes: 128, usages: ['GENERATE_VERIFY_MAC'] },
  HMAC_512: { kind: 'hmac', hash: 'sha512', bytes: 128, usages: ['GENERATE_VERIFY_MAC'] },
};

/** The one MAC algorithm of an HMAC key spec (HMAC_256 → HMAC_SHA_256). */
export function macAlgorithms(spec: KeySpecInfo): string[] {
  return spec.kind === 'hmac' ? [`HMAC_SHA_${spec.hash.slice(3)}`] : [];
}

const RSA_SIGNING = ['SHA_256', 'SHA_384', 'SHA_512'].flatMap((h) => [
  `RSASSA_PSS_${h}`,
  `RSASSA_PKCS1_V1_5_${h}`,
]);

export function signingAlgorithms(spec: KeySpecInfo): string[] {
  if (spec.kind === 'ec') return [spec.curve === 'P-256' ? 'ECDSA_SHA_256' : 'ECDSA_SHA_384'];
  return spec.kind === 'rsa' ? RSA_SIGNING : [];
}

export function encryptionAlgorithms(spec: KeySpecInfo): string[] {
  if (spec.kind === 'hmac') return [];
  return spec.kind === 'rsa' ? ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] : ['SYMMETRIC_DEFAULT'];
}

/** The hash a signing algorithm applies to a RAW message, and the digest length it needs for DIGEST. */
export function signingHash(algorithm: string): { hash: HashName; length: number } {
  if (algorithm.endsWith('SHA_384')) return { hash: 'sha384', length: 48 };
  if (algorithm.endsWith('SHA_512')) return { hash: 'sha512', length: 64 };
  return { hash: 'sha256', length: 32 };
}
