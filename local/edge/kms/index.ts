// The embedded KMS: TrentService operations over keys persisted under <dataDir>/kms/ (see docs/local-kms.md).
import { type AwsJsonService, AwsServiceError } from '../aws-json-service';
import type { IamRequest } from '../iam/iam-requests';
import { ciphertextKeyId } from './ciphertext';
import * as crypto from './crypto-operations';
import type { Input } from './input';
import * as keys from './key-operations';
import { KeyStore } from './key-store';

type Operation = (store: KeyStore, input: Input) => unknown;

const OPERATIONS: Record<string, Operation> = {
  CreateKey: keys.createKey,
  DescribeKey: keys.describeKey,
  ListKeys: keys.listKeys,
  EnableKey: (store, input) => keys.setKeyState(store, input, 'Enabled'),
  DisableKey: (store, input) => keys.setKeyState(store, input, 'Disabled'),
  ScheduleKeyDeletion: keys.scheduleKeyDeletion,
  CancelKeyDeletion: keys.cancelKeyDeletion,
  CreateAlias: keys.createAlias,
  UpdateAlias: keys.updateAlias,
  DeleteAlias: keys.deleteAlias,
  ListAliases: keys.listAliases,
  TagResource: keys.tagResource,
  UntagResource: keys.untagResource,
  ListResourceTags: keys.listResourceTags,
  EnableKeyRotation: (store, input) => keys.setKeyRotation(store, input, true),
  DisableKeyRotation: (store, input) => keys.setKeyRotation(store, input, false),
  GetKeyRotationStatus: keys.getKeyRotationStatus,
  GetPublicKey: crypto.getPublicKey,
  Sign: crypto.sign,
  Verify: crypto.verify,
  Encrypt: crypto.encrypt,
  Decrypt: crypto.decrypt,
  GenerateDataKey: crypto.generateDataKey,
  GenerateDataKeyWithoutPlaintext: crypto.generateDataKeyWithoutPlaintext,
  GenerateRandom: crypto.generateRandom,
  GenerateMac: crypto.generateMac,
  VerifyMac: crypto.verifyMac,
};

export function createKmsService(opts: {
  dataDir: string;
  region: string;
  accountId: string;
}): AwsJsonService {
  const store = new KeyStore(opts.dataDir, opts.region, opts.accountId);
  return {
    async handle(operation, input) {
      const run = OPERATIONS[operation];
      if (!run)
        throw new AwsServiceError(
          'UnsupportedOperationException',
          `KMS ${operation} is not emulated locally`,
        );
      return run(store, input);
    },
    iamRequests: (operation, input) => iamRequests(store, operation, input),
  };
}

// Operations that name no key are authorized against "*".
const KEYLESS = new Set(['CreateKey', 'ListKeys', 'ListAliases', 'GenerateRandom']);

/**
 * KMS authorizes against the key an operation uses, whatever the caller named it by (id, ARN, alias):
 * the alias is resolved first, and a symmetric Decrypt's key comes from its ciphertext. A key that
 * does not exist is left to the operation, which answers NotFoundException.
 */
function iamRequests(store: KeyStore, operation: string, input: Input): IamRequest[] | undefined {
  const action = `kms:${operation}`;
  if (KEYLESS.has(operation)) return [{ action, resource: '*' }];
  let keyRef = input['KeyId'] ?? input['TargetKeyId'];
  if (keyRef === undefined && operation === 'Decrypt' && typeof input['CiphertextBlob'] === 'string') {
    try {
      keyRef = ciphertextKeyId(Buffer.from(input['CiphertextBlob'], 'base64'));
    } catch {
      return []; // malformed: the operation answers InvalidCiphertextException
    }
  }
  let keyArn: string;
  try {
    keyArn = store.keyArn(store.find(keyRef).id);
  } catch {
    return [];
  }
  const requests = [{ action, resource: keyArn }];
  const aliasName = input['AliasName'];
  if (typeof aliasName === 'string') requests.push({ action, resource: store.aliasArn(aliasName) });
  return requests;
}
