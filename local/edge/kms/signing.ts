// Sign and Verify over digests, so RAW (hashed here) and DIGEST messages share one path. Signatures are
// what KMS returns: ECDSA as DER SEQUENCE{r,s}, RSA as the raw big-endian integer.
import { constants, createHash, privateEncrypt, publicDecrypt } from 'node:crypto';
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
  if (key.kind === 'ec') {
    const curve = key.curve === 'P-256' ? p256 : p384;
    return Buffer.from(curve.sign(digest, key.scalar, { prehash: false, format: 'der' }));
  }
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
