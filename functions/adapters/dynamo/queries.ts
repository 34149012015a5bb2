import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, type Page, type PageRequest } from '../../core/pagination';
import { documentClient, tableName } from './client';

// What every store does the same way: recognise a failed condition, and page through one partition
// of gsi1 with an opaque cursor that can only continue the list it came from.

export const isConditionFailure = (error: unknown): boolean =>
  (error as Error | undefined)?.name === 'ConditionalCheckFailedException';

export interface IndexPageQuery {
  /** The gsi1pk value: one list (a citizen's requests, a partner's consents, …). */
  partition: string;
  page: PageRequest;
  /** Newest first when the sort key is a time (the default); false for ascending order. */
  newestFirst?: boolean;
  filter?: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> };
}

export async function queryIndexPage(query: IndexPageQuery): Promise<Page<Record<string, unknown>>> {
  const { partition, page, filter } = query;
  const start = page.cursor ? decodeCursor(page.cursor, (p) => p.gsi1pk === partition) : undefined;
  const out = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ...(filter ? { FilterExpression: filter.expression, ExpressionAttributeNames: filter.names } : {}),
      ExpressionAttributeValues: { ':pk': partition, ...filter?.values },
      ScanIndexForward: query.newestFirst === false,
      Limit: page.limit,
      ExclusiveStartKey: start,
    }),
  );
  return {
    items: out.Items ?? [],
    nextCursor: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : undefined,
  };
}

/** `#name = :name` clauses for an UpdateExpression's SET, filling `names` and `values`; undefined fields are skipped. */
export function setExpression(
  fields: Record<string, unknown>,
  values: Record<string, unknown>,
  names: Record<string, string>,
) {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    parts.push(`#${name} = :${name}`);
  }
  return parts;
}
