// KMS operations that use key material: Sign/Verify, Encrypt/Decrypt, data keys, public keys, randomness.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AwsServiceError } from '../aws-json-service';
import { ciphertextKeyId, decryptRsa, encryptRsa, openSymmetric, sealSymmetric } from './ciphertext';
import {
  encryptionContext,
  type Input,
  optionalInteger,
  optionalString,
  requiredBlob,
  requiredString,
} from './input';
import type { LoadedKey } from './key-material';
import { encryptionAlgorithms, type KeyUsage, macAlgorithms, signingAlgorithms } from './key-specs';
import type { KeyStore, KmsKey } from './key-store';
import { messageDigest, signDigest, verifyDigest } from './signing';

const MAX_PLAINTEXT = 4096;
const MAX_CIPHERTEXT = 6144;
const DATA_KEY_BYTES: Record<string, number> = { AES_256: 32, AES_128: 16 };

/** The key behind `KeyId`, refused unless it is enabled and made for `usage` (and `algorithm`, if given). */
function usableKey(store: KeyStore, keyRef: unknown, usage: KeyUsage, algorithm?: string): KmsKey {
  const key = store.find(keyRef);
  const arn = store.keyArn(key.id);
  if (key.state === 'Disabled') throw new AwsServiceError('DisabledException', `${arn} is disabled.`);
  if (key.state === 'PendingDeletion') {
    throw new AwsServiceError('KMSInvalidStateException', `${arn} is pending deletion.`);
  }
  const spec = store.spec(key);
  const allowed =
    usage === 'SIGN_VERIFY'
      ? signingAlgorithms(spec)
      : usage === 'GENERATE_VERIFY_MAC'
        ? macAlgorithms(spec)
        : encryptionAlgorithms(spec);
  if (key.keyUsage !== usage || (algorithm !== undefined && !allowed.includes(algorithm))) {
    const what = algorithm === undefined ? usage : `${usage} with ${algorithm}`;
    throw new AwsServiceError(
      'InvalidKeyUsageException',
      `${arn} key usage is ${key.keyUsage}, not usable for ${what}`,
    );
  }
  return key;
}

function signingRequest(store: KeyStore, input: Input) {
  const algorithm = requiredString(input, 'SigningAlgorithm');
  const key = usableKey(store, input['KeyId'], 'SIGN_VERIFY', algorithm);
  const messageType = optionalString(input, 'MessageType') ?? 'RAW';
  const digest = messageDigest(algorithm, requiredBlob(input, 'Message', 4096), messageType);
  return { key, material: store.material(key), algorithm, digest };
}

export function sign(store: KeyStore, input: Input) {
  const { key, material, algorithm, digest } = signingRequest(store, input);
  const signature = signDigest(material, algorithm, digest);
  return {
    KeyId: store.keyArn(key.id),
    Signature: signature.toString('base64'),
    SigningAlgorithm: algorithm,
  };
}

/** Like AWS, a signature that does not verify is an error, not `SignatureValid: false`. */
export function verify(store: KeyStore, input: Input) {
  const { key, material, algorithm, digest } = signingRequest(store, input);
  if (!verifyDigest(material, algorithm, digest, requiredBlob(input, 'Signature', 6144))) {
    throw new AwsServiceError('KMSInvalidSignatureException', 'Signature is invalid');
  }
  return { KeyId: store.keyArn(key.id), SignatureValid: true, SigningAlgorithm: algorithm };
}

function macOf(store: KeyStore, input: Input) {
  const algorithm = requiredString(input, 'MacAlgorithm');
  const key = usableKey(store, input['KeyId'], 'GENERATE_VERIFY_MAC', algorithm);
  const material = store.material(key);
  if (material.kind !== 'hmac') throw new AwsServiceError('InvalidKeyUsageException', 'Not an HMAC key');
  const hash = `sha${algorithm.slice('HMAC_SHA_'.length)}`;
  const mac = createHmac(hash, material.secret)
    .update(requiredBlob(input, 'Message', 4096))
    .digest();
  return { key, algorithm, mac };
}

export function generateMac(store: KeyStore, input: Input) {
  const { key, algorithm, mac } = macOf(store, input);
  return { KeyId: store.keyArn(key.id), Mac: mac.toString('base64'), MacAlgorithm: algorithm };
}

/** Like AWS, a MAC that does not verify is an error (KMSInvalidMacException), not `MacValid: false`. */
export function verifyMac(store: KeyStore, input: Input) {
  const { key, algorithm, mac } = macOf(store, input);
  const given = requiredBlob(input, 'Mac', 6144);
  if (given.length !== mac.length || !timingSafeEqual(given, mac)) {
    throw new AwsServiceError('KMSInvalidMacException', 'The MAC is invalid');
  }
  return { KeyId: store.keyArn(key.id), MacValid: true, MacAlgorithm: algorithm };
}

