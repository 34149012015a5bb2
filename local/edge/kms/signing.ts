// Sign and Verify over digests, so RAW (hashed here) and DIGEST messages share one path. Signatures are
// what KMS returns: ECDSA as DER SEQUENCE{r,s}, RSA as the raw big-endian integer.
import { constants, createECDH, createHash, privateEncrypt, publicDecrypt, randomBytes } from 'node:crypto';
import { invert, mod } from '@noble/curves/abstract/modular.js';
import { p256, p384 } from '@noble/curves/nist.js';
import { AwsServiceError } from '../aws-json-service';
import type { LoadedKey } from './key-material';
import { type HashName, signingHash } from './key-specs';
import { pssEncode, pssVerify } from './rsa-pss';

const MAX_RAW_MESSAGE = 4096;

// DER of DigestInfo{AlgorithmIdentifier, OCTET STRING header} that PKCS#1 v1.5 puts before the digest.
const DIGEST_INFO: Record<HashName, Buffer> = {
  sha256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  sha384: Buffer.from('3041300d060960864801650304020205000430', 'hex'),
  sha512: Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};

/** The digest to sign: RAW messages are hashed with the algorithm's hash, DIGEST ones checked for length. */
export function messageDigest(algorithm: string, message: Buffer, messageType: string): Buffer {
  const { hash, length } = signingHash(algorithm);
  if (messageType === 'DIGEST') {
    if (message.length !== length) {
      throw new AwsServiceError(
        'ValidationException',
        `Digest is invalid length for algorithm ${algorithm}: expected ${length} bytes, got ${message.length}`,
      );
    }
    return message;
  }
  if (messageType !== 'RAW') {
    throw new AwsServiceError('ValidationException', `MessageType must be RAW or DIGEST, got ${messageType}`);
  }
  if (message.length > MAX_RAW_MESSAGE) {
    throw new AwsServiceError('ValidationException', `Message must be at most ${MAX_RAW_MESSAGE} bytes`);
  }
  return createHash(hash).update(message).digest();
}

export function signDigest(key: LoadedKey, algorithm: string, digest: Buffer): Buffer {
  const { hash } = signingHash(algorithm);
  if (key.kind === 'ec') return ecdsaSignDigest(key.curve, key.scalar, digest);
  if (key.kind !== 'rsa') throw new Error('signDigest needs an asymmetric key');
  if (algorithm.startsWith('RSASSA_PSS_')) {
    const encoded = pssEncode(hash, digest, key.modulusLength);
    return privateEncrypt({ key: key.privateKey, padding: constants.RSA_NO_PADDING }, encoded);
  }
  const digestInfo = Buffer.concat([DIGEST_INFO[hash], digest]);
  return privateEncrypt({ key: key.privateKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo);
}

export function verifyDigest(key: LoadedKey, algorithm: string, digest: Buffer, signature: Buffer): boolean {
  const { hash } = signingHash(algorithm);
  try {
    if (key.kind === 'ec') {
      const curve = key.curve === 'P-256' ? p256 : p384;
      // lowS: false — KMS and OpenSSL signatures may carry a high S, and both are valid ECDSA.
      return curve.verify(signature, digest, key.point, { prehash: false, format: 'der', lowS: false });
    }
    if (key.kind !== 'rsa') return false;
    if (signature.length !== Math.ceil(key.modulusLength / 8)) return false;
    if (algorithm.startsWith('RSASSA_PSS_')) {
      const recovered = publicDecrypt({ key: key.publicKey, padding: constants.RSA_NO_PADDING }, signature);
      return pssVerify(hash, digest, recovered, key.modulusLength);
    }
    const recovered = publicDecrypt({ key: key.publicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
    return recovered.equals(Buffer.concat([DIGEST_INFO[hash], digest]));
  } catch {
    return false;
  }
}

// One ECDH object per curve, reused: each signature only sets a new secret on it.
const CURVES = {
  'P-256': { noble: p256, ecdh: createECDH('prime256v1') },
  'P-384': { noble: p384, ecdh: createECDH('secp384r1') },
};
const toBigInt = (bytes: Uint8Array) => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);

/**
 * ECDSA over a precomputed digest, with a fresh random nonce as KMS signs (not RFC 6979). node:crypto
 * only signs messages it hashes itself, and @noble/curves' pure-JS signing costs ~1.2 ms per call on
 * the edge's thread: here OpenSSL does the one expensive step, k·G, as the public key of an ECDH key
 * pair with secret k; what is left is s = k⁻¹(z + r·d) mod n. Verified against @noble/curves and
 * node:crypto in test/unit/local/kms-signing.test.ts, and by pdfsig and jose end to end.
 */
function ecdsaSignDigest(curveName: 'P-256' | 'P-384', scalar: Uint8Array, digest: Buffer): Buffer {
  const { noble, ecdh } = CURVES[curveName];
  const { ORDER: n, BITS: nBitLength } = noble.Point.Fn;
  const size = Math.ceil(nBitLength / 8);
  const d = toBigInt(scalar);
  // bits2int: the digest's leftmost nBitLength bits.
  const z = toBigInt(digest) >> BigInt(Math.max(0, digest.length * 8 - nBitLength));
  for (;;) {
    const k = toBigInt(randomBytes(size));
    if (k === 0n || k >= n) continue; // rejection sampling keeps k uniform in [1, n-1]
    ecdh.setPrivateKey(Buffer.from(k.toString(16).padStart(size * 2, '0'), 'hex'));
    const r = mod(toBigInt(ecdh.getPublicKey().subarray(1, 1 + size)), n);
    if (r === 0n) continue;
    const s = mod(invert(k, n) * (z + r * d), n);
    if (s === 0n) continue;
    return Buffer.from(new noble.Signature(r, s).toBytes('der'));
  }
}
