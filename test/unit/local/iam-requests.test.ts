import { describe, expect, it } from 'vitest';
import {
  dynamoDbRequests,
  s3Requests,
  sqsRequests,
  stepFunctionsRequests,
} from '../../../local/edge/iam/iam-requests';

const scope = { region: 'eu-central-1', accountId: '111122223333' };
const table = (name: string) => `arn:aws:dynamodb:eu-central-1:111122223333:table/${name}`;

describe('the IAM actions and resources a wire request needs', () => {
  it('names one action per table of a batch and per item of a transaction', () => {
    expect(
      dynamoDbRequests('BatchGetItem', { RequestItems: { A: {}, B: {} } }, scope)?.map((r) => r.resource),
    ).toEqual([table('A'), table('B')]);
    expect(
      dynamoDbRequests(
        'TransactWriteItems',
        {
          TransactItems: [
            { Put: { TableName: 'A' } },
            { Update: { TableName: 'A' } },
            { ConditionCheck: { TableName: 'B' } },
            { Delete: { TableName: 'B' } },
          ],
        },
        scope,
      ),
    ).toEqual([
      { action: 'dynamodb:PutItem', resource: table('A') },
      { action: 'dynamodb:UpdateItem', resource: table('A') },
      { action: 'dynamodb:ConditionCheckItem', resource: table('B') },
      { action: 'dynamodb:DeleteItem', resource: table('B') },
    ]);
  });

  it('authorizes a query of an index against the index, and a table named by ARN against that ARN', () => {
    expect(dynamoDbRequests('Query', { TableName: 'A', IndexName: 'byPartner' }, scope)).toEqual([
      { action: 'dynamodb:Query', resource: `${table('A')}/index/byPartner` },
    ]);
    expect(dynamoDbRequests('GetItem', { TableName: table('Z') }, scope)?.[0]?.resource).toBe(table('Z'));
    expect(dynamoDbRequests('GetItem', {}, scope)).toBeUndefined();
  });

  it('maps S3 methods to object and bucket actions, path- or virtual-host-style', () => {
    const url = (path: string) => new URL(`http://edge${path}`);
    expect(s3Requests('HEAD', '127.0.0.1:4566', url('/docs/a%20b.pdf'), {})).toEqual([
      { action: 's3:GetObject', resource: 'arn:aws:s3:::docs/a b.pdf' },
    ]);
    expect(s3Requests('GET', 'docs.s3.localhost:4566', url('/k'), {})).toEqual([
      { action: 's3:GetObject', resource: 'arn:aws:s3:::docs/k' },
    ]);
    expect(s3Requests('GET', '127.0.0.1', url('/docs?list-type=2'), {})).toEqual([
      { action: 's3:ListBucket', resource: 'arn:aws:s3:::docs' },
    ]);
    expect(
      s3Requests('PUT', '127.0.0.1', url('/docs/new'), { 'x-amz-copy-source': '/src/old?versionId=1' }),
    ).toEqual([
      { action: 's3:PutObject', resource: 'arn:aws:s3:::docs/new' },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::src/old' },
    ]);
    expect(s3Requests('POST', '127.0.0.1', url('/docs?delete'), {})).toEqual([
      { action: 's3:DeleteObject', resource: 'arn:aws:s3:::docs/*' },
    ]);
    expect(s3Requests('PATCH', '127.0.0.1', url('/docs/k'), {})).toBeUndefined();
  });

  it('judges task tokens by the state machine of the execution that issued them', () => {
    const owner = 'arn:aws:states:eu-central-1:111122223333:execution:Consent:run-1';
    expect(stepFunctionsRequests('SendTaskSuccess', { taskToken: 't' }, () => owner)).toEqual([
      {
        action: 'states:SendTaskSuccess',
        resource: 'arn:aws:states:eu-central-1:111122223333:stateMachine:Consent',
        unlisted: true,
      },
    ]);
    expect(stepFunctionsRequests('SendTaskFailure', { taskToken: 'unknown' }, () => undefined)).toEqual([]);
  });

  it('finds a queue’s ARN in its URL', () => {
    expect(
      sqsRequests('SendMessage', { QueueUrl: 'http://127.0.0.1:4566/111122223333/registry' }, scope),
    ).toEqual([{ action: 'sqs:SendMessage', resource: 'arn:aws:sqs:eu-central-1:111122223333:registry' }]);
  });
});
