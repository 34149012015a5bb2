import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CopiesDue } from '../../core/copies/expire-copies';
import { documentClient, tableName } from './client';
import { queryExpiringBy } from './expiry-index';
import { isConditionFailure } from './queries';

// Copies still valid past their expiry, from the expiry index (copy-store.ts writes the entries).
// Expiring one removes its index entry in the same write; a revoked copy just leaves the index.

export const dynamoCopiesDue: CopiesDue = {
  async listExpiredBy(at, page) {
    const out = await queryExpiringBy('COPY', at, page);
    return {
      items: out.items.map((item) => ({
        copyId: item.copyId as string,
        expiresAt: item.expiresAt as string,
      })),
      nextCursor: out.nextCursor,
    };
  },

  async markExpired(copyId) {
    const key = { pk: `COPY#${copyId}`, sk: 'COPY' };
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: 'SET #status = :expired REMOVE gsi2pk, gsi2sk',
          ConditionExpression: 'attribute_exists(pk) AND #status = :valid',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':expired': 'expired', ':valid': 'valid' },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    // Revoked (final) or already expired: only leave the index. Nothing happens if the item is gone.
    await documentClient
      .send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: 'REMOVE gsi2pk, gsi2sk',
          ConditionExpression: 'attribute_exists(pk)',
        }),
      )
      .catch((error: Error) => {
        if (!isConditionFailure(error)) throw error;
      });
    return false;
  },
};
