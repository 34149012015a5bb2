import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { retentionConfig, ttlAfter } from '../../config/retention';
import type { Notification, NotificationStore } from '../../core/notifications/notification';
import { decodeCursor, encodeCursor } from '../../core/pagination';
import { documentClient, tableName } from './client';
import { isConditionFailure } from './queries';

// CITIZEN#<citizenId> / NOTIFICATION#<notificationId>: ids sort by time, so a reverse query lists the
// newest first. No personal data: a document id, its type and its new validity.

const pk = (citizenId: string) => `CITIZEN#${citizenId}`;
const PREFIX = 'NOTIFICATION#';

function notificationOf(item: Record<string, unknown>): Notification {
  return {
    notificationId: item.notificationId as string,
    citizenId: item.citizenId as string,
    kind: item.kind as Notification['kind'],
    docId: item.docId as string,
    documentType: item.documentType as Notification['documentType'],
    ...(item.validUntil ? { validUntil: item.validUntil as string } : {}),
    createdAt: item.createdAt as string,
    ...(item.readAt ? { readAt: item.readAt as string } : {}),
  };
}

export const dynamoNotificationStore: NotificationStore = {
  async add(notification) {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          pk: pk(notification.citizenId),
          sk: PREFIX + notification.notificationId,
          type: 'notification',
          ...notification,
          expiresAtEpoch: ttlAfter(notification.createdAt, retentionConfig().RETENTION_NOTIFICATION_DAYS),
        },
      }),
    );
  },

  async list(citizenId, page) {
    const partition = pk(citizenId);
    const start = page.cursor
      ? decodeCursor(page.cursor, (p) => p.pk === partition && String(p.sk).startsWith(PREFIX))
      : undefined;
    const out = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': partition, ':prefix': PREFIX },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: start,
      }),
    );
    return {
      items: (out.Items ?? []).map(notificationOf),
      nextCursor: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : undefined,
    };
  },

  async markRead(citizenId, notificationId, now) {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: pk(citizenId), sk: PREFIX + notificationId },
          UpdateExpression: 'SET readAt = if_not_exists(readAt, :now)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },
};
