import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { retentionConfig, ttlAfter } from '../../config/retention';
import type { Consent, ConsentStore } from '../../core/consents/consent';
import { documentClient, tableName } from './client';
import { isConditionFailure, queryIndexPage } from './queries';

// CITIZEN#<citizenId> / CONSENT#<partnerId>#<consentId>: in the citizen's partition, so that the
// citizen's view, revocation per partner and erasure are single-partition queries. The partner
// reaches its consents through gsi1 (PARTNER#<partnerId>#CONSENTS / <consentId>). No personal data.

const key = (consent: Pick<Consent, 'citizenId' | 'partnerId' | 'consentId'>) => ({
  pk: `CITIZEN#${consent.citizenId}`,
  sk: `CONSENT#${consent.partnerId}#${consent.consentId}`,
});
const partnerPartition = (partnerId: string) => `PARTNER#${partnerId}#CONSENTS`;

function toConsent(item: Record<string, unknown>): Consent {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _t, expiresAtEpoch: _e, ...rest } = item;
  return rest as unknown as Consent;
}

export const dynamoConsentStore: ConsentStore = {
  async put(consent) {
    try {
      await documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...key(consent),
            type: 'consent',
            ...consent,
            gsi1pk: partnerPartition(consent.partnerId),
            gsi1sk: consent.consentId,
            // Kept past its end for the citizen's history, as long as requests are, then removed by TTL.
            expiresAtEpoch: ttlAfter(consent.until, retentionConfig().RETENTION_REQUEST_RECORD_DAYS),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  },

  async getForPartner(partnerId, consentId) {
    const out = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :id',
        ExpressionAttributeValues: { ':pk': partnerPartition(partnerId), ':id': consentId },
      }),
    );
    return out.Items?.[0] ? toConsent(out.Items[0]) : undefined;
  },

  async listForPartner(partnerId, page, liveAt) {
    const found = await queryIndexPage({
      partition: partnerPartition(partnerId),
      page,
      newestFirst: false,
      filter: liveAt
        ? {
            expression: '#status = :active AND #until > :now',
            names: { '#status': 'status', '#until': 'until' },
            values: { ':active': 'active', ':now': liveAt.toISOString() },
          }
        : undefined,
    });
    return { items: found.items.map(toConsent), nextCursor: found.nextCursor };
  },

  async listForCitizen(citizenId, partnerId) {
    const consents: Consent[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await documentClient.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: {
            ':pk': `CITIZEN#${citizenId}`,
            ':prefix': partnerId ? `CONSENT#${partnerId}#` : 'CONSENT#',
          },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      consents.push(...(out.Items ?? []).map(toConsent));
      start = out.LastEvaluatedKey;
    } while (start);
    return consents;
  },

  async recordUse(consent, now) {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(consent),
          UpdateExpression: 'SET uses = uses + :one, lastUsedAt = :now',
          ConditionExpression: '#status = :active AND #until > :now',
          ExpressionAttributeNames: { '#status': 'status', '#until': 'until' },
          ExpressionAttributeValues: { ':one': 1, ':now': now.toISOString(), ':active': 'active' },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },

  async revoke(consent, now) {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(consent),
          UpdateExpression: 'SET #status = :revoked, revokedAt = :now',
          ConditionExpression: '#status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':revoked': 'revoked',
            ':active': 'active',
            ':now': now.toISOString(),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },

  async remove(consent) {
    await documentClient.send(new DeleteCommand({ TableName: tableName, Key: key(consent) }));
  },
};
