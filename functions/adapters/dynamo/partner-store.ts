import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Partner, PartnerStore } from '../../core/partners/partner';
import { openSecret, sealSecret } from '../kms/secret-box';
import { documentClient, fromItem, itemClient, tableName, toItem } from './client';
import { itemLoader } from './item-loader';

// Items: PARTNER#<id> / PROFILE holds the partner, the hash of its live key and its webhook secret
// (KMS-encrypted); APIKEY#<sha256> / APIKEY points a key hash at its partner and carries a copy of
// the public profile (name, document types, encryption key), so authenticating a partner call is
// one GetItem. Every write of the profile writes the copy in the same transaction, conditioned on
// the profile's `version`, so the two never disagree.

const partnerKey = (partnerId: string) => ({ pk: `PARTNER#${partnerId}`, sk: 'PROFILE' });
const apiKeyKey = (hash: string) => ({ pk: `APIKEY#${hash}`, sk: 'APIKEY' });
const secretContext = (partnerId: string) => ({ purpose: 'webhook-secret', partnerId });

function toPartner(item: Record<string, unknown>): Partner {
  return {
    partnerId: item.partnerId as string,
    name: item.name as string,
    documentTypes: item.documentTypes as Partner['documentTypes'],
    createdAt: item.createdAt as string,
    encryptionKey: item.encryptionKey as Partner['encryptionKey'],
  };
}

/** What authentication needs, copied onto the API-key item (no secrets: the key hash is the item's key). */
function publicProfile(partner: Partner) {
  return {
    partnerId: partner.partnerId,
    name: partner.name,
    documentTypes: partner.documentTypes,
    createdAt: partner.createdAt,
    encryptionKey: partner.encryptionKey,
  };
}

/** Profiles created before versioning have none: the first versioned write starts at 1. */
const versionIs = (item: Record<string, unknown>) =>
  item.version === undefined ? 'attribute_not_exists(version)' : 'version = :version';
const versionValues = (item: Record<string, unknown>) => ({
  ...(item.version === undefined ? {} : { ':version': item.version }),
  ':next': ((item.version as number | undefined) ?? 0) + 1,
});

export const dynamoPartnerStore: PartnerStore = {
  async findByApiKeyHash(apiKeyHash) {
    // Every partner call starts here: through the plain client (see client.ts).
    const out = await itemClient.send(
      new GetItemCommand({ TableName: tableName, Key: toItem(apiKeyKey(apiKeyHash)) }),
    );
    if (!out.Item) return undefined;
    const key = fromItem(out.Item);
    // Keys written before the profile copy existed fall back to the profile.
    if (key.profile) return toPartner(key.profile as Record<string, unknown>);
    return dynamoPartnerStore.get(key.partnerId as string);
  },

  async get(partnerId) {
    // Through the loader: a share's copies read the partner beside its branch, in one BatchGetItem.
    const item = await itemLoader.load(partnerKey(partnerId));
    return item ? toPartner(item) : undefined;
  },

  async create(partner, apiKeyHash, webhookSecret) {
    const webhookSecretCiphertext = await sealSecret(webhookSecret, secretContext(partner.partnerId));
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: {
                ...partnerKey(partner.partnerId),
                type: 'partner',
                ...partner,
                version: 1,
                apiKeyHash,
                webhookSecretCiphertext,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: {
                ...apiKeyKey(apiKeyHash),
                partnerId: partner.partnerId,
                profile: publicProfile(partner),
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
  },

  async replaceApiKey(partnerId, newApiKeyHash) {
    const current = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: partnerKey(partnerId) }),
    );
    if (!current.Item) throw new Error('The partner does not exist');
    const oldHash = current.Item.apiKeyHash as string;
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: partnerKey(partnerId),
              UpdateExpression: 'SET apiKeyHash = :new, version = :next',
              // Two rotations, or a rotation and a key registration, at once: one wins, the other
              // fails instead of orphaning a key or copying a stale profile.
              ConditionExpression: `apiKeyHash = :old AND ${versionIs(current.Item)}`,
              ExpressionAttributeValues: {
                ':new': newApiKeyHash,
                ':old': oldHash,
                ...versionValues(current.Item),
              },
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: {
                ...apiKeyKey(newApiKeyHash),
                partnerId,
                profile: publicProfile(toPartner(current.Item)),
              },
            },
          },
          { Delete: { TableName: tableName, Key: apiKeyKey(oldHash) } },
        ],
      }),
    );
  },

  async setEncryptionKey(partnerId, key) {
    // Profile and key copy in one transaction; a rotation in between fails it, so try again.
    for (let attempt = 0; ; attempt++) {
      const current = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: partnerKey(partnerId), ConsistentRead: true }),
      );
      if (!current.Item) throw new Error('The partner does not exist');
      try {
        await documentClient.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: partnerKey(partnerId),
                  UpdateExpression: 'SET encryptionKey = :key, version = :next',
                  ConditionExpression: versionIs(current.Item),
                  ExpressionAttributeValues: { ':key': key, ...versionValues(current.Item) },
                },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: apiKeyKey(current.Item.apiKeyHash as string),
                  UpdateExpression: 'SET profile = :profile',
                  ConditionExpression: 'attribute_exists(pk)',
                  ExpressionAttributeValues: {
                    ':profile': publicProfile({ ...toPartner(current.Item), encryptionKey: key }),
                  },
                },
              },
            ],
          }),
        );
        return;
      } catch (error) {
        if ((error as Error).name !== 'TransactionCanceledException' || attempt >= 2) throw error;
      }
    }
  },

  async setWebhookSecret(partnerId, webhookSecret) {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: partnerKey(partnerId),
        UpdateExpression: 'SET webhookSecretCiphertext = :secret',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':secret': await sealSecret(webhookSecret, secretContext(partnerId)) },
      }),
    );
  },

  async loadWebhookSecret(partnerId) {
    // Through the loader: a webhook attempt reads it beside the request, in one BatchGetItem.
    const item = await itemLoader.load(partnerKey(partnerId));
    const ciphertext = item?.webhookSecretCiphertext as string | undefined;
    return { open: async () => (ciphertext ? openSecret(ciphertext, secretContext(partnerId)) : undefined) };
  },
};
