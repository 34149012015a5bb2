import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateLimitCounterStore } from '../../core/ratelimit/sliding-window';
import { documentClient, tableName } from './client';
import { itemLoader } from './item-loader';

// RATE#<subject> / W#<windowStart>: one counter per fixed window, ADDed atomically, TTL-expired.

const key = (subject: string, windowStart: number) => ({ pk: `RATE#${subject}`, sk: `W#${windowStart}` });

export const dynamoRateLimitStore: RateLimitCounterStore = {
  async read(subject, windowStart, windowSeconds) {
    // Through the loader: reads started beside this one (a validation's branch) share its round trip.
    const [current, previous] = await itemLoader.loadMany([
      key(subject, windowStart),
      key(subject, windowStart - windowSeconds),
    ]);
    const countOf = (item: unknown) => {
      if (item instanceof Error) throw item;
      return ((item as Record<string, unknown> | undefined)?.count as number | undefined) ?? 0;
    };
    return { current: countOf(current), previous: countOf(previous) };
  },

  async incrementBelow(subject, windowStart, ceiling, expiresAtEpoch) {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(subject, windowStart),
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

  async decrement(subject, windowStart) {
    await documentClient
      .send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(subject, windowStart),
          UpdateExpression: 'ADD #count :minusOne',
          ConditionExpression: 'attribute_exists(#count)',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':minusOne': -1 },
        }),
      )
      .catch((error: unknown) => {
        // The window expired and was deleted meanwhile: nothing left to give back.
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      });
  },
};
