import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { retentionConfig, ttlAfter } from '../../config/retention';
import type { AuditEntry, RequestStore } from '../../core/requests/request-store';
import type { RequestStatus, ShareRequest } from '../../core/requests/share-request';
import { documentClient, tableName } from './client';
import { documentKey } from './document-key';
import { itemLoader } from './item-loader';
import { isConditionFailure, queryIndexPage, setExpression } from './queries';
import { counterRelease } from './rate-limit-store';

// REQ#<partnerId>#<requestId> / REQUEST: the request, keyed by the partner's own requestId so
// idempotency is a conditional put. The citizen's view comes through gsi1 (CITIZEN#<id>#REQ,
// ordered by creation). Audit records sit beside it (AUDIT#<time>#<event>), without personal data.

const key = (partnerId: string, requestId: string) => ({
  pk: `REQ#${partnerId}#${requestId}`,
  sk: 'REQUEST',
});
const citizenIndex = (request: Pick<ShareRequest, 'citizenId' | 'createdAt' | 'partnerId' | 'requestId'>) =>
  request.citizenId
    ? {
        gsi1pk: `CITIZEN#${request.citizenId}#REQ`,
        gsi1sk: `${request.createdAt}#${request.partnerId}#${request.requestId}`,
      }
    : {};

function toRequest(item: Record<string, unknown>): ShareRequest {
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _g1,
    gsi1sk: _g2,
    type: _t,
    taskToken: _tt,
    expiresAtEpoch: _e,
    ...rest
  } = item;
  return rest as unknown as ShareRequest;
}

function item(request: ShareRequest) {
  return {
    ...key(request.partnerId, request.requestId),
    type: 'request',
    ...request,
    ...citizenIndex(request),
    // Kept for the citizen's history after it ends (retention config), then removed by TTL.
    expiresAtEpoch: ttlAfter(request.expiresAt, retentionConfig().RETENTION_REQUEST_RECORD_DAYS),
  };
}

