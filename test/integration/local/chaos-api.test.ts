import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestEdge, type TestEdge } from './support/edge-fixture';

// LocalStack's Chaos API on the embedded edge: rules in LocalStack's shape, faults that reach the SDK
// as each protocol's real error response, and added latency.

let fixture: TestEdge;
const chaos = (path: 'faults' | 'effects', method: string, body?: unknown) =>
  fetch(`${fixture.edge.url}/_localstack/chaos/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then(async (response) => ({ status: response.status, body: await response.json() }));
// One attempt: the test looks at the error the service sent, not at the SDK's retries.
const config = () => ({ ...fixture.clientConfig, maxAttempts: 1 });

beforeAll(async () => {
  fixture = await startTestEdge();
});
afterAll(async () => fixture?.stop());
afterEach(async () => {
  await chaos('faults', 'POST', []);
  await chaos('effects', 'POST', { latency: 0 });
});

describe('the chaos API', () => {
  it('lists, replaces, adds and deletes fault rules as LocalStack does', async () => {
    const dynamo = {
      service: 'dynamodb',
      operation: 'PutItem',
      error: { statusCode: 400, code: 'ProvisionedThroughputExceededException' },
    };
    const kms = { service: 'kms', probability: 0.5 };
    expect((await chaos('faults', 'POST', [dynamo])).body).toEqual([dynamo]);
    expect((await chaos('faults', 'PATCH', [kms])).body).toEqual([dynamo, kms]);
    expect((await chaos('faults', 'GET')).body).toEqual([dynamo, kms]);
    expect((await chaos('faults', 'DELETE', [dynamo])).body).toEqual([kms]);
    expect((await chaos('faults', 'POST', { not: 'a list' })).status).toBe(400);
    expect((await chaos('faults', 'POST', [{ probability: 2 }])).status).toBe(400);
    expect((await chaos('faults', 'GET')).body).toEqual([kms]);
  });

  it('fails the matching DynamoDB operation with the JSON-protocol error the SDK names', async () => {
    const dynamodb = new DynamoDBClient(config());
    await dynamodb.send(
      new CreateTableCommand({
        TableName: 'chaos',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await chaos('faults', 'POST', [
      {
        service: 'dynamodb',
        operation: 'PutItem',
        error: { statusCode: 400, code: 'ProvisionedThroughputExceededException' },
      },
    ]);
    const put = () => dynamodb.send(new PutItemCommand({ TableName: 'chaos', Item: { pk: { S: 'a' } } }));
    await expect(put()).rejects.toMatchObject({
      name: 'ProvisionedThroughputExceededException',
      $metadata: { httpStatusCode: 400 },
    });
    await chaos('faults', 'POST', [{ service: 'dynamodb', operation: 'GetItem' }]);
    await expect(put()).resolves.toBeDefined();
  });

  it('answers S3 faults as S3 XML errors and KMS, Step Functions and SES v2 faults in their protocols', async () => {
    const s3 = new S3Client({ ...config(), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'chaos' }));
    await s3.send(new PutObjectCommand({ Bucket: 'chaos', Key: 'k', Body: 'v' }));
    const kms = new KMSClient(config());
    const { KeyMetadata } = await kms.send(
      new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }),
    );
    await chaos('faults', 'POST', [
      { service: 's3', operation: 'GetObject', error: { statusCode: 503, code: 'SlowDown' } },
      { service: 'kms', operation: 'Sign', error: { statusCode: 500, code: 'KMSInternalException' } },
      { service: 'stepfunctions', error: { statusCode: 400, code: 'ThrottlingException' } },
      {
        service: 'sesv2',
        operation: 'SendEmail',
        error: { statusCode: 429, code: 'TooManyRequestsException' },
      },
    ]);
    await expect(s3.send(new GetObjectCommand({ Bucket: 'chaos', Key: 'k' }))).rejects.toMatchObject({
      name: 'SlowDown',
      $metadata: { httpStatusCode: 503 },
    });
    await expect(
      kms.send(
        new SignCommand({
          KeyId: KeyMetadata!.KeyId,
          Message: Buffer.from('m'),
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      ),
    ).rejects.toMatchObject({ name: 'KMSInternalException' });
    await expect(new SFNClient(config()).send(new ListStateMachinesCommand({}))).rejects.toMatchObject({
      name: 'ThrottlingException',
    });
    await expect(
      new SESv2Client(config()).send(
        new SendEmailCommand({
          FromEmailAddress: 'a@example.org',
          Destination: { ToAddresses: ['b@example.org'] },
          Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 'b' } } } },
        }),
      ),
    ).rejects.toMatchObject({ name: 'TooManyRequestsException' });
    // Other operations of the same services are untouched.
    await expect(
      s3.send(new PutObjectCommand({ Bucket: 'chaos', Key: 'k2', Body: 'v' })),
    ).resolves.toBeDefined();
  });

  it('fires a rule with its probability', async () => {
    const dynamodb = new DynamoDBClient(config());
    await dynamodb.send(
      new CreateTableCommand({
        TableName: 'odds',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await chaos('faults', 'POST', [{ service: 'dynamodb', operation: 'PutItem', probability: 0.5 }]);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        dynamodb.send(new PutItemCommand({ TableName: 'odds', Item: { pk: { S: String(i) } } })),
      ),
    );
    const failed = outcomes.filter((outcome) => outcome.status === 'rejected').length;
    // Binomial(60, 0.5): outside 10..50 with probability below 1e-6.
    expect(failed).toBeGreaterThan(10);
    expect(failed).toBeLessThan(50);
  });

  it('adds the configured latency to every AWS request', async () => {
    expect((await chaos('effects', 'POST', { latency: 300 })).body).toEqual({ latency: 300 });
    expect((await chaos('effects', 'GET')).body).toEqual({ latency: 300 });
    const started = Date.now();
    await new SFNClient(config()).send(new ListStateMachinesCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect((await chaos('effects', 'POST', { latency: -1 })).status).toBe(400);
  });
});
