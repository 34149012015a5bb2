// Ciphertext blobs of the emulated KMS. Symmetric blobs carry the key id in a header (so Decrypt works without
// KeyId, as on AWS) and are AES-256-GCM sealed with header + encryption context as additional data, so a
// tampered blob or a different context fails like AWS's InvalidCiphertextException. Not AWS's byte format.
import {
  constants,
  createCipheriv,
  createDecipheriv,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
} from 'node:crypto';
import { AwsServiceError } from '../aws-json-service';
import type { LoadedKey } from './key-material';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type EncryptionContext = Record<string, string>;

export function canonicalContext(context: EncryptionContext): Buffer {
  const entries = Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.from(JSON.stringify(entries));
}

export function sealSymmetric(
  keyId: string,
  secret: Buffer,
  plaintext: Buffer,
  context: EncryptionContext,
): Buffer {
  const id = Buffer.from(keyId);
  const header = Buffer.concat([Buffer.from([VERSION, id.length]), id]);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', secret, iv);
  cipher.setAAD(Buffer.concat([header, canonicalContext(context)]));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), body]);
}

/** The key id a symmetric blob names, before we know whether it decrypts. */
export function ciphertextKeyId(blob: Buffer): string {
  const idLength = blob[1] ?? 0;
  if (blob[0] !== VERSION || blob.length < 2 + idLength + IV_BYTES + TAG_BYTES) throw invalidCiphertext();
  return blob.subarray(2, 2 + idLength).toString();
}

export function openSymmetric(secret: Buffer, blob: Buffer, context: EncryptionContext): Buffer {
  const headerLength = 2 + ciphertextKeyId(blob).length;
  const iv = blob.subarray(headerLength, headerLength + IV_BYTES);
  const tag = blob.subarray(headerLength + IV_BYTES, headerLength + IV_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', secret, iv);
    decipher.setAAD(Buffer.concat([blob.subarray(0, headerLength), canonicalContext(context)]));
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(blob.subarray(headerLength + IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw invalidCiphertext();
  }
}

const OAEP_HASH: Record<string, string> = { RSAES_OAEP_SHA_1: 'sha1', RSAES_OAEP_SHA_256: 'sha256' };

export function encryptRsa(key: LoadedKey, algorithm: string, plaintext: Buffer): Buffer {
  if (key.kind !== 'rsa') throw new Error('encryptRsa needs an RSA key');
  const oaepHash = OAEP_HASH[algorithm];
  try {
    return publicEncrypt(
      { key: key.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash },
      plaintext,
    );
  } catch {
    throw new AwsServiceError('ValidationException', `Plaintext is too long for ${algorithm}`);
  }
}

export function decryptRsa(key: LoadedKey, algorithm: string, blob: Buffer): Buffer {
  if (key.kind !== 'rsa') throw new Error('decryptRsa needs an RSA key');
  const oaepHash = OAEP_HASH[algorithm];
  try {
    return privateDecrypt({ key: key.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, blob);
  } catch {
    throw invalidCiphertext();
  }
}

function invalidCiphertext(): AwsServiceError {
  return new AwsServiceError(
    'InvalidCiphertextException',
    'The ciphertext is invalid or does not match its context',
  );
}
