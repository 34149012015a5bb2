import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type DeliveryAttempt,
  type DeliveryStore,
  KEPT_ATTEMPTS,
  type WebhookDelivery,
} from '../../core/requests/webhook-deliveries';
import { documentClient, tableName } from './client';
import { queryIndexPage } from './queries';

// WEBHOOK#<partnerId> / DELIVERY#<deliveryId>: one item per event sent to a partner, its attempts
// appended; gsi1 (PARTNER#<partnerId>#DELIVERIES, <createdAt>#<deliveryId>) lists them newest first.
// Kept 30 days (TTL): long enough to investigate an outage, short enough not to become an archive.

const KEEP_SECONDS = 30 * 86_400;
const key = (partnerId: string, deliveryId: string) => ({
  pk: `WEBHOOK#${partnerId}`,
  sk: `DELIVERY#${deliveryId}`,
});
const partition = (partnerId: string) => `PARTNER#${partnerId}#DELIVERIES`;

function toDelivery(item: Record<string, unknown>): WebhookDelivery {
  return {
    deliveryId: item.deliveryId as string,
    eventId: item.eventId as string,
    event: item.event as WebhookDelivery['event'],
    requestId: item.requestId as string,
    status: item.deliveryStatus as WebhookDelivery['status'],
    attempts: (item.attempts as WebhookDelivery['attempts']) ?? [],
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
  };
}

/**
 * The update that appends one attempt. `belowKept` adds a condition that the list is still short of
 * KEPT_ATTEMPTS, for a transaction, which cannot trim it afterwards (recordAttempt can).
 */
export function attemptUpdate(
  partnerId: string,
  delivery: Pick<WebhookDelivery, 'deliveryId' | 'eventId' | 'event' | 'requestId'>,
  attempt: DeliveryAttempt,
  options: { belowKept?: boolean } = {},
) {
  const at = attempt.at;
  return {
    TableName: tableName,
    Key: key(partnerId, delivery.deliveryId),
    UpdateExpression:
      'SET deliveryId = :deliveryId, eventId = :eventId, #event = :event, requestId = :requestId, ' +
      'createdAt = if_not_exists(createdAt, :at), gsi1pk = :partition, ' +
      'gsi1sk = if_not_exists(gsi1sk, :sortKey), updatedAt = :at, ' +
      'deliveryStatus = :status, attempts = list_append(if_not_exists(attempts, :none), :attempt), ' +
      'expiresAtEpoch = :ttl, #type = :type',
    ...(options.belowKept
      ? { ConditionExpression: 'attribute_not_exists(attempts) OR size(attempts) < :kept' }
      : {}),
    ExpressionAttributeNames: { '#event': 'event', '#type': 'type' },
    ExpressionAttributeValues: {
      ':deliveryId': delivery.deliveryId,
      ':eventId': delivery.eventId,
      ':event': delivery.event,
      ':requestId': delivery.requestId,
      ':at': at,
      ':partition': partition(partnerId),
      ':sortKey': `${at}#${delivery.deliveryId}`,
      // A later success does not un-deliver: once delivered, a redelivery's failure is only an attempt.
      ':status': attempt.httpStatus !== undefined && attempt.httpStatus < 300 ? 'delivered' : 'retrying',
      ':none': [],
      ':attempt': [attempt],
      ':ttl': Math.floor(Date.parse(at) / 1000) + KEEP_SECONDS,
      ':type': 'webhook-delivery',
      ...(options.belowKept ? { ':kept': KEPT_ATTEMPTS } : {}),
    },
  };
}

export const dynamoDeliveryStore: DeliveryStore = {
  async recordAttempt(partnerId, delivery, attempt) {
    const out = await documentClient.send(
      new UpdateCommand({ ...attemptUpdate(partnerId, delivery, attempt), ReturnValues: 'ALL_NEW' }),
    );
    const attempts = (out.Attributes?.attempts as unknown[] | undefined) ?? [];
    if (attempts.length > KEPT_ATTEMPTS) {
      // Drop the oldest: the first attempts of a long outage say nothing the latest do not.
      const drop = Array.from({ length: attempts.length - KEPT_ATTEMPTS }, (_, i) => `attempts[${i}]`);
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(partnerId, delivery.deliveryId),
          UpdateExpression: `REMOVE ${drop.join(', ')}`,
        }),
      );
    }
  },

  async get(partnerId, deliveryId) {
    const out = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: key(partnerId, deliveryId) }),
    );
    return out.Item ? toDelivery(out.Item) : undefined;
  },

  async list(partnerId, filter, page) {
    const clauses: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    if (filter.requestId !== undefined) {
      clauses.push('requestId = :requestId');
      values[':requestId'] = filter.requestId;
    }
    if (filter.event !== undefined) {
      clauses.push('#event = :event');
      names['#event'] = 'event';
      values[':event'] = filter.event;
    }
    if (filter.status !== undefined) {
      clauses.push('deliveryStatus = :status');
      values[':status'] = filter.status;
    }
    const result = await queryIndexPage({
      partition: partition(partnerId),
      page,
      ...(clauses.length > 0
        ? {
            filter: {
              expression: clauses.join(' AND '),
              names: Object.keys(names).length ? names : undefined,
              values,
            },
          }
        : {}),
    });
    return { items: result.items.map(toDelivery), nextCursor: result.nextCursor };
  },
};
