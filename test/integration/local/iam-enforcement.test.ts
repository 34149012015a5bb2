import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  EncryptCommand,
  KMSClient,
  SignCommand,
} from '@aws-sdk/client-kms';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateConfigurationSetCommand,
  CreateEmailIdentityCommand,
  SESv2Client,
  SendEmailCommand,
} from '@aws-sdk/client-sesv2';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IamDirectory, PolicyDocument } from '../../../local/edge/iam/authorizer';
import { startTestEdge, type TestEdge } from './support/edge-fixture';

// The embedded AWS judges a function's calls by its role, as AWS does: here one "function" signs with
// its own key and a role that allows a little of each service; whatever else it tries is refused with
// the AccessDenied the real service answers. Requests signed with the administrator's key ('test')
// are never judged.

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const FUNCTION_KEY = 'LKIAREADERTEST0001';
const FUNCTION_SECRET = 'reader-secret';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/reader`;
const MACHINE_ROLE = `arn:aws:iam::${ACCOUNT}:role/flow`;
const TABLE = (name: string) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`;
const MACHINE = (name: string) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;
const FUNCTION = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

let fixture: TestEdge;
let signingKey: string; // key policy delegates to IAM
let lockedKey: string; // key policy names no one: an identity grant alone is not enough
let dataKey: string;
const tokens: string[] = [];
const invoked: string[] = [];

const admin = () => ({ ...fixture.clientConfig, maxAttempts: 1 });
const asFunction = () => ({
  ...fixture.clientConfig,
  credentials: { accessKeyId: FUNCTION_KEY, secretAccessKey: FUNCTION_SECRET },
  maxAttempts: 1,
});

const policy = (...Statement: object[]): PolicyDocument => ({ Version: '2012-10-17', Statement });
const rootKeyPolicy = policy({
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  Action: 'kms:*',
  Resource: '*',
});

function callbackMachine(functionName: string) {
  return JSON.stringify({
    StartAt: 'Wait',
    States: {
      Wait: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: FUNCTION(functionName), Payload: { 'token.$': '$$.Task.Token' } },
        End: true,
      },
    },
  });
}

async function denial(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; status?: number }> {
  const error = (await promise.then(
    () => undefined,
    (err: unknown) => err,
  )) as (Error & { $metadata?: { httpStatusCode?: number } }) | undefined;
  if (!error) throw new Error('expected the call to be refused');
  return { name: error.name, message: error.message, status: error.$metadata?.httpStatusCode };
}

