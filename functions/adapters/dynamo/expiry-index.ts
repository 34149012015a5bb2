import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, type Page, type PageRequest } from '../../core/pagination';
import { documentClient, tableName } from './client';

// gsi2: a sparse index of what expires, for the scheduled jobs. Only items that will need action
// carry gsi2pk/gsi2sk: documents with an end of validity (refresh) and copies still valid (expiry).
// gsi2pk is `<KIND>EXPIRY#<shard>` — a few shards so that one hot partition does not take every
// write of a busy day — and gsi2sk starts with the ISO date or time, so "due by X" is one range query per shard.

export const EXPIRY_INDEX = 'gsi2';
const SHARDS = 4;
export type ExpiryKind = 'DOC' | 'COPY';

function shardOf(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % SHARDS;
}

/** The index attributes of an item that expires at `when` (ISO date or time); `id` spreads the shards. */
export function expiryIndexKeys(kind: ExpiryKind, id: string, when: string) {
  return { gsi2pk: `${kind}EXPIRY#${shardOf(id)}`, gsi2sk: `${when}#${id}` };
}

/** Items of `kind` expiring at or before `by` (same format as `when`), shard after shard. */
export async function queryExpiringBy(
  kind: ExpiryKind,
  by: string,
  page: PageRequest,
): Promise<Page<Record<string, unknown>>> {
  const position = page.cursor
    ? decodeCursor(page.cursor, (p) => p.kind === kind && typeof p.shard === 'number' && p.shard < SHARDS)
    : { kind, shard: 0 };
  let shard = position.shard as number;
  let start = position.key as Record<string, unknown> | undefined;
  const items: Record<string, unknown>[] = [];
  while (shard < SHARDS && items.length < page.limit) {
    const out = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: EXPIRY_INDEX,
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :bound',
        // '$' sorts right after '#', so every `<by>#…` key is inside the bound.
        ExpressionAttributeValues: { ':pk': `${kind}EXPIRY#${shard}`, ':bound': `${by}$` },
        Limit: page.limit - items.length,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
    if (!start) shard += 1;
  }
  const more = shard < SHARDS;
  return { items, nextCursor: more ? encodeCursor({ kind, shard, key: start }) : undefined };
}
