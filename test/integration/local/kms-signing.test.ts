import {
  createHash,
  createPublicKey,
  constants as cryptoConstants,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  GetPublicKeyCommand,
  type KMSClient,
  SignCommand,
  type SigningAlgorithmSpec,
  VerifyCommand,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_ID, type KmsHarness, REGION, startKms } from './support/kms-harness';

const message = Buffer.from('Довідка про склад сім’ї — signed attributes stand-in');
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

let harness: KmsHarness;
let kms: KMSClient;
let ecKeyArn: string;
let rsaKeyArn: string;

async function publicKeyOf(keyId: string) {
  const answer = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
  return createPublicKey({ key: Buffer.from(answer.PublicKey!), format: 'der', type: 'spki' });
}

async function kmsSign(keyId: string, algorithm: SigningAlgorithmSpec, data: Buffer, type: 'RAW' | 'DIGEST') {
  const answer = await kms.send(
    new SignCommand({ KeyId: keyId, Message: data, MessageType: type, SigningAlgorithm: algorithm }),
  );
  return Buffer.from(answer.Signature!);
}

beforeAll(async () => {
  harness = await startKms();
  kms = harness.kms;
  const ec = await kms.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }));
  ecKeyArn = ec.KeyMetadata!.Arn!;
  const rsa = await kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }));
  rsaKeyArn = rsa.KeyMetadata!.Arn!;
});

afterAll(async () => {
  await harness?.close();
});

