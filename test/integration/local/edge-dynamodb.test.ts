import { connect } from 'node:net';
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
  TransactGetItemsCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEdge, type TestEdge } from './support/edge-fixture';

let fixture: TestEdge;
let dynamo: DynamoDBClient;

async function createTable(name: string, withIndex = false) {
  await dynamo.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        ...(withIndex ? [{ AttributeName: 'owner', AttributeType: 'S' as const }] : []),
      ],
      GlobalSecondaryIndexes: withIndex
        ? [
            {
              IndexName: 'byOwner',
              KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' }],
              Projection: { ProjectionType: 'ALL' },
            },
          ]
        : undefined,
    }),
  );
  await untilActive(name);
}

/** A new table answers item calls once ACTIVE (CREATING refuses them, as on AWS): wait for it. */
async function untilActive(name: string) {
  for (let i = 0; i < 200; i++) {
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: name }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`table ${name} never became ACTIVE`);
}

const getItem = async (table: string, pk: string) =>
  (await dynamo.send(new GetItemCommand({ TableName: table, Key: { pk: { S: pk } }, ConsistentRead: true })))
    .Item;

beforeAll(async () => {
  fixture = await startTestEdge();
  dynamo = new DynamoDBClient(fixture.clientConfig);
  await createTable('documents', true);
  await createTable('consents');
});

afterAll(async () => {
  dynamo?.destroy();
  await fixture?.stop();
});

