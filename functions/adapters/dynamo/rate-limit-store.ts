import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { BARCODE_GUESS_LIMIT } from '../../core/ratelimit/barcode-guessing';
import type { RateLimitCounterStore } from '../../core/ratelimit/sliding-window';
import { documentClient, tableName } from './client';
import { itemLoader } from './item-loader';

// RATE#<subject> / W#<windowStart>: one counter per fixed window, ADDed atomically, TTL-expired.

const key = (subject: string, windowStart: number) => ({ pk: `RATE#${subject}`, sk: `W#${windowStart}` });

export const dynamoRateLimitStore: RateLimitCounterStore = {
  async read(subject, windowStart) {
    const previousStart = windowStart - BARCODE_GUESS_LIMIT.windowSeconds;
    // Through the loader: reads started beside this one (a validation's branch) share its round trip.
    const [current, previous] = await itemLoader.loadMany([
      key(subject, windowStart),
      key(subject, previousStart),
    ]);
    const countOf = (item: unknown) => {
      if (item instanceof Error) throw item;
      return ((item as Record<string, unknown> | undefined)?.count as number | undefined) ?? 0;
    };
    return { current: countOf(current), previous: countOf(previous) };
  },

  async increment(subject, windowStart, expiresAtEpoch) {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key(subject, windowStart),
        UpdateExpression: 'ADD #count :one SET expiresAtEpoch = :ttl',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':one': 1, ':ttl': expiresAtEpoch },
      }),
    );
  },
};