beforeAll(async () => {
  fixture = await startTestEdge({
    invokeLambda: async (name, payload) => {
      invoked.push(name);
      const token = (payload as { token?: string }).token;
      if (token) tokens.push(token);
      return { ok: true };
    },
  });
  const dynamo = new DynamoDBClient(admin());
  for (const TableName of ['granted', 'other']) {
    await dynamo.send(
      new CreateTableCommand({
        TableName,
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  }
  const s3 = new S3Client({ ...admin(), forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'docs' }));
  for (const Key of ['copies/a.pdf', 'private/b.txt']) {
    await s3.send(new PutObjectCommand({ Bucket: 'docs', Key, Body: 'x' }));
  }
  const kms = new KMSClient(admin());
  const sign = { KeySpec: 'ECC_NIST_P256' as const, KeyUsage: 'SIGN_VERIFY' as const };
  signingKey = (await kms.send(new CreateKeyCommand(sign))).KeyMetadata!.Arn!;
  lockedKey = (await kms.send(new CreateKeyCommand(sign))).KeyMetadata!.Arn!;
  await kms.send(new CreateAliasCommand({ AliasName: 'alias/signing', TargetKeyId: signingKey }));
  dataKey = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
  const ses = new SESv2Client(admin());
  await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'docshare.test' }));
  await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'tracked' }));
  const sfn = new SFNClient(admin());
  for (const [name, fn] of [
    ['granted-flow', 'allowed-fn'],
    ['other-flow', 'allowed-fn'],
    ['forbidden-flow', 'other-fn'],
  ] as const) {
    await sfn.send(
      new CreateStateMachineCommand({ name, roleArn: MACHINE_ROLE, definition: callbackMachine(fn) }),
    );
  }

  const directory: IamDirectory = {
    accountId: ACCOUNT,
    sessions: new Map([
      [FUNCTION_KEY, { roleArn: ROLE, sessionName: 'reader-fn', secretAccessKey: FUNCTION_SECRET }],
    ]),
    roles: new Map([
      [
        ROLE,
        [
          {
            name: 'reader',
            policy: policy(
              { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: TABLE('granted') },
              { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::docs/copies/*' },
              { Effect: 'Allow', Action: 'kms:Sign', Resource: [signingKey, lockedKey] },
              { Effect: 'Allow', Action: 'kms:Encrypt', Resource: dataKey },
              {
                Effect: 'Allow',
                Action: 'kms:Decrypt',
                Resource: dataKey,
                Condition: { StringEquals: { 'kms:ViaService': `dynamodb.${REGION}.amazonaws.com` } },
              },
              {
                Effect: 'Allow',
                Action: 'ses:SendEmail',
                Resource: `arn:aws:ses:${REGION}:${ACCOUNT}:identity/docshare.test`,
              },
              { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: FUNCTION('allowed-fn') },
              {
                Effect: 'Allow',
                Action: ['states:StartExecution', 'states:SendTaskSuccess'],
                Resource: MACHINE('granted-flow'),
              },
            ),
          },
        ],
      ],
      [
        MACHINE_ROLE,
        [
          {
            name: 'flow',
            policy: policy({
              Effect: 'Allow',
              Action: 'lambda:InvokeFunction',
              Resource: FUNCTION('allowed-fn'),
            }),
          },
        ],
      ],
    ]),
    resourcePolicies: new Map([
      [signingKey, rootKeyPolicy],
      [dataKey, rootKeyPolicy],
      [
        lockedKey,
        policy({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/admin` },
          Action: 'kms:*',
          Resource: '*',
        }),
      ],
    ]),
  };
  fixture.edge.enforceIam(directory);
});
afterAll(() => fixture.stop());

describe('IAM in the embedded AWS', () => {
  it('lets a role do in DynamoDB what its policy allows and refuses the rest with AccessDeniedException', async () => {
    const dynamo = new DynamoDBClient(asFunction());
    const key = { pk: { S: 'k' } };
    await expect(dynamo.send(new GetItemCommand({ TableName: 'granted', Key: key }))).resolves.toBeDefined();

    const write = await denial(dynamo.send(new PutItemCommand({ TableName: 'granted', Item: key })));
    expect(write.name).toBe('AccessDeniedException');
    expect(write.status).toBe(400);
    expect(write.message).toContain(
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/reader/reader-fn is not authorized to perform: dynamodb:PutItem on resource: ${TABLE('granted')}`,
    );
    expect(
      (await denial(dynamo.send(new GetItemCommand({ TableName: 'other', Key: key })))).message,
    ).toContain(TABLE('other'));
    // A transaction needs each item's own action on each table.
    const transaction = await denial(
      dynamo.send(
        new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'granted', Item: key } }] }),
      ),
    );
    expect(transaction.message).toContain('dynamodb:PutItem');
    // Nothing was written by the refused calls; the administrator's key is not judged.
    const admin = new DynamoDBClient({ ...fixture.clientConfig });
    expect((await admin.send(new GetItemCommand({ TableName: 'granted', Key: key }))).Item).toBeUndefined();
    await admin.send(new PutItemCommand({ TableName: 'granted', Item: key }));
  });

  it('judges S3 calls and presigned URLs by the key that signed them, answering 403 AccessDenied', async () => {
    const s3 = new S3Client({ ...asFunction(), forcePathStyle: true });
    const granted = await s3.send(new GetObjectCommand({ Bucket: 'docs', Key: 'copies/a.pdf' }));
    expect(await granted.Body?.transformToString()).toBe('x');
    const read = await denial(s3.send(new GetObjectCommand({ Bucket: 'docs', Key: 'private/b.txt' })));
    expect([read.name, read.status]).toEqual(['AccessDenied', 403]);
    const write = await denial(
      s3.send(new PutObjectCommand({ Bucket: 'docs', Key: 'copies/c.pdf', Body: 'y' })),
    );
    expect(write.message).toContain('s3:PutObject on resource: arn:aws:s3:::docs/copies/c.pdf');

    const presign = (Key: string) =>
      getSignedUrl(s3, new GetObjectCommand({ Bucket: 'docs', Key }), { expiresIn: 60 });
    expect((await fetch(await presign('copies/a.pdf'))).status).toBe(200);
    const refused = await fetch(await presign('private/b.txt'));
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('refuses a presigned URL edited after signing (another key, a later expiry) with SignatureDoesNotMatch', async () => {
    const s3 = new S3Client({ ...asFunction(), forcePathStyle: true });
    await new S3Client({ ...admin(), forcePathStyle: true }).send(
      new PutObjectCommand({ Bucket: 'docs', Key: 'copies/other.pdf', Body: 'someone else' }),
    );
    const signed = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'docs', Key: 'copies/a.pdf' }), {
      expiresIn: 60,
    });
    const otherKey = signed.replace('/copies/a.pdf', '/copies/other.pdf');
    const later = signed.replace('X-Amz-Expires=60', 'X-Amz-Expires=604800');
    for (const edited of [otherKey, later]) {
      expect(edited).not.toBe(signed);
      const answer = await fetch(edited);
      expect(answer.status).toBe(403);
      expect(await answer.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    }
    expect(await (await fetch(signed)).text()).toBe('x');
  });

  it('needs the key policy as well as the role for KMS, resolves aliases and finds a Decrypt’s key in its ciphertext', async () => {
    const kms = new KMSClient(asFunction());
    const message = new TextEncoder().encode('digest');
    const signed = await kms.send(
      new SignCommand({ KeyId: 'alias/signing', Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }),
    );
    expect(signed.Signature?.length).toBeGreaterThan(0);

    const locked = await denial(
      kms.send(new SignCommand({ KeyId: lockedKey, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' })),
    );
    expect(locked.name).toBe('AccessDeniedException');
    expect(locked.message).toContain('because no resource-based policy allows the kms:Sign action');

    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: dataKey, Plaintext: message }));
    // Decrypt is allowed only through DynamoDB (kms:ViaService): a direct call is refused.
    const direct = await denial(kms.send(new DecryptCommand({ CiphertextBlob })));
    expect(direct.message).toContain('kms:Decrypt');
  });

  it('authorizes an SES send against the sending identity and the configuration set it names', async () => {
    const ses = new SESv2Client(asFunction());
    const email = (ConfigurationSetName?: string) =>
      new SendEmailCommand({
        FromEmailAddress: 'docshare <no-reply@docshare.test>',
        Destination: { ToAddresses: ['someone@example.org'] },
        Content: { Simple: { Subject: { Data: 'hi' }, Body: { Text: { Data: 'hi' } } } },
        ConfigurationSetName,
      });
    expect((await ses.send(email())).MessageId).toBeTruthy();
    const tracked = await denial(ses.send(email('tracked')));
    expect([tracked.name, tracked.status]).toEqual(['AccessDeniedException', 403]);
    expect(tracked.message).toContain(`configuration-set/tracked`);
  });

  it('lets a role invoke only the functions it may', async () => {
    const lambda = new LambdaClient(asFunction());
    const ok = await lambda.send(new InvokeCommand({ FunctionName: 'allowed-fn', Payload: '{}' }));
    expect(ok.StatusCode).toBe(200);
    const refused = await denial(lambda.send(new InvokeCommand({ FunctionName: 'other-fn', Payload: '{}' })));
    expect([refused.name, refused.status]).toEqual(['AccessDeniedException', 403]);
    expect(invoked).not.toContain('other-fn');
  });

  it('judges task tokens by the state machine that issued them, and runs tasks with the machine’s role', async () => {
    const sfn = new SFNClient(asFunction());
    const adminSfn = new SFNClient(admin());
    const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE('granted-flow') }));
    await expect.poll(() => tokens.length).toBe(1);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: tokens[0]!, output: '{}' }));
    await expect
      .poll(
        async () =>
          (await adminSfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn! }))).status,
      )
      .toBe('SUCCEEDED');

    const otherStart = await denial(
      sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE('other-flow') })),
    );
    expect(otherStart.message).toContain(`states:StartExecution on resource: ${MACHINE('other-flow')}`);
    await adminSfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE('other-flow') }));
    await expect.poll(() => tokens.length).toBe(2);
    const otherToken = await denial(
      sfn.send(new SendTaskSuccessCommand({ taskToken: tokens[1]!, output: '{}' })),
    );
    expect(otherToken.message).toContain(`states:SendTaskSuccess on resource: ${MACHINE('other-flow')}`);

    // The machine's own role may not invoke other-fn: the task fails as on AWS, the function never runs.
    const forbidden = await adminSfn.send(
      new StartExecutionCommand({ stateMachineArn: MACHINE('forbidden-flow') }),
    );
    await expect
      .poll(
        async () =>
          (await adminSfn.send(new DescribeExecutionCommand({ executionArn: forbidden.executionArn! })))
            .status,
      )
      .toBe('FAILED');
    const failed = await adminSfn.send(
      new DescribeExecutionCommand({ executionArn: forbidden.executionArn! }),
    );
    expect(failed.error).toBe('Lambda.AWSLambdaException');
    expect(failed.cause).toContain('assumed-role/flow/');
    expect(invoked).not.toContain(FUNCTION('other-fn'));
  });
});
