import { BatchGetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { BARCODE_GUESS_LIMIT } from '../../core/ratelimit/barcode-guessing';
import type { RateLimitCounterStore } from '../../core/ratelimit/sliding-window';
import { documentClient, tableName } from './client';

// RATE#<subject> / W#<windowStart>: one counter per fixed window, ADDed atomically, TTL-expired.

const key = (subject: string, windowStart: number) => ({ pk: `RATE#${subject}`, sk: `W#${windowStart}` });

export const dynamoRateLimitStore: RateLimitCounterStore = {
  async read(subject, windowStart) {
    const previousStart = windowStart - BARCODE_GUESS_LIMIT.windowSeconds;
    const out = await documentClient.send(
      new BatchGetCommand({
        RequestItems: {
          [tableName]: {
            Keys: [key(subject, windowStart), key(subject, previousStart)],
            ConsistentRead: true,
          },
        },
      }),
    );
    const items = out.Responses?.[tableName] ?? [];
    const countOf = (start: number) => (items.find((item) => item.sk === `W#${start}`)?.count as number) ?? 0;
    return { current: countOf(windowStart), previous: countOf(previousStart) };
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
