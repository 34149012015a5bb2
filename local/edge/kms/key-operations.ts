// KMS operations on keys themselves: lifecycle, metadata, aliases, tags, rotation flags.
import { randomUUID } from 'node:crypto';
import { AwsServiceError } from '../aws-json-service';
import { type Input, optionalInteger, optionalString, page, requiredString, tags } from './input';
import { generateMaterial } from './key-material';
import {
  encryptionAlgorithms,
  KEY_SPECS,
  type KeyUsage,
  macAlgorithms,
  signingAlgorithms,
} from './key-specs';
import type { KeyStore, KmsAlias, KmsKey } from './key-store';

// Specs AWS offers that this emulator does not: asking for them is "unsupported", not "invalid".
const UNEMULATED_SPECS = ['ECC_NIST_P521', 'ECC_SECG_P256K1', 'SM2'];
const ALIAS_NAME = /^alias\/[a-zA-Z0-9/_-]{1,250}$/;
const now = () => Math.floor(Date.now() / 1000);

export function keyMetadata(store: KeyStore, key: KmsKey) {
  const spec = store.spec(key);
  return {
    AWSAccountId: store.accountId,
    KeyId: key.id,
    Arn: store.keyArn(key.id),
    CreationDate: key.createdAt,
    Enabled: key.state === 'Enabled',
    Description: key.description,
    KeyUsage: key.keyUsage,
    KeyState: key.state,
    ...(key.deletionDate === undefined ? {} : { DeletionDate: key.deletionDate }),
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: key.keySpec,
    KeySpec: key.keySpec,
    ...(key.keyUsage === 'SIGN_VERIFY'
      ? { SigningAlgorithms: signingAlgorithms(spec) }
      : key.keyUsage === 'GENERATE_VERIFY_MAC'
        ? { MacAlgorithms: macAlgorithms(spec) }
        : { EncryptionAlgorithms: encryptionAlgorithms(spec) }),
    MultiRegion: false,
  };
}

export async function createKey(store: KeyStore, input: Input) {
  const keySpec =
    optionalString(input, 'KeySpec') ?? optionalString(input, 'CustomerMasterKeySpec') ?? 'SYMMETRIC_DEFAULT';
  const keyUsage = optionalString(input, 'KeyUsage') ?? 'ENCRYPT_DECRYPT';
  const spec = KEY_SPECS[keySpec];
  if (!spec && UNEMULATED_SPECS.includes(keySpec)) {
    throw new AwsServiceError('UnsupportedOperationException', `KeySpec ${keySpec} is not emulated locally`);
  }
  if (!spec) throw new AwsServiceError('ValidationException', `KeySpec ${keySpec} is invalid`);
  if (!spec.usages.includes(keyUsage as KeyUsage)) {
    throw new AwsServiceError(
      'ValidationException',
      `KeyUsage ${keyUsage} is not valid for KeySpec ${keySpec}`,
    );
  }
  const key: KmsKey = {
    id: randomUUID(),
    createdAt: now(),
    description: optionalString(input, 'Description') ?? '',
    keySpec,
    keyUsage: keyUsage as KeyUsage,
    state: 'Enabled',
    rotation: false,
    tags: tags(input, 'Tags'),
    material: await generateMaterial(spec),
  };
  store.keys.set(key.id, key);
  store.save();
  return { KeyMetadata: keyMetadata(store, key) };
}

export function describeKey(store: KeyStore, input: Input) {
  return { KeyMetadata: keyMetadata(store, store.find(input['KeyId'])) };
}

export function listKeys(store: KeyStore, input: Input) {
  const { items, ...rest } = page(input, [...store.keys.keys()], 1000);
  return { Keys: items.map((id) => ({ KeyId: id, KeyArn: store.keyArn(id) })), ...rest };
}

export function setKeyState(store: KeyStore, input: Input, state: 'Enabled' | 'Disabled') {
  const key = store.find(input['KeyId']);
  if (key.state === 'PendingDeletion') {
    throw new AwsServiceError('KMSInvalidStateException', `${store.keyArn(key.id)} is pending deletion.`);
  }
  key.state = state;
  store.save();
  return {};
}

/** Keys are only marked for deletion; the window never elapses locally, so CancelKeyDeletion always works. */
export function scheduleKeyDeletion(store: KeyStore, input: Input) {
  const key = store.find(input['KeyId']);
  const days = optionalInteger(input, 'PendingWindowInDays', 7, 30) ?? 30;
  key.state = 'PendingDeletion';
  key.deletionDate = now() + days * 86_400;
  store.save();
  return {
    KeyId: store.keyArn(key.id),
    DeletionDate: key.deletionDate,
    KeyState: key.state,
    PendingWindowInDays: days,
  };
}

