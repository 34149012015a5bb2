import {
  CreateKeyCommand,
  DecryptCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateRandomCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KmsHarness, startKms } from './support/kms-harness';

const plaintext = Buffer.from('РНОКПП 1234567890');
const context = { requestId: 'req-1', purpose: 'copy' };

let harness: KmsHarness;
let kms: KMSClient;
let keyArn: string;
let keyId: string;

beforeAll(async () => {
  harness = await startKms();
  kms = harness.kms;
  const created = await kms.send(new CreateKeyCommand({ Description: 'data keys' }));
  keyArn = created.KeyMetadata!.Arn!;
  keyId = created.KeyMetadata!.KeyId!;
});

afterAll(async () => {
  await harness?.close();
});

async function encrypt(encryptionContext?: Record<string, string>) {
  const answer = await kms.send(
    new EncryptCommand({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: encryptionContext }),
  );
  return answer.CiphertextBlob!;
}

describe('symmetric Encrypt and Decrypt', () => {
  it('round-trips with the key ARN in both answers', async () => {
    const encrypted = await kms.send(
      new EncryptCommand({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: context }),
    );
    expect(encrypted).toMatchObject({ KeyId: keyArn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    const decrypted = await kms.send(
      new DecryptCommand({
        KeyId: keyArn,
        CiphertextBlob: encrypted.CiphertextBlob,
        EncryptionContext: context,
      }),
    );
    expect(decrypted.KeyId).toBe(keyArn);
    expect(Buffer.from(decrypted.Plaintext!).equals(plaintext)).toBe(true);
  });

  it('decrypts without KeyId because the blob names its key', async () => {
    const blob = await encrypt(context);
    const decrypted = await kms.send(
      new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context }),
    );
    expect(decrypted.KeyId).toBe(keyArn);
    expect(Buffer.from(decrypted.Plaintext!).toString()).toBe(plaintext.toString());
  });

  it('refuses a different or missing EncryptionContext with InvalidCiphertextException', async () => {
    const blob = await encrypt(context);
    for (const encryptionContext of [{ ...context, purpose: 'other' }, undefined, { requestId: 'req-1' }]) {
      await expect(
        kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: encryptionContext })),
      ).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
    }
  });

  it('refuses a tampered ciphertext with InvalidCiphertextException', async () => {
    const blob = Buffer.from(await encrypt());
    blob[blob.length - 1]! ^= 0x01;
    await expect(kms.send(new DecryptCommand({ CiphertextBlob: blob }))).rejects.toMatchObject({
      name: 'InvalidCiphertextException',
    });
    await expect(
      kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from('garbage') })),
    ).rejects.toMatchObject({
      name: 'InvalidCiphertextException',
    });
  });

  it('refuses Decrypt with a KeyId other than the one that encrypted', async () => {
    const other = await kms.send(new CreateKeyCommand({}));
    await expect(
      kms.send(new DecryptCommand({ KeyId: other.KeyMetadata!.KeyId, CiphertextBlob: await encrypt() })),
    ).rejects.toMatchObject({ name: 'IncorrectKeyException' });
  });

  it('refuses to encrypt with a SIGN_VERIFY key with InvalidKeyUsageException', async () => {
    const signing = await kms.send(
      new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }),
    );
    await expect(
      kms.send(new EncryptCommand({ KeyId: signing.KeyMetadata!.KeyId, Plaintext: plaintext })),
    ).rejects.toMatchObject({ name: 'InvalidKeyUsageException' });
  });

  it('refuses a disabled key with DisabledException until it is enabled again', async () => {
    const key = await kms.send(new CreateKeyCommand({}));
    const id = key.KeyMetadata!.KeyId!;
    await kms.send(new DisableKeyCommand({ KeyId: id }));
    await expect(kms.send(new EncryptCommand({ KeyId: id, Plaintext: plaintext }))).rejects.toMatchObject({
      name: 'DisabledException',
    });
    await kms.send(new EnableKeyCommand({ KeyId: id }));
    const encrypted = await kms.send(new EncryptCommand({ KeyId: id, Plaintext: plaintext }));
    expect(encrypted.CiphertextBlob?.length).toBeGreaterThan(plaintext.length);
  });
});

describe('asymmetric encryption with RSA_2048', () => {
  it('round-trips RSAES_OAEP_SHA_256 when Decrypt names the key', async () => {
    const key = await kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' }));
    const id = key.KeyMetadata!.KeyId!;
    expect(key.KeyMetadata!.EncryptionAlgorithms).toEqual(['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256']);
    const encrypted = await kms.send(
      new EncryptCommand({ KeyId: id, Plaintext: plaintext, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }),
    );
    expect(encrypted.CiphertextBlob).toHaveLength(256);
    const decrypted = await kms.send(
      new DecryptCommand({
        KeyId: id,
        CiphertextBlob: encrypted.CiphertextBlob,
        EncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
      }),
    );
    expect(Buffer.from(decrypted.Plaintext!).equals(plaintext)).toBe(true);
  });
});

describe('data keys and randomness', () => {
  it('returns an AES_256 data key whose blob decrypts to the same plaintext', async () => {
    const dataKey = await kms.send(
      new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context }),
    );
    expect(dataKey.KeyId).toBe(keyArn);
    expect(dataKey.Plaintext).toHaveLength(32);
    const decrypted = await kms.send(
      new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob, EncryptionContext: context }),
    );
    expect(Buffer.from(decrypted.Plaintext!).equals(Buffer.from(dataKey.Plaintext!))).toBe(true);
  });

  it('honours NumberOfBytes and refuses KeySpec together with NumberOfBytes', async () => {
    const dataKey = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: 64 }));
    expect(dataKey.Plaintext).toHaveLength(64);
    await expect(
      kms.send(new GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: 16, KeySpec: 'AES_128' })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('returns only the blob from GenerateDataKeyWithoutPlaintext, still decryptable', async () => {
    const dataKey = await kms.send(
      new GenerateDataKeyWithoutPlaintextCommand({ KeyId: keyId, KeySpec: 'AES_128' }),
    );
    expect(dataKey).not.toHaveProperty('Plaintext');
    const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob }));
    expect(decrypted.Plaintext).toHaveLength(16);
  });

  it('generates the requested number of random bytes', async () => {
    const first = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 48 }));
    const second = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 48 }));
    expect(first.Plaintext).toHaveLength(48);
    expect(Buffer.from(first.Plaintext!).equals(Buffer.from(second.Plaintext!))).toBe(false);
  });
});
