import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateEmailIdentityCommand,
  GetEmailIdentityCommand,
  SESv2Client,
  SendEmailCommand,
} from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEdge, type TestEdge } from './support/edge-fixture';

let fixture: TestEdge;

const dynamo = () => new DynamoDBClient(fixture.clientConfig);
const s3 = () => new S3Client({ ...fixture.clientConfig, forcePathStyle: true });
const ses = () => new SESv2Client(fixture.clientConfig);

beforeAll(async () => {
  fixture = await startTestEdge();
});

afterAll(async () => {
  await fixture?.stop();
});

describe('the edge on the same data directory after a restart', () => {
  it('still has DynamoDB items, S3 objects, sent mail, identities and TTL settings', async () => {
    await dynamo().send(
      new CreateTableCommand({
        TableName: 'barcodes',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'code', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'code', AttributeType: 'S' }],
      }),
    );
    await dynamo().send(
      new PutItemCommand({ TableName: 'barcodes', Item: { code: { S: '4820000000001' } } }),
    );
    await dynamo().send(
      new UpdateTimeToLiveCommand({
        TableName: 'barcodes',
        TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' },
      }),
    );
    await s3().send(new CreateBucketCommand({ Bucket: 'copies' }));
    await s3().send(new PutObjectCommand({ Bucket: 'copies', Key: 'a/copy.pdf', Body: '%PDF-1.7 copy' }));
    await ses().send(new CreateEmailIdentityCommand({ EmailIdentity: 'noreply@docshare.example' }));
    const { MessageId } = await ses().send(
      new SendEmailCommand({
        FromEmailAddress: 'noreply@docshare.example',
        Destination: { ToAddresses: ['citizen@mail.example'] },
        Content: { Simple: { Subject: { Data: 'Kept' }, Body: { Text: { Data: 'kept' } } } },
      }),
    );

    await fixture.restart();

    const item = await dynamo().send(
      new GetItemCommand({ TableName: 'barcodes', Key: { code: { S: '4820000000001' } } }),
    );
    expect(item.Item).toEqual({ code: { S: '4820000000001' } });
    const ttl = await dynamo().send(new DescribeTimeToLiveCommand({ TableName: 'barcodes' }));
    expect(ttl.TimeToLiveDescription?.TimeToLiveStatus).toBe('ENABLED');
    const object = await s3().send(new GetObjectCommand({ Bucket: 'copies', Key: 'a/copy.pdf' }));
    expect(await object.Body?.transformToString()).toBe('%PDF-1.7 copy');
    const identity = await ses().send(
      new GetEmailIdentityCommand({ EmailIdentity: 'noreply@docshare.example' }),
    );
    expect(identity.VerifiedForSendingStatus).toBe(true);
    const mail = await fetch(`${fixture.edge.url}/_aws/ses?id=${MessageId}`);
    const { messages } = (await mail.json()) as { messages: { Subject: string }[] };
    expect(messages.map((m) => m.Subject)).toEqual(['Kept']);
  });
});
