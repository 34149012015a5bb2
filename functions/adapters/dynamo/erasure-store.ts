import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ErasureFailure, ErasureRecord } from '../../core/erasure/erase-citizen';
import type { ShareRequest } from '../../core/requests/share-request';
import { documentClient, tableName } from './client';
import { isConditionFailure } from './queries';

// The DynamoDB side of erasure: unlinking copies and requests from the citizen (they stay, without
// the link, for verifiers and partners), deleting the citizen's own partition, and the anonymised
// ERASURE#<erasureId> record (no citizen id: only when and how much).

async function removeAttributes(key: { pk: string; sk: string }, names: string[]) {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: `REMOVE ${names.map((_, i) => `#a${i}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#a${i}`, name])),
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

export async function unlinkCopy(copyId: string): Promise<void> {
  await removeAttributes({ pk: `COPY#${copyId}`, sk: 'COPY' }, ['citizenId', 'docId', 'gsi1pk', 'gsi1sk']);
}

export async function unlinkRequest(request: ShareRequest): Promise<void> {
  const pk = `REQ#${request.partnerId}#${request.requestId}`;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
        FilterExpression: 'begins_with(actor, :citizen)',
        ExpressionAttributeValues: { ':pk': pk, ':audit': 'AUDIT#', ':citizen': 'citizen:' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: 'SET actor = :erased',
          ExpressionAttributeValues: { ':erased': 'citizen:erased' },
        }),
      );
    }
    start = out.LastEvaluatedKey;
  } while (start);
  await removeAttributes({ pk, sk: 'REQUEST' }, ['citizenId', 'docId', 'gsi1pk', 'gsi1sk', 'taskToken']);
}

// The citizen's own partition, and docshare's copy of what the issuing registries published for
// them (the registries keep their own records; docshare keeps none once the citizen leaves).
const partitionsOf = (citizenId: string) => [`CITIZEN#${citizenId}`, `REGISTRY#${citizenId}`];

export async function deleteCitizenItems(citizenId: string, limit: number): Promise<number> {
  const items: Record<string, unknown>[] = [];
  for (const pk of partitionsOf(citizenId)) {
    if (items.length >= limit) break;
    const out = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
        Limit: limit - items.length,
      }),
    );
    items.push(...(out.Items ?? []));
  }
  for (const item of items) {
    // A document's current (or expired, not yet swept) barcode names the citizen: remove it first.
    if (String(item.sk).startsWith('DOC#') && item.currentBarcode) {
      try {
        await documentClient.send(
          new DeleteCommand({
            TableName: tableName,
            Key: { pk: `BARCODE#${item.currentBarcode}`, sk: 'BARCODE' },
            ConditionExpression: 'citizenId = :citizen',
            ExpressionAttributeValues: { ':citizen': citizenId },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
  }
  for (let i = 0; i < items.length; i += 25) {
    let requests = items
      .slice(i, i + 25)
      .map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } }));
    while (requests.length > 0) {
      const written = await documentClient.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
      );
      requests = (written.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
  return items.length;
}

export async function recordErasure(record: ErasureRecord): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: tableName,
      Item: { pk: `ERASURE#${record.erasureId}`, sk: 'ERASURE', type: 'erasure', ...record },
    }),
  );
}

/** The record of an erasure that failed, where the operator's runbook looks (status `failed`). */
export async function recordErasureFailure(failure: ErasureFailure): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        pk: `ERASURE#${failure.erasureId}`,
        sk: 'ERASURE',
        type: 'erasure',
        status: 'failed',
        ...failure,
      },
    }),
  );
}

/**
 * Marks the citizen as being erased and returns the erasure under way: a new one (`erasureId`) or
 * the one already running. The marker lives in the citizen's partition, so the job's last phase
 * removes it with everything else and a later request starts afresh.
 */
export async function claimErasure(citizenId: string, erasureId: string, now: Date): Promise<string> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          pk: `CITIZEN#${citizenId}`,
          sk: 'ERASURE',
          type: 'erasure-marker',
          erasureId,
          at: now.toISOString(),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return erasureId;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const out = await documentClient.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: `CITIZEN#${citizenId}`, sk: 'ERASURE' },
        ConsistentRead: true,
      }),
    );
    return String(out.Item?.erasureId ?? erasureId);
  }
}