describe('DynamoDB through the edge', () => {
  it('creates a table with a global secondary index that is listed and queryable at once', async () => {
    const { TableNames } = await dynamo.send(new ListTablesCommand({}));
    expect(TableNames).toEqual(expect.arrayContaining(['documents', 'consents']));

    await dynamo.send(
      new PutItemCommand({ TableName: 'documents', Item: { pk: { S: 'd1' }, owner: { S: 'ann' } } }),
    );
    await dynamo.send(
      new PutItemCommand({ TableName: 'documents', Item: { pk: { S: 'd2' }, owner: { S: 'bob' } } }),
    );
    const { Items } = await dynamo.send(
      new QueryCommand({
        TableName: 'documents',
        IndexName: 'byOwner',
        KeyConditionExpression: '#o = :o',
        ExpressionAttributeNames: { '#o': 'owner' },
        ExpressionAttributeValues: { ':o': { S: 'ann' } },
      }),
    );
    expect(Items?.map((item) => item['pk']?.S)).toEqual(['d1']);
  });

  it('refuses a conditional put on an existing item with ConditionalCheckFailedException', async () => {
    const put = new PutItemCommand({
      TableName: 'documents',
      Item: { pk: { S: 'once' }, owner: { S: 'ann' } },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    await dynamo.send(put);
    await expect(dynamo.send(put)).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  });

  it('applies every write of a transaction whose conditions hold', async () => {
    await dynamo.send(
      new PutItemCommand({ TableName: 'consents', Item: { pk: { S: 'c1' }, uses: { N: '0' } } }),
    );
    await dynamo.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Update: {
              TableName: 'consents',
              Key: { pk: { S: 'c1' } },
              UpdateExpression: 'SET uses = uses + :one',
              ConditionExpression: 'uses < :max',
              ExpressionAttributeValues: { ':one': { N: '1' }, ':max': { N: '3' } },
            },
          },
          {
            Put: {
              TableName: 'documents',
              Item: { pk: { S: 'tx-new' } },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Delete: { TableName: 'documents', Key: { pk: { S: 'd2' } } } },
        ],
      }),
    );
    expect((await getItem('consents', 'c1'))?.['uses']).toEqual({ N: '1' });
    expect(await getItem('documents', 'tx-new')).toBeDefined();
    expect(await getItem('documents', 'd2')).toBeUndefined();
  });

  it('cancels a transaction with AWS-shaped reasons and writes nothing when one condition fails', async () => {
    await dynamo.send(
      new PutItemCommand({ TableName: 'consents', Item: { pk: { S: 'c2' }, state: { S: 'revoked' } } }),
    );
    const attempt = dynamo.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: 'documents', Item: { pk: { S: 'tx-never' } } } },
          {
            ConditionCheck: {
              TableName: 'consents',
              Key: { pk: { S: 'c2' } },
              ConditionExpression: '#s = :active',
              ExpressionAttributeNames: { '#s': 'state' },
              ExpressionAttributeValues: { ':active': { S: 'active' } },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
        ],
      }),
    );
    const error = await attempt.catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect((error as TransactionCanceledException).CancellationReasons).toEqual([
      { Code: 'None' },
      {
        Code: 'ConditionalCheckFailed',
        Message: 'The conditional request failed',
        Item: { pk: { S: 'c2' }, state: { S: 'revoked' } },
      },
    ]);
    expect(await getItem('documents', 'tx-never')).toBeUndefined();
  });

  it('reads several items at once with TransactGetItems, absent ones as empty responses', async () => {
    const { Responses } = await dynamo.send(
      new TransactGetItemsCommand({
        TransactItems: [
          {
            Get: {
              TableName: 'documents',
              Key: { pk: { S: 'd1' } },
              ProjectionExpression: '#o',
              ExpressionAttributeNames: { '#o': 'owner' },
            },
          },
          { Get: { TableName: 'consents', Key: { pk: { S: 'absent' } } } },
        ],
      }),
    );
    expect(Responses).toEqual([{ Item: { owner: { S: 'ann' } } }, {}]);
  });

  it('refuses a transaction with two operations on one item', async () => {
    const attempt = dynamo.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: 'documents', Item: { pk: { S: 'twice' } } } },
          { Delete: { TableName: 'documents', Key: { pk: { S: 'twice' } } } },
        ],
      }),
    );
    await expect(attempt).rejects.toMatchObject({ name: 'ValidationException' });
    expect(await getItem('documents', 'twice')).toBeUndefined();
  });

  it('keeps concurrent transactions atomic against each other', async () => {
    await dynamo.send(
      new PutItemCommand({ TableName: 'consents', Item: { pk: { S: 'quota' }, left: { N: '5' } } }),
    );
    const take = () =>
      dynamo
        .send(
          new TransactWriteItemsCommand({
            TransactItems: [
              {
                Update: {
                  TableName: 'consents',
                  Key: { pk: { S: 'quota' } },
                  UpdateExpression: 'SET #l = #l - :one',
                  ConditionExpression: '#l > :zero',
                  ExpressionAttributeNames: { '#l': 'left' },
                  ExpressionAttributeValues: { ':one': { N: '1' }, ':zero': { N: '0' } },
                },
              },
            ],
          }),
        )
        .then(
          () => 'taken',
          () => 'refused',
        );
    const outcomes = await Promise.all(Array.from({ length: 12 }, take));
    expect(outcomes.filter((outcome) => outcome === 'taken')).toHaveLength(5);
    expect((await getItem('consents', 'quota'))?.['left']).toEqual({ N: '0' });
  });

  it('enables time to live and the sweeper deletes only expired items', async () => {
    await dynamo.send(
      new UpdateTimeToLiveCommand({
        TableName: 'consents',
        TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' },
      }),
    );
    const described = await dynamo.send(new DescribeTimeToLiveCommand({ TableName: 'consents' }));
    expect(described.TimeToLiveDescription).toEqual({
      TimeToLiveStatus: 'ENABLED',
      AttributeName: 'expiresAt',
    });

    const now = Math.floor(Date.now() / 1000);
    await dynamo.send(
      new PutItemCommand({
        TableName: 'consents',
        Item: { pk: { S: 'old' }, expiresAt: { N: `${now - 60}` } },
      }),
    );
    await dynamo.send(
      new PutItemCommand({
        TableName: 'consents',
        Item: { pk: { S: 'fresh' }, expiresAt: { N: `${now + 3600}` } },
      }),
    );
    expect(await fixture.edge.sweepExpiredItems()).toBeGreaterThanOrEqual(1);
    expect(await getItem('consents', 'old')).toBeUndefined();
    expect(await getItem('consents', 'fresh')).toBeDefined();
    expect(await getItem('consents', 'c1')).toBeDefined(); // no TTL attribute: never expires
  });

  it('keeps serving after a client hangs up in the middle of a request', async () => {
    const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
    const partialRequest = [
      'POST / HTTP/1.1',
      'Host: 127.0.0.1',
      'Content-Type: application/x-amz-json-1.0',
      'X-Amz-Target: DynamoDB_20120810.ListTables',
      `X-Amz-Date: ${amzDate}`,
      `Authorization: AWS4-HMAC-SHA256 Credential=test/${amzDate.slice(0, 8)}/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0`,
      'Content-Length: 100',
      '',
      '{"Lim',
    ].join('\r\n');
    await new Promise<void>((resolve, reject) => {
      const socket = connect(fixture.edge.port, '127.0.0.1', () => {
        socket.write(partialRequest, () => socket.destroy());
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    const { TableNames } = await dynamo.send(new ListTablesCommand({}));
    expect(TableNames).toContain('documents');
  });

  it('reports time to live as disabled on a table that never enabled it', async () => {
    const described = await dynamo.send(new DescribeTimeToLiveCommand({ TableName: 'documents' }));
    expect(described.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'DISABLED' });
  });
});

describe('table definitions kept in memory for item operations', () => {
  it('forgets a deleted table: a table recreated under its name has the new key schema and no items', async () => {
    await createTable('recreated');
    await dynamo.send(new PutItemCommand({ TableName: 'recreated', Item: { pk: { S: 'old' } } }));
    expect(await getItem('recreated', 'old')).toEqual({ pk: { S: 'old' } });
    await dynamo.send(new DeleteTableCommand({ TableName: 'recreated' }));
    await expect(getItem('recreated', 'old')).rejects.toThrow(/not found/i);
    // Gone once DescribeTable no longer finds it (DELETING first, as on AWS).
    for (let i = 0; i < 200; i++) {
      const gone = await dynamo.send(new DescribeTableCommand({ TableName: 'recreated' })).then(
        () => false,
        (error: Error) => error.name === 'ResourceNotFoundException',
      );
      if (gone) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await dynamo.send(
      new CreateTableCommand({
        TableName: 'recreated',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      }),
    );
    await untilActive('recreated');
    await dynamo.send(new PutItemCommand({ TableName: 'recreated', Item: { id: { S: 'new' } } }));
    const fresh = await dynamo.send(
      new GetItemCommand({ TableName: 'recreated', Key: { id: { S: 'new' } }, ConsistentRead: true }),
    );
    expect(fresh.Item).toEqual({ id: { S: 'new' } });
    // The old key schema is gone with the old definition.
    await expect(getItem('recreated', 'old')).rejects.toThrow(/key/i);
  });
});

describe('expressions parsed once and reused with new values', () => {
  /** The same update and condition expressions every time; only the values differ. */
  const updateWith = (pk: string, values: Record<string, AttributeValue>) =>
    dynamo.send(
      new UpdateItemCommand({
        TableName: 'consents',
        Key: { pk: { S: pk } },
        UpdateExpression: 'SET #v = :v, #n = if_not_exists(#n, :zero) + :one',
        ConditionExpression: 'attribute_not_exists(pk) OR #v <> :expected',
        ExpressionAttributeNames: { '#v': 'value', '#n': 'count' },
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
  const values = (value: AttributeValue, expected: AttributeValue) => ({
    ':v': value,
    ':expected': expected,
    ':zero': { N: '0' },
    ':one': { N: '1' },
  });
  const update = (pk: string, value: AttributeValue, expected: AttributeValue) =>
    updateWith(pk, values(value, expected));

  it('applies each request’s own values when the same expressions come again', async () => {
    for (let i = 1; i <= 5; i++) {
      const out = await update('cached-1', { S: `v${i}` }, { S: 'never' });
      expect(out.Attributes).toEqual({
        pk: { S: 'cached-1' },
        value: { S: `v${i}` },
        count: { N: String(i) },
      });
    }
    // Conditions are judged on this request's values: `#v <> :expected` fails for the stored one.
    await expect(update('cached-1', { S: 'v6' }, { S: 'v5' })).rejects.toBeInstanceOf(
      ConditionalCheckFailedException,
    );
    expect((await getItem('consents', 'cached-1'))?.value).toEqual({ S: 'v5' });
  });

  it('still refuses what the parser refuses, however often the expression was seen', async () => {
    await update('cached-2', { S: 'a' }, { S: 'b' });
    // Same expression, a number where `+` needs one: a different value type is a different parse.
    await expect(
      updateWith('cached-2', { ...values({ S: 'c' }, { S: 'd' }), ':one': { S: 'x' } }),
    ).rejects.toThrow(/Incorrect operand type/);
    // An unused value is still named, after the same expressions parsed without it.
    await expect(
      updateWith('cached-2', { ...values({ S: 'c' }, { S: 'd' }), ':spare': { S: 'e' } }),
    ).rejects.toThrow(/unused in expressions: keys: \{:spare\}/);
    expect((await getItem('consents', 'cached-2'))?.value).toEqual({ S: 'a' });
  });

  it('judges BETWEEN bounds on every request (never cached)', async () => {
    const between = (low: string, high: string) =>
      dynamo.send(
        new PutItemCommand({
          TableName: 'consents',
          Item: { pk: { S: 'cached-3' }, n: { N: '5' } },
          ConditionExpression: 'attribute_not_exists(pk) OR n BETWEEN :low AND :high',
          ExpressionAttributeValues: { ':low': { N: low }, ':high': { N: high } },
        }),
      );
    await between('1', '9');
    await between('1', '9');
    await expect(between('9', '1')).rejects.toThrow(/upper bound to be greater than or equal/);
  });
});
