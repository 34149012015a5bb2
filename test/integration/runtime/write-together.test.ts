import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootRuntime, useAdaptersOf } from '../support/runtime';

type Runtime = Awaited<ReturnType<typeof bootRuntime>>;
type Adapters = typeof import('../../../functions/adapters/dynamo/write-together') &
  typeof import('../../../functions/adapters/dynamo/client');

// writeTogether marshals lib-dynamodb-style items itself for the plain client: checked against the
// embedded DynamoDB over the real SDK, read back through the same marshalling.
describe('writeTogether (one TransactWriteItems for several stores’ writes)', () => {
  let runtime: Runtime;
  let dynamo: Adapters;

  const key = (name: string) => ({ pk: `TEST#${randomUUID()}`, sk: name });
  const read = async (itemKey: { pk: string; sk: string }) => {
    const { GetItemCommand } = await import('@aws-sdk/client-dynamodb');
    const out = await dynamo.itemClient.send(
      new GetItemCommand({ TableName: dynamo.tableName, Key: dynamo.toItem(itemKey), ConsistentRead: true }),
    );
    return out.Item ? dynamo.fromItem(out.Item) : undefined;
  };

  beforeAll(async () => {
    runtime = await bootRuntime();
    useAdaptersOf(runtime);
    dynamo = {
      ...(await import('../../../functions/adapters/dynamo/write-together')),
      ...(await import('../../../functions/adapters/dynamo/client')),
    };
  });
  afterAll(async () => {
    await runtime?.dispose();
  });

  it('puts, updates and deletes native values in one go', async () => {
    const [put, updated, deleted] = [key('put'), key('updated'), key('deleted')];
    await dynamo.writeTogether([
      { Put: { TableName: dynamo.tableName, Item: { ...updated, count: 1 } } },
      { Put: { TableName: dynamo.tableName, Item: { ...deleted, gone: false } } },
    ]);

    const written = await dynamo.writeTogether([
      {
        Put: {
          TableName: dynamo.tableName,
          Item: { ...put, nested: { list: [1, 'two', { three: true }] }, absent: undefined },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: dynamo.tableName,
          Key: updated,
          UpdateExpression: 'SET #count = #count + :one, #tags = :tags',
          ConditionExpression: '#count = :expected',
          ExpressionAttributeNames: { '#count': 'count', '#tags': 'tags' },
          ExpressionAttributeValues: { ':one': 1, ':expected': 1, ':tags': ['a', 'b'] },
        },
      },
      { Delete: { TableName: dynamo.tableName, Key: deleted } },
    ]);

    expect(written).toBe(true);
    expect(await read(put)).toEqual({ ...put, nested: { list: [1, 'two', { three: true }] } });
    expect(await read(updated)).toEqual({ ...updated, count: 2, tags: ['a', 'b'] });
    expect(await read(deleted)).toBeUndefined();
  });

  it('answers false and writes nothing when one condition refuses', async () => {
    const [first, checked] = [key('first'), key('checked')];
    const written = await dynamo.writeTogether([
      { Put: { TableName: dynamo.tableName, Item: { ...first, value: 'x' } } },
      {
        ConditionCheck: {
          TableName: dynamo.tableName,
          Key: checked,
          ConditionExpression: 'attribute_exists(pk) AND #v = :v',
          ExpressionAttributeNames: { '#v': 'value' },
          ExpressionAttributeValues: { ':v': 'y' },
        },
      },
    ]);

    expect(written).toBe(false);
    expect(await read(first)).toBeUndefined();
  });

  it('throws what is not a refused condition (two writes to one item)', async () => {
    const same = key('same');
    await expect(
      dynamo.writeTogether([
        { Put: { TableName: dynamo.tableName, Item: { ...same, n: 1 } } },
        { Delete: { TableName: dynamo.tableName, Key: same } },
      ]),
    ).rejects.toThrow(/multiple operations on one item/);
    expect(await read(same)).toBeUndefined();
  });
});
