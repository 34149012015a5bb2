import { constants, createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../../local/edge/aws-json-service';
import { type LoadedKey, loadMaterial } from '../../../local/edge/kms/key-material';
import { KEY_SPECS } from '../../../local/edge/kms/key-specs';
import { messageDigest, signDigest, verifyDigest } from '../../../local/edge/kms/signing';

const message = Buffer.from('signed attributes');
const digestOf = (hash: string, data: Buffer) => createHash(hash).update(data).digest();

function rsaKey(modulusLength: number) {
  const pair = generateKeyPairSync('rsa', { modulusLength });
  const loaded: LoadedKey = { kind: 'rsa', ...pair, modulusLength };
  return { ...pair, loaded };
}

function ecKey(curve: 'P-256' | 'P-384') {
  const pair = generateKeyPairSync('ec', { namedCurve: curve });
  const spec = KEY_SPECS[curve === 'P-256' ? 'ECC_NIST_P256' : 'ECC_NIST_P384']!;
  const pem = pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { ...pair, loaded: loadMaterial(spec, pem) };
}

describe('RSASSA-PSS over digests', () => {
  const rsa2048 = rsaKey(2048);

  it('produces SHA-256 and SHA-384 PSS signatures that OpenSSL verifies with salt = digest length', () => {
    for (const [algorithm, hash, saltLength] of [
      ['RSASSA_PSS_SHA_256', 'sha256', 32],
      ['RSASSA_PSS_SHA_384', 'sha384', 48],
    ] as const) {
      const signature = signDigest(rsa2048.loaded, algorithm, digestOf(hash, message));
      const key = { key: rsa2048.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength };
      expect(verify(hash, message, key, signature)).toBe(true);
    }
  });

  it('accepts OpenSSL PSS signatures and refuses them for another digest', () => {
    const signature = sign('sha256', message, {
      key: rsa2048.privateKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 32,
    });
    expect(verifyDigest(rsa2048.loaded, 'RSASSA_PSS_SHA_256', digestOf('sha256', message), signature)).toBe(
      true,
    );
    const other = digestOf('sha256', Buffer.from('other'));
    expect(verifyDigest(rsa2048.loaded, 'RSASSA_PSS_SHA_256', other, signature)).toBe(false);
  });

  it('handles a modulus whose bit length leaves the encoded message one byte short', () => {
    const odd = rsaKey(1025);
    const signature = signDigest(odd.loaded, 'RSASSA_PSS_SHA_256', digestOf('sha256', message));
    const key = { key: odd.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    expect(verify('sha256', message, key, signature)).toBe(true);
    expect(verifyDigest(odd.loaded, 'RSASSA_PSS_SHA_256', digestOf('sha256', message), signature)).toBe(true);
  });

  it('signs PKCS#1 v1.5 byte-for-byte like OpenSSL', () => {
    const ours = signDigest(rsa2048.loaded, 'RSASSA_PKCS1_V1_5_SHA_512', digestOf('sha512', message));
    expect(ours.equals(sign('sha512', message, rsa2048.privateKey))).toBe(true);
  });
});

describe('ECDSA over digests', () => {
  it('signs P-384 digests with ECDSA_SHA_384 in DER that OpenSSL verifies', () => {
    const ec = ecKey('P-384');
    const signature = signDigest(ec.loaded, 'ECDSA_SHA_384', digestOf('sha384', message));
    expect(verify('sha384', message, { key: ec.publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
  });

  it('signs P-256 digests that OpenSSL and @noble/curves verify, with a fresh nonce each time', () => {
    const ec = ecKey('P-256');
    const digest = digestOf('sha256', message);
    const signatures = Array.from({ length: 50 }, () => signDigest(ec.loaded, 'ECDSA_SHA_256', digest));
    for (const signature of signatures) {
      expect(verify('sha256', message, { key: ec.publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
      expect(
        p256.verify(signature, digest, ec.loaded.kind === 'ec' ? ec.loaded.point : new Uint8Array(), {
          prehash: false,
          format: 'der',
          lowS: false,
        }),
      ).toBe(true);
    }
    // KMS signatures are randomised: the same digest never gives the same signature twice.
    expect(new Set(signatures.map((s) => s.toString('hex'))).size).toBe(signatures.length);
    const other = digestOf('sha256', Buffer.from('another message'));
    expect(
      verify(
        'sha256',
        message,
        { key: ec.publicKey, dsaEncoding: 'der' },
        signDigest(ec.loaded, 'ECDSA_SHA_256', other),
      ),
    ).toBe(false);
  });

  it('accepts OpenSSL signatures, including a high-S one, and refuses a tampered one', () => {
    const ec = ecKey('P-256');
    const der = sign('sha256', message, { key: ec.privateKey, dsaEncoding: 'der' });
    const digest = digestOf('sha256', message);
    expect(verifyDigest(ec.loaded, 'ECDSA_SHA_256', digest, der)).toBe(true);
    const parsed = p256.Signature.fromBytes(der, 'der');
    const flipped = new p256.Signature(parsed.r, p256.Point.CURVE().n - parsed.s);
    const highS = parsed.hasHighS() ? parsed : flipped;
    expect(highS.hasHighS()).toBe(true);
    expect(verifyDigest(ec.loaded, 'ECDSA_SHA_256', digest, Buffer.from(highS.toBytes('der')))).toBe(true);
    const tampered = Buffer.from(der);
    tampered[tampered.length - 1]! ^= 1;
    expect(verifyDigest(ec.loaded, 'ECDSA_SHA_256', digest, tampered)).toBe(false);
  });
});

describe('messageDigest', () => {
  it('hashes RAW messages with the algorithm hash and passes correct-length digests through', () => {
    expect(messageDigest('ECDSA_SHA_384', message, 'RAW').equals(digestOf('sha384', message))).toBe(true);
    const digest = digestOf('sha256', message);
    expect(messageDigest('ECDSA_SHA_256', digest, 'DIGEST')).toBe(digest);
  });

  it('refuses a wrong-length digest, an unknown message type and an oversized RAW message', () => {
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof AwsServiceError ? error.type : 'other';
      }
      return 'none';
    };
    expect(refusal(() => messageDigest('ECDSA_SHA_256', Buffer.alloc(48), 'DIGEST'))).toBe(
      'ValidationException',
    );
    expect(refusal(() => messageDigest('ECDSA_SHA_256', message, 'HASHED'))).toBe('ValidationException');
    expect(refusal(() => messageDigest('ECDSA_SHA_256', Buffer.alloc(4097), 'RAW'))).toBe(
      'ValidationException',
    );
  });
});
