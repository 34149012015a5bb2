import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CounterRef, RateLimitCounterStore } from '../../core/ratelimit/sliding-window';
import { documentClient, tableName } from './client';
import { itemLoader } from './item-loader';

// RATE#<subject> / W#<bucketStart>: one counter per bucket of a sliding window, ADDed atomically,
// TTL-expired.

const key = (subject: string, bucketStart: number) => ({ pk: `RATE#${subject}`, sk: `W#${bucketStart}` });

/** Gives one back inside a caller's transaction (fails its condition if the bucket expired). */
export const counterRelease = ({ subject, bucketStart }: CounterRef) => ({
  TableName: tableName,
  Key: key(subject, bucketStart),
  UpdateExpression: 'ADD #count :minusOne',
  ConditionExpression: 'attribute_exists(#count)',
  ExpressionAttributeNames: { '#count': 'count' },
  ExpressionAttributeValues: { ':minusOne': -1 },
});

export const dynamoRateLimitStore: RateLimitCounterStore = {
  async read(subject, bucketStarts) {
    // Through the loader: reads started beside this one (a validation's branch) share its round trip.
    const items = await itemLoader.loadMany(bucketStarts.map((start) => key(subject, start)));
    return items.map((item) => {
      if (item instanceof Error) throw item;
      return ((item as Record<string, unknown> | undefined)?.count as number | undefined) ?? 0;
    });
  },

  async incrementBelow(subject, bucketStart, ceiling, expiresAtEpoch) {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(subject, bucketStart),
          UpdateExpression: 'ADD #count :one SET expiresAtEpoch = :ttl',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :ceiling',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':one': 1, ':ttl': expiresAtEpoch, ':ceiling': ceiling },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  },

  async decrement(subject, bucketStart) {
    await documentClient
      .send(new UpdateCommand(counterRelease({ subject, bucketStart })))
      .catch((error: unknown) => {
        // The window expired and was deleted meanwhile: nothing left to give back.
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      });
  },
};