export function cancelKeyDeletion(store: KeyStore, input: Input) {
  const key = store.find(input['KeyId']);
  if (key.state !== 'PendingDeletion') {
    throw new AwsServiceError('KMSInvalidStateException', `${store.keyArn(key.id)} is not pending deletion.`);
  }
  key.state = 'Disabled';
  delete key.deletionDate;
  store.save();
  return { KeyId: store.keyArn(key.id) };
}

function aliasTarget(store: KeyStore, input: Input): KmsKey {
  const target = requiredString(input, 'TargetKeyId');
  if (target.startsWith('alias/') || target.includes(':alias/')) {
    throw new AwsServiceError('ValidationException', 'TargetKeyId must be a key id or key ARN, not an alias');
  }
  return store.find(target);
}

export function createAlias(store: KeyStore, input: Input) {
  const name = requiredString(input, 'AliasName');
  if (!ALIAS_NAME.test(name))
    throw new AwsServiceError('ValidationException', `Alias name ${name} is invalid`);
  if (name.startsWith('alias/aws/')) {
    throw new AwsServiceError('NotAuthorizedException', 'Alias names starting with alias/aws/ are reserved');
  }
  const key = aliasTarget(store, input);
  if (store.aliases.has(name)) {
    throw new AwsServiceError(
      'AlreadyExistsException',
      `An alias with the name ${store.aliasArn(name)} already exists`,
    );
  }
  store.aliases.set(name, { name, targetKeyId: key.id, createdAt: now(), updatedAt: now() });
  store.save();
  return {};
}

function existingAlias(store: KeyStore, input: Input): KmsAlias {
  const name = requiredString(input, 'AliasName');
  const alias = store.aliases.get(name);
  if (!alias) throw new AwsServiceError('NotFoundException', `Alias ${store.aliasArn(name)} is not found.`);
  return alias;
}

export function updateAlias(store: KeyStore, input: Input) {
  const alias = existingAlias(store, input);
  const key = aliasTarget(store, input);
  if (store.find(alias.targetKeyId).keyUsage !== key.keyUsage) {
    throw new AwsServiceError('ValidationException', 'The new target key must have the same key usage');
  }
  alias.targetKeyId = key.id;
  alias.updatedAt = now();
  store.save();
  return {};
}

export function deleteAlias(store: KeyStore, input: Input) {
  store.aliases.delete(existingAlias(store, input).name);
  store.save();
  return {};
}

export function listAliases(store: KeyStore, input: Input) {
  const keyId = input['KeyId'] === undefined ? undefined : store.find(input['KeyId']).id;
  const aliases = [...store.aliases.values()].filter((a) => keyId === undefined || a.targetKeyId === keyId);
  const { items, ...rest } = page(input, aliases, 50);
  const Aliases = items.map((a) => ({
    AliasName: a.name,
    AliasArn: store.aliasArn(a.name),
    TargetKeyId: a.targetKeyId,
    CreationDate: a.createdAt,
    LastUpdatedDate: a.updatedAt,
  }));
  return { Aliases, ...rest };
}

export function tagResource(store: KeyStore, input: Input) {
  const key = store.find(input['KeyId']);
  Object.assign(key.tags, tags(input, 'Tags'));
  store.save();
  return {};
}

export function untagResource(store: KeyStore, input: Input) {
  const key = store.find(input['KeyId']);
  const keys = input['TagKeys'];
  if (!Array.isArray(keys)) throw new AwsServiceError('ValidationException', 'TagKeys must be a list');
  for (const tagKey of keys) delete key.tags[String(tagKey)];
  store.save();
  return {};
}

export function listResourceTags(store: KeyStore, input: Input) {
  const key = store.find(input['KeyId']);
  const { items, ...rest } = page(input, Object.entries(key.tags), 50);
  return { Tags: items.map(([TagKey, TagValue]) => ({ TagKey, TagValue })), ...rest };
}

export function setKeyRotation(store: KeyStore, input: Input, enabled: boolean) {
  const key = store.find(input['KeyId']);
  if (store.spec(key).kind !== 'symmetric') {
    throw new AwsServiceError(
      'UnsupportedOperationException',
      'Only symmetric keys support automatic rotation',
    );
  }
  key.rotation = enabled;
  store.save();
  return {};
}

export function getKeyRotationStatus(store: KeyStore, input: Input) {
  const key = store.find(input['KeyId']);
  return { KeyId: store.keyArn(key.id), KeyRotationEnabled: key.rotation };
}