describe('ECDSA on ECC_NIST_P256', () => {
  it('publishes the public key as DER SPKI with its signing algorithms', async () => {
    const answer = await kms.send(new GetPublicKeyCommand({ KeyId: ecKeyArn }));
    expect(answer).toMatchObject({
      KeyId: ecKeyArn,
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
      SigningAlgorithms: ['ECDSA_SHA_256'],
    });
    const key = createPublicKey({ key: Buffer.from(answer.PublicKey!), format: 'der', type: 'spki' });
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('signs a RAW message with a DER signature that node:crypto verifies', async () => {
    const signature = await kmsSign(ecKeyArn, 'ECDSA_SHA_256', message, 'RAW');
    expect(signature[0]).toBe(0x30);
    const publicKey = await publicKeyOf(ecKeyArn);
    expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
    expect(verify('sha256', Buffer.from('other'), { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(
      false,
    );
  });

  it('signs a precomputed SHA-256 DIGEST without hashing it again', async () => {
    const signature = await kmsSign(ecKeyArn, 'ECDSA_SHA_256', sha256(message), 'DIGEST');
    const publicKey = await publicKeyOf(ecKeyArn);
    expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
  });

  it('answers Sign with the key ARN even when asked by key id', async () => {
    const keyId = ecKeyArn.split('/')[1]!;
    const answer = await kms.send(
      new SignCommand({ KeyId: keyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }),
    );
    expect(answer.KeyId).toBe(ecKeyArn);
    expect(answer.SigningAlgorithm).toBe('ECDSA_SHA_256');
  });

  it('verifies a good signature as RAW or DIGEST and rejects a bad one as KMSInvalidSignatureException', async () => {
    const signature = await kmsSign(ecKeyArn, 'ECDSA_SHA_256', message, 'RAW');
    const good = await kms.send(
      new VerifyCommand({
        KeyId: ecKeyArn,
        Message: message,
        Signature: signature,
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    expect(good).toMatchObject({ KeyId: ecKeyArn, SignatureValid: true, SigningAlgorithm: 'ECDSA_SHA_256' });

    const digestVerify = await kms.send(
      new VerifyCommand({
        KeyId: ecKeyArn,
        Message: sha256(message),
        MessageType: 'DIGEST',
        Signature: signature,
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    expect(digestVerify.SignatureValid).toBe(true);

    const tampered = Buffer.from(message);
    tampered[0]! ^= 1;
    await expect(
      kms.send(
        new VerifyCommand({
          KeyId: ecKeyArn,
          Message: tampered,
          Signature: signature,
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      ),
    ).rejects.toMatchObject({ name: 'KMSInvalidSignatureException', $metadata: { httpStatusCode: 400 } });
    await expect(
      kms.send(
        new VerifyCommand({
          KeyId: ecKeyArn,
          Message: message,
          Signature: Buffer.from('junk'),
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      ),
    ).rejects.toMatchObject({ name: 'KMSInvalidSignatureException' });
  });

  it('refuses a DIGEST that is not 32 bytes long for SHA-256', async () => {
    await expect(kmsSign(ecKeyArn, 'ECDSA_SHA_256', Buffer.alloc(31, 7), 'DIGEST')).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('refuses an algorithm the key spec does not support with InvalidKeyUsageException', async () => {
    await expect(kmsSign(ecKeyArn, 'RSASSA_PSS_SHA_256', message, 'RAW')).rejects.toMatchObject({
      name: 'InvalidKeyUsageException',
    });
  });
});

describe('RSA_2048 signing', () => {
  const pss = { padding: cryptoConstants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };

  it('signs RSASSA_PKCS1_V1_5_SHA_256 RAW and DIGEST identically, verifiable with node:crypto', async () => {
    const raw = await kmsSign(rsaKeyArn, 'RSASSA_PKCS1_V1_5_SHA_256', message, 'RAW');
    const digest = await kmsSign(rsaKeyArn, 'RSASSA_PKCS1_V1_5_SHA_256', sha256(message), 'DIGEST');
    expect(raw).toHaveLength(256);
    expect(digest.equals(raw)).toBe(true);
    expect(verify('sha256', message, await publicKeyOf(rsaKeyArn), raw)).toBe(true);
  });

  it('signs RSASSA_PSS_SHA_256 RAW and DIGEST with salt length 32, verifiable with node:crypto', async () => {
    const publicKey = await publicKeyOf(rsaKeyArn);
    for (const [data, type] of [
      [message, 'RAW'],
      [sha256(message), 'DIGEST'],
    ] as const) {
      const signature = await kmsSign(rsaKeyArn, 'RSASSA_PSS_SHA_256', data, type);
      expect(verify('sha256', message, { key: publicKey, ...pss }, signature)).toBe(true);
    }
  });

  it('verifies a PSS signature given as DIGEST, rejecting PKCS#1 or another key signatures', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs1 = await kmsSign(rsaKeyArn, 'RSASSA_PKCS1_V1_5_SHA_256', message, 'RAW');
    await expect(
      kms.send(
        new VerifyCommand({
          KeyId: rsaKeyArn,
          Message: message,
          Signature: pkcs1,
          SigningAlgorithm: 'RSASSA_PSS_SHA_256',
        }),
      ),
    ).rejects.toMatchObject({ name: 'KMSInvalidSignatureException' });
    // A signature by a different key must not verify either.
    const foreign = sign('sha256', message, { key: other.privateKey, ...pss });
    await expect(
      kms.send(
        new VerifyCommand({
          KeyId: rsaKeyArn,
          Message: message,
          Signature: foreign,
          SigningAlgorithm: 'RSASSA_PSS_SHA_256',
        }),
      ),
    ).rejects.toMatchObject({ name: 'KMSInvalidSignatureException' });
    const own = await kmsSign(rsaKeyArn, 'RSASSA_PSS_SHA_256', message, 'RAW');
    const answer = await kms.send(
      new VerifyCommand({
        KeyId: rsaKeyArn,
        Message: sha256(message),
        MessageType: 'DIGEST',
        Signature: own,
        SigningAlgorithm: 'RSASSA_PSS_SHA_256',
      }),
    );
    expect(answer.SignatureValid).toBe(true);
  });
});

describe('key resolution and refusals', () => {
  it('resolves an alias name and an alias ARN in Sign and DescribeKey', async () => {
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/docshare-signing', TargetKeyId: ecKeyArn }));
    const described = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/docshare-signing' }));
    expect(described.KeyMetadata).toMatchObject({
      Arn: ecKeyArn,
      KeyId: ecKeyArn.split('/')[1],
      AWSAccountId: ACCOUNT_ID,
      KeySpec: 'ECC_NIST_P256',
      KeyState: 'Enabled',
    });
    const aliasArn = `arn:aws:kms:${REGION}:${ACCOUNT_ID}:alias/docshare-signing`;
    const signature = await kmsSign(aliasArn, 'ECDSA_SHA_256', message, 'RAW');
    expect(
      verify('sha256', message, { key: await publicKeyOf(ecKeyArn), dsaEncoding: 'der' }, signature),
    ).toBe(true);
  });

  it('refuses to sign with an ENCRYPT_DECRYPT key with InvalidKeyUsageException', async () => {
    const symmetric = await kms.send(new CreateKeyCommand({}));
    await expect(
      kmsSign(symmetric.KeyMetadata!.KeyId!, 'ECDSA_SHA_256', message, 'RAW'),
    ).rejects.toMatchObject({ name: 'InvalidKeyUsageException' });
  });

  it('answers NotFoundException for an unknown key id, key ARN or alias', async () => {
    const unknownId = '11111111-2222-3333-4444-555555555555';
    for (const keyId of [unknownId, `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${unknownId}`, 'alias/nope']) {
      await expect(kmsSign(keyId, 'ECDSA_SHA_256', message, 'RAW')).rejects.toMatchObject({
        name: 'NotFoundException',
      });
      await expect(kms.send(new DescribeKeyCommand({ KeyId: keyId }))).rejects.toMatchObject({
        name: 'NotFoundException',
      });
    }
  });
});
