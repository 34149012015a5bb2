import { createPublicKey, verify } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyRotationStatusCommand,
  GetPublicKeyCommand,
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
} from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT_ID, freshDataDir, type KmsHarness, REGION, startKms } from './support/kms-harness';

const harnesses: KmsHarness[] = [];

async function boot(dataDir?: string) {
  const harness = await startKms(dataDir);
  harnesses.push(harness);
  return harness;
}

afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});

describe('aliases', () => {
  it('creates, lists by key, retargets and deletes an alias', async () => {
    const { kms } = await boot();
    const first = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const second = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/sharing', TargetKeyId: first.Arn }));

    const listed = await kms.send(new ListAliasesCommand({ KeyId: first.KeyId }));
    expect(listed.Aliases).toEqual([
      expect.objectContaining({
        AliasName: 'alias/sharing',
        AliasArn: `arn:aws:kms:${REGION}:${ACCOUNT_ID}:alias/sharing`,
        TargetKeyId: first.KeyId,
      }),
    ]);
    expect((await kms.send(new ListAliasesCommand({ KeyId: second.KeyId }))).Aliases).toEqual([]);

    await kms.send(new UpdateAliasCommand({ AliasName: 'alias/sharing', TargetKeyId: second.KeyId }));
    const described = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/sharing' }));
    expect(described.KeyMetadata?.KeyId).toBe(second.KeyId);

    await kms.send(new DeleteAliasCommand({ AliasName: 'alias/sharing' }));
    await expect(kms.send(new DescribeKeyCommand({ KeyId: 'alias/sharing' }))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
    await expect(kms.send(new DeleteAliasCommand({ AliasName: 'alias/sharing' }))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
  });

  it('refuses a second alias of the same name with AlreadyExistsException', async () => {
    const { kms } = await boot();
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/copies', TargetKeyId: key.KeyId }));
    await expect(
      kms.send(new CreateAliasCommand({ AliasName: 'alias/copies', TargetKeyId: key.KeyId })),
    ).rejects.toMatchObject({ name: 'AlreadyExistsException' });
  });

  it('refuses malformed alias names and aliases of unknown keys', async () => {
    const { kms } = await boot();
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    await expect(
      kms.send(new CreateAliasCommand({ AliasName: 'no-prefix', TargetKeyId: key.KeyId })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      kms.send(
        new CreateAliasCommand({ AliasName: 'alias/x', TargetKeyId: '00000000-0000-0000-0000-000000000000' }),
      ),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
  });
});

describe('key metadata', () => {
  it('keeps tags given at creation and by TagResource, and forgets untagged ones', async () => {
    const { kms } = await boot();
    const key = (
      await kms.send(new CreateKeyCommand({ Tags: [{ TagKey: 'project', TagValue: 'docshare' }] }))
    ).KeyMetadata!;
    await kms.send(
      new TagResourceCommand({ KeyId: key.Arn, Tags: [{ TagKey: 'stage', TagValue: 'local' }] }),
    );
    expect((await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags).toEqual([
      { TagKey: 'project', TagValue: 'docshare' },
      { TagKey: 'stage', TagValue: 'local' },
    ]);
    await kms.send(new UntagResourceCommand({ KeyId: key.KeyId, TagKeys: ['project'] }));
    expect((await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags).toEqual([
      { TagKey: 'stage', TagValue: 'local' },
    ]);
  });

  it('describes a key as AWS does, with dates in epoch seconds', async () => {
    const { kms } = await boot();
    const before = Date.now();
    const created = await kms.send(
      new CreateKeyCommand({ Description: 'copies', KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }),
    );
    expect(created.KeyMetadata).toMatchObject({
      Description: 'copies',
      KeyUsage: 'SIGN_VERIFY',
      KeySpec: 'RSA_2048',
      Enabled: true,
      KeyManager: 'CUSTOMER',
      Origin: 'AWS_KMS',
    });
    expect(created.KeyMetadata!.SigningAlgorithms).toContain('RSASSA_PSS_SHA_256');
    expect(created.KeyMetadata!.CreationDate!.getTime()).toBeGreaterThanOrEqual(
      Math.floor(before / 1000) * 1000,
    );
  });

  it('refuses a key usage the key spec cannot have', async () => {
    const { kms } = await boot();
    await expect(
      kms.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'ENCRYPT_DECRYPT' })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      kms.send(
        new GetPublicKeyCommand({ KeyId: (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId }),
      ),
    ).rejects.toMatchObject({ name: 'UnsupportedOperationException' });
  });

  it('records automatic rotation as enabled', async () => {
    const { kms } = await boot();
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).KeyRotationEnabled).toBe(
      false,
    );
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId }));
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).KeyRotationEnabled).toBe(
      true,
    );
  });

  it('pages ListKeys with Limit and Marker', async () => {
    const { kms } = await boot();
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) ids.add((await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!);
    const first = await kms.send(new ListKeysCommand({ Limit: 2 }));
    expect(first.Truncated).toBe(true);
    const rest = await kms.send(new ListKeysCommand({ Limit: 2, Marker: first.NextMarker }));
    expect(rest.Truncated).toBe(false);
    const listed = [...first.Keys!, ...rest.Keys!];
    expect(new Set(listed.map((k) => k.KeyId))).toEqual(ids);
    expect(listed[0]!.KeyArn).toBe(`arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${listed[0]!.KeyId}`);
  });

  it('refuses crypto with a key pending deletion', async () => {
    const { kms } = await boot();
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const scheduled = await kms.send(
      new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }),
    );
    expect(scheduled.KeyState).toBe('PendingDeletion');
    await expect(
      kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })),
    ).rejects.toMatchObject({
      name: 'KMSInvalidStateException',
    });
  });
});

describe('persistence', () => {
  it('keeps keys, aliases and tags when the service is re-created on the same data directory', async () => {
    const dataDir = freshDataDir();
    const before = await boot(dataDir);
    const signing = (
      await before.kms.send(
        new CreateKeyCommand({
          KeySpec: 'ECC_NIST_P256',
          KeyUsage: 'SIGN_VERIFY',
          Tags: [{ TagKey: 'a', TagValue: 'b' }],
        }),
      )
    ).KeyMetadata!;
    const symmetric = (await before.kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    await before.kms.send(
      new CreateAliasCommand({ AliasName: 'alias/persisted', TargetKeyId: signing.KeyId }),
    );
    const blob = (
      await before.kms.send(
        new EncryptCommand({
          KeyId: symmetric.KeyId,
          Plaintext: Buffer.from('kept'),
          EncryptionContext: { a: 'b' },
        }),
      )
    ).CiphertextBlob;
    const spkiBefore = (await before.kms.send(new GetPublicKeyCommand({ KeyId: signing.KeyId }))).PublicKey!;
    await before.close();

    const file = join(dataDir, 'kms', 'keys.json');
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).keys).toHaveLength(2);

    const after = await boot(dataDir);
    const decrypted = await after.kms.send(
      new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { a: 'b' } }),
    );
    expect(Buffer.from(decrypted.Plaintext!).toString()).toBe('kept');
    const message = Buffer.from('signed after restart');
    const signature = (
      await after.kms.send(
        new SignCommand({ KeyId: 'alias/persisted', Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }),
      )
    ).Signature!;
    const publicKey = createPublicKey({ key: Buffer.from(spkiBefore), format: 'der', type: 'spki' });
    expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
    expect((await after.kms.send(new ListResourceTagsCommand({ KeyId: signing.KeyId }))).Tags).toEqual([
      { TagKey: 'a', TagValue: 'b' },
    ]);
    await after.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
