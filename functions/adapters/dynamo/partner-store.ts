import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Partner, PartnerStore } from '../../core/partners/partner';
import { openSecret, sealSecret } from '../kms/secret-box';
import { documentClient, tableName } from './client';

// Items: PARTNER#<id> / PROFILE holds the partner, the hash of its live key and its webhook secret
// (KMS-encrypted); APIKEY#<sha256> / APIKEY points a key hash at its partner, so authentication is
// one GetItem plus one for the profile.

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

export const dynamoPartnerStore: PartnerStore = {
  async findByApiKeyHash(apiKeyHash) {
    const key = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: apiKeyKey(apiKeyHash) }),
    );
    if (!key.Item) return undefined;
    return dynamoPartnerStore.get(key.Item.partnerId as string);
  },

  async get(partnerId) {
    const out = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: partnerKey(partnerId) }),
    );
    return out.Item ? toPartner(out.Item) : undefined;
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
                apiKeyHash,
                webhookSecretCiphertext,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: { ...apiKeyKey(apiKeyHash), partnerId: partner.partnerId },
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
              UpdateExpression: 'SET apiKeyHash = :new',
              // Two rotations at once: only one wins, the other fails instead of orphaning a key.
              ConditionExpression: 'apiKeyHash = :old',
              ExpressionAttributeValues: { ':new': newApiKeyHash, ':old': oldHash },
            },
          },
          { Put: { TableName: tableName, Item: { ...apiKeyKey(newApiKeyHash), partnerId } } },
          { Delete: { TableName: tableName, Key: apiKeyKey(oldHash) } },
        ],
      }),
    );
  },

  async setEncryptionKey(partnerId, key) {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: partnerKey(partnerId),
        UpdateExpression: 'SET encryptionKey = :key',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':key': key },
      }),
    );
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

  async getWebhookSecret(partnerId) {
    const out = await documentClient.send(
      new GetCommand({
        TableName: tableName,
        Key: partnerKey(partnerId),
        ProjectionExpression: 'webhookSecretCiphertext',
      }),
    );
    const ciphertext = out.Item?.webhookSecretCiphertext as string | undefined;
    return ciphertext ? openSecret(ciphertext, secretContext(partnerId)) : undefined;
  },
};
