import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DownloadLink, DownloadLinkStore } from '../../core/organisations/download-links';
import { documentClient, tableName } from './client';
import { isConditionFailure } from './queries';

// QRDOWNLOAD#<sha256(token)>: a one-time download link of copies too large to mail, kept a week past
// its expiry (then TTL) so that a late click answers 410 rather than 404.

const key = (tokenHash: string) => ({ pk: `QRDOWNLOAD#${tokenHash}`, sk: 'QRDOWNLOAD' });

function strip(item: Record<string, unknown>): DownloadLink {
  const { pk: _pk, sk: _sk, type: _type, expiresAtEpoch: _e, ...rest } = item;
  return rest as unknown as DownloadLink;
}

export const dynamoDownloadLinkStore: DownloadLinkStore = {
  async putDownloadLink(tokenHash, link) {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...key(tokenHash),
          type: 'qr-download',
          ...link,
          expiresAtEpoch: Math.floor(Date.parse(link.expiresAt) / 1000) + 7 * 86400,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  async getDownloadLink(tokenHash) {
    const out = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: key(tokenHash), ConsistentRead: true }),
    );
    return out.Item ? strip(out.Item) : undefined;
  },

  async useDownloadLink(tokenHash, now) {
    try {
      const out = await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(tokenHash),
          UpdateExpression: 'SET usedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND expiresAt > :now',
          ExpressionAttributeValues: { ':now': now.toISOString() },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { outcome: 'used', link: strip(out.Attributes ?? {}) };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const out = await documentClient.send(
        new GetCommand({ TableName: tableName, Key: key(tokenHash), ConsistentRead: true }),
      );
      if (!out.Item) return undefined;
      const link = strip(out.Item);
      return { outcome: link.usedAt ? 'already_used' : 'expired', link };
    }
  },
};