export const dynamoRequestStore: RequestStore = {
  async createConsumingBarcode(request, barcode, now, extras) {
    const { release } = extras;
    try {
      await documentClient.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: tableName,
                Key: { pk: `BARCODE#${barcode}`, sk: 'BARCODE' },
                ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now',
                ExpressionAttributeValues: { ':now': now.toISOString() },
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: item(request),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              // Still the document's current code: a code replaced since it was read is gone too.
              ConditionCheck: {
                TableName: tableName,
                Key: documentKey(request.citizenId!, request.docId!),
                ConditionExpression: 'currentBarcode = :barcode',
                ExpressionAttributeValues: { ':barcode': barcode },
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: auditItem(request.partnerId, request.requestId, extras.audit),
              },
            },
            ...(release ? [{ Update: counterRelease(release) }] : []),
          ],
        }),
      );
      return 'created';
    } catch (error) {
      const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
      if (!reasons) throw error;
      if (reasons[1]?.Code === 'ConditionalCheckFailed') return 'exists';
      if (reasons[0]?.Code === 'ConditionalCheckFailed' || reasons[2]?.Code === 'ConditionalCheckFailed')
        return 'barcode-gone';
      // The guess's counter is gone (expired): nothing to give back, the rest still to write.
      if (release && reasons[4]?.Code === 'ConditionalCheckFailed') {
        return dynamoRequestStore.createConsumingBarcode(request, barcode, now, { audit: extras.audit });
      }
      throw error;
    }
  },

  async create(request) {
    try {
      await documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: item(request),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'created';
    } catch (error) {
      if (isConditionFailure(error)) return 'exists';
      throw error;
    }
  },

  async get(partnerId, requestId) {
    // Through the loader (strongly consistent): a submission reads the request beside its branch,
    // offer and guessing counters in one BatchGetItem.
    const item = await itemLoader.load(key(partnerId, requestId));
    return item ? toRequest(item) : undefined;
  },

  async findPartnersForCitizen(citizenId, requestId) {
    const found: string[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const out = await documentClient.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          FilterExpression: 'requestId = :id',
          ExpressionAttributeValues: { ':pk': `CITIZEN#${citizenId}#REQ`, ':id': requestId },
          ExclusiveStartKey: cursor,
        }),
      );
      for (const item of out.Items ?? []) found.push(item.partnerId as string);
      cursor = out.LastEvaluatedKey;
    } while (cursor);
    return found;
  },

  async listForCitizen(citizenId, page, status) {
    const found = await queryIndexPage({
      partition: `CITIZEN#${citizenId}#REQ`,
      page,
      filter: status
        ? { expression: '#status = :status', names: { '#status': 'status' }, values: { ':status': status } }
        : undefined,
    });
    return { items: found.items.map(toRequest), nextCursor: found.nextCursor };
  },

  async transition(partnerId, requestId, from, to, fields = {}) {
    try {
      await documentClient.send(new UpdateCommand(transitionUpdate(partnerId, requestId, from, to, fields)));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },

  async recordDecision(partnerId, requestId, decision, decidedAt) {
    try {
      const out = await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(partnerId, requestId),
          UpdateExpression: 'SET #status = :decision, decidedAt = :at',
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':decision': decision,
            ':at': decidedAt,
            ':pending': 'pending_consent',
          },
          // The token as this write left the item: one round trip instead of a read after it.
          ReturnValues: 'ALL_NEW',
        }),
      );
      const taskToken = out.Attributes?.taskToken as string | undefined;
      return taskToken ? { taskToken } : {};
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  },

  async update(partnerId, requestId, fields) {
    if (Object.values(fields).every((value) => value === undefined)) return;
    await documentClient.send(new UpdateCommand(fieldsUpdate(partnerId, requestId, fields)));
  },

  async setTaskToken(partnerId, requestId, taskToken) {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(partnerId, requestId),
          UpdateExpression: 'SET taskToken = :token',
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':token': taskToken, ':pending': 'pending_consent' },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },

  async markReturnResultPresented(partnerId, requestId, at) {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(partnerId, requestId),
          UpdateExpression: 'SET returnResultPresentedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(returnResultPresentedAt)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },

  async bindCitizen(partnerId, requestId, citizenId, createdAt) {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(partnerId, requestId),
          UpdateExpression: 'SET citizenId = :citizen, gsi1pk = :gpk, gsi1sk = :gsk',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(citizenId) OR citizenId = :citizen)',
          ExpressionAttributeValues: {
            ':citizen': citizenId,
            ...Object.fromEntries(
              Object.entries(citizenIndex({ citizenId, createdAt, partnerId, requestId })).map(([k, v]) => [
                k === 'gsi1pk' ? ':gpk' : ':gsk',
                v,
              ]),
            ),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },

  async putDeeplink(tokenHash, partnerId, requestId, expiresAt) {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          pk: `DEEPLINK#${tokenHash}`,
          sk: 'DEEPLINK',
          type: 'deeplink',
          partnerId,
          requestId,
          expiresAt,
          expiresAtEpoch: ttlAfter(expiresAt, retentionConfig().RETENTION_DEEPLINK_DAYS),
        },
      }),
    );
  },

  async findDeeplink(tokenHash) {
    const out = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: { pk: `DEEPLINK#${tokenHash}`, sk: 'DEEPLINK' } }),
    );
    return out.Item
      ? { partnerId: out.Item.partnerId as string, requestId: out.Item.requestId as string }
      : undefined;
  },

  async getTaskToken(partnerId, requestId) {
    const out = await documentClient.send(
      new GetCommand({
        TableName: tableName,
        Key: key(partnerId, requestId),
        ProjectionExpression: 'taskToken',
        ConsistentRead: true,
      }),
    );
    return out.Item?.taskToken as string | undefined;
  },

  async audit(partnerId, requestId, event, actor, details = {}) {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: auditItem(partnerId, requestId, { event, actor, details }),
      }),
    );
  },
};

/** The conditional update of RequestStore.transition, for a caller's transaction. */
export function transitionUpdate(
  partnerId: string,
  requestId: string,
  from: RequestStatus[],
  to: RequestStatus,
  fields: Partial<ShareRequest> = {},
) {
  const values: Record<string, unknown> = { ':to': to };
  const names: Record<string, string> = { '#status': 'status' };
  const parts = ['#status = :to', ...setExpression(fields, values, names)];
  from.forEach((status, index) => {
    values[`:from${index}`] = status;
  });
  return {
    TableName: tableName,
    Key: key(partnerId, requestId),
    UpdateExpression: `SET ${parts.join(', ')}`,
    ConditionExpression: `#status IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** The update of RequestStore.update (the request must exist), for a caller's transaction. */
export function fieldsUpdate(partnerId: string, requestId: string, fields: Partial<ShareRequest>) {
  const values: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  const parts = setExpression(fields as Record<string, unknown>, values, names);
  return {
    TableName: tableName,
    Key: key(partnerId, requestId),
    UpdateExpression: `SET ${parts.join(', ')}`,
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** An audit entry's item, for a Put of its own or inside the transaction of what it records. */
export function auditItem(partnerId: string, requestId: string, { event, actor, details = {} }: AuditEntry) {
  const at = new Date().toISOString();
  return {
    pk: `REQ#${partnerId}#${requestId}`,
    sk: `AUDIT#${at}#${event}`,
    type: 'audit',
    event,
    actor,
    at,
    ...details,
    expiresAtEpoch: ttlAfter(new Date(), retentionConfig().RETENTION_AUDIT_DAYS),
  };
}
