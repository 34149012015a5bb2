import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CounterRef, RateLimitCounterStore } from '../../core/ratelimit/sliding-window';
import { documentClient, tableName } from './client';
import { itemLoader } from './item-loader';
import { isConditionFailure } from './queries';

// RATE#<subject> / WINDOW: one item per subject holding a count per bucket (`b<bucketStart>`), TTL-
// expired once the subject is quiet. One item, so the conditional increment can see every bucket of
// the window at once: parallel callers whose reads straddle a bucket boundary cannot both count.

const key = (subject: string) => ({ pk: `RATE#${subject}`, sk: 'WINDOW' });
const bucket = (start: number) => `b${start}`;
// Buckets older than the window are dropped as new ones are counted (the TTL takes the rest).
const DROPPED_BUCKETS = 6;

/** Gives one back inside a caller's transaction (fails its condition if the bucket expired). */
export const counterRelease = ({ subject, bucketStart }: CounterRef) => ({
  TableName: tableName,
  Key: key(subject),
  UpdateExpression: 'ADD #bucket :minusOne',
  ConditionExpression: 'attribute_exists(#bucket)',
  ExpressionAttributeNames: { '#bucket': bucket(bucketStart) },
  ExpressionAttributeValues: { ':minusOne': -1 },
});

export const dynamoRateLimitStore: RateLimitCounterStore = {
  async read(subject, bucketStarts) {
    // Through the loader: reads started beside this one (a validation's branch) share its round trip.
    const item = (await itemLoader.load(key(subject))) as Record<string, unknown> | undefined;
    return bucketStarts.map((start) => (item?.[bucket(start)] as number | undefined) ?? 0);
  },

  async incrementBelow({ subject, bucketStart, ceiling, expiresAtEpoch, closedAsRead, later }) {
    const size = (later[0] ?? bucketStart + 1) - bucketStart;
    const oldest = closedAsRead[0]?.start ?? bucketStart;
    const names: Record<string, string> = { '#current': bucket(bucketStart) };
    const values: Record<string, number> = {
      ':one': 1,
      ':ttl': expiresAtEpoch,
      ':ceiling': ceiling,
      ':zero': 0,
    };
    const conditions = ['(attribute_not_exists(#current) OR #current < :ceiling)'];
    closedAsRead.forEach(({ start, count }, i) => {
      names[`#closed${i}`] = bucket(start);
      values[`:closed${i}`] = count;
      conditions.push(`(attribute_not_exists(#closed${i}) OR #closed${i} <= :closed${i})`);
    });
    later.forEach((start, i) => {
      names[`#later${i}`] = bucket(start);
      conditions.push(`(attribute_not_exists(#later${i}) OR #later${i} <= :zero)`);
    });
    const dropped = Array.from({ length: DROPPED_BUCKETS }, (_, i) => {
      names[`#old${i}`] = bucket(oldest - (i + 1) * size);
      return `#old${i}`;
    });
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(subject),
          UpdateExpression: `ADD #current :one SET expiresAtEpoch = :ttl REMOVE ${dropped.join(', ')}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },

  async decrement(subject, bucketStart) {
    await documentClient
      .send(new UpdateCommand(counterRelease({ subject, bucketStart })))
      .catch((error: unknown) => {
        // The window expired and was deleted meanwhile: nothing left to give back.
        if (!isConditionFailure(error)) throw error;
      });
  },
};
