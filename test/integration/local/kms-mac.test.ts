import { createHmac } from 'node:crypto';
import {
  CreateKeyCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateMacCommand,
  SignCommand,
  VerifyMacCommand,
} from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDataDir, type KmsHarness, startKms } from './support/kms-harness';

// HMAC keys (KeySpec HMAC_*, KeyUsage GENERATE_VERIFY_MAC): the app keeps peppers and link secrets
// in KMS so that a copy of the table alone cannot recompute or test them.

const harnesses: KmsHarness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});
async function hmacKey(spec = 'HMAC_256') {
  const harness = await startKms(freshDataDir());
  harnesses.push(harness);
  const created = await harness.kms.send(
    new CreateKeyCommand({ KeySpec: spec as never, KeyUsage: 'GENERATE_VERIFY_MAC' }),
  );
  return { kms: harness.kms, keyId: created.KeyMetadata!.KeyId! };
}
const message = new TextEncoder().encode('deeplink|partner|request');

describe('KMS HMAC keys', () => {
  it('describes an HMAC key with its one MAC algorithm', async () => {
    const { kms, keyId } = await hmacKey('HMAC_384');
    const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
    expect(KeyMetadata).toMatchObject({
      KeySpec: 'HMAC_384',
      KeyUsage: 'GENERATE_VERIFY_MAC',
      MacAlgorithms: ['HMAC_SHA_384'],
    });
  });

  it('generates a stable MAC of the right length and verifies it', async () => {
    const { kms, keyId } = await hmacKey();
    const first = await kms.send(
      new GenerateMacCommand({ KeyId: keyId, Message: message, MacAlgorithm: 'HMAC_SHA_256' }),
    );
    const again = await kms.send(
      new GenerateMacCommand({ KeyId: keyId, Message: message, MacAlgorithm: 'HMAC_SHA_256' }),
    );
    expect(first.Mac).toHaveLength(32);
    expect(Buffer.from(again.Mac!)).toEqual(Buffer.from(first.Mac!));
    // Not a bare hash: without the key material the MAC cannot be recomputed.
    expect(Buffer.from(first.Mac!)).not.toEqual(createHmac('sha256', '').update(message).digest());
    const verified = await kms.send(
      new VerifyMacCommand({ KeyId: keyId, Message: message, Mac: first.Mac, MacAlgorithm: 'HMAC_SHA_256' }),
    );
    expect(verified.MacValid).toBe(true);
  });

  it('refuses a wrong MAC with KMSInvalidMacException, as AWS does', async () => {
    const { kms, keyId } = await hmacKey();
    const { Mac } = await kms.send(
      new GenerateMacCommand({ KeyId: keyId, Message: message, MacAlgorithm: 'HMAC_SHA_256' }),
    );
    const tampered = Uint8Array.from(Mac!);
    tampered[0] = tampered[0]! ^ 1;
    await expect(
      kms.send(
        new VerifyMacCommand({ KeyId: keyId, Message: message, Mac: tampered, MacAlgorithm: 'HMAC_SHA_256' }),
      ),
    ).rejects.toMatchObject({ name: 'KMSInvalidMacException' });
  });

  it('refuses the wrong algorithm, other key usages and oversized messages', async () => {
    const { kms, keyId } = await hmacKey();
    await expect(
      kms.send(new GenerateMacCommand({ KeyId: keyId, Message: message, MacAlgorithm: 'HMAC_SHA_512' })),
    ).rejects.toMatchObject({ name: 'InvalidKeyUsageException' });
    await expect(
      kms.send(new SignCommand({ KeyId: keyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' })),
    ).rejects.toMatchObject({ name: 'InvalidKeyUsageException' });
    await expect(kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: message }))).rejects.toMatchObject({
      name: 'InvalidKeyUsageException',
    });
    await expect(
      kms.send(
        new GenerateMacCommand({ KeyId: keyId, Message: new Uint8Array(4097), MacAlgorithm: 'HMAC_SHA_256' }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