export function getPublicKey(store: KeyStore, input: Input) {
  const key = store.find(input['KeyId']);
  const material = store.material(key);
  if (material.kind === 'symmetric' || material.kind === 'hmac') {
    throw new AwsServiceError('UnsupportedOperationException', `${store.keyArn(key.id)} is a symmetric key`);
  }
  const spec = store.spec(key);
  return {
    KeyId: store.keyArn(key.id),
    PublicKey: material.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    CustomerMasterKeySpec: key.keySpec,
    KeySpec: key.keySpec,
    KeyUsage: key.keyUsage,
    ...(key.keyUsage === 'SIGN_VERIFY'
      ? { SigningAlgorithms: signingAlgorithms(spec) }
      : { EncryptionAlgorithms: encryptionAlgorithms(spec) }),
  };
}

function seal(key: KmsKey, material: LoadedKey, algorithm: string, plaintext: Buffer, input: Input) {
  if (material.kind === 'symmetric') {
    return sealSymmetric(key.id, material.secret, plaintext, encryptionContext(input));
  }
  if (input['EncryptionContext'] !== undefined) {
    throw new AwsServiceError(
      'ValidationException',
      'EncryptionContext is not supported with asymmetric keys',
    );
  }
  return encryptRsa(material, algorithm, plaintext);
}

export function encrypt(store: KeyStore, input: Input) {
  const algorithm = optionalString(input, 'EncryptionAlgorithm') ?? 'SYMMETRIC_DEFAULT';
  const key = usableKey(store, input['KeyId'], 'ENCRYPT_DECRYPT', algorithm);
  const plaintext = requiredBlob(input, 'Plaintext', MAX_PLAINTEXT);
  const blob = seal(key, store.material(key), algorithm, plaintext, input);
  return {
    CiphertextBlob: blob.toString('base64'),
    KeyId: store.keyArn(key.id),
    EncryptionAlgorithm: algorithm,
  };
}

export function decrypt(store: KeyStore, input: Input) {
  const algorithm = optionalString(input, 'EncryptionAlgorithm') ?? 'SYMMETRIC_DEFAULT';
  const blob = requiredBlob(input, 'CiphertextBlob', MAX_CIPHERTEXT);
  let plaintext: Buffer;
  let key: KmsKey;
  if (algorithm !== 'SYMMETRIC_DEFAULT') {
    // Asymmetric ciphertext names no key: AWS requires KeyId here too.
    key = usableKey(store, input['KeyId'], 'ENCRYPT_DECRYPT', algorithm);
    plaintext = decryptRsa(store.material(key), algorithm, blob);
  } else {
    const embeddedId = ciphertextKeyId(blob);
    if (!store.keys.has(embeddedId)) {
      throw new AwsServiceError('InvalidCiphertextException', 'The ciphertext refers to no known key');
    }
    key = usableKey(store, input['KeyId'] ?? embeddedId, 'ENCRYPT_DECRYPT', algorithm);
    if (key.id !== embeddedId) {
      throw new AwsServiceError(
        'IncorrectKeyException',
        `The ciphertext was not encrypted under ${store.keyArn(key.id)}`,
      );
    }
    const material = store.material(key);
    if (material.kind !== 'symmetric')
      throw new AwsServiceError('InvalidCiphertextException', 'Not a symmetric key');
    plaintext = openSymmetric(material.secret, blob, encryptionContext(input));
  }
  return {
    KeyId: store.keyArn(key.id),
    Plaintext: plaintext.toString('base64'),
    EncryptionAlgorithm: algorithm,
  };
}

function newDataKey(store: KeyStore, input: Input) {
  const keySpec = optionalString(input, 'KeySpec');
  const numberOfBytes = optionalInteger(input, 'NumberOfBytes', 1, 1024);
  if ((keySpec === undefined) === (numberOfBytes === undefined)) {
    throw new AwsServiceError('ValidationException', 'Specify exactly one of KeySpec and NumberOfBytes');
  }
  const length = numberOfBytes ?? DATA_KEY_BYTES[keySpec ?? ''];
  if (length === undefined) throw new AwsServiceError('ValidationException', `KeySpec ${keySpec} is invalid`);
  const key = usableKey(store, input['KeyId'], 'ENCRYPT_DECRYPT', 'SYMMETRIC_DEFAULT');
  const material = store.material(key);
  if (material.kind !== 'symmetric')
    throw new Error('unreachable: SYMMETRIC_DEFAULT implies a symmetric key');
  const plaintext = randomBytes(length);
  const blob = sealSymmetric(key.id, material.secret, plaintext, encryptionContext(input));
  return {
    CiphertextBlob: blob.toString('base64'),
    Plaintext: plaintext.toString('base64'),
    KeyId: store.keyArn(key.id),
  };
}

export function generateDataKey(store: KeyStore, input: Input) {
  return newDataKey(store, input);
}

export function generateDataKeyWithoutPlaintext(store: KeyStore, input: Input) {
  const { Plaintext: _, ...rest } = newDataKey(store, input);
  return rest;
}

export function generateRandom(_store: KeyStore, input: Input) {
  const length = optionalInteger(input, 'NumberOfBytes', 1, 1024);
  if (length === undefined) throw new AwsServiceError('ValidationException', 'NumberOfBytes is required');
  return { Plaintext: randomBytes(length).toString('base64') };
}
