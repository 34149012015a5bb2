import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateAliasCommand, CreateKeyCommand, KMSClient, ListAliasesCommand } from '@aws-sdk/client-kms';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateConfigurationSetCommand,
  CreateEmailIdentityCommand,
  SESv2Client,
} from '@aws-sdk/client-sesv2';
import {
  CreateStateMachineCommand,
  ListStateMachinesCommand,
  SFNClient,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { physicalName, type Resolver, stateMachineName } from './template';

// Creates in the embedded AWS exactly what the synthesized template declares: KMS keys (mapped to
// their logical ids through aliases, so restarts find them), tables with their indexes and TTL,
// buckets, SES identities and configuration sets, and state machines. Re-running is a no-op.

export interface AwsClients {
  dynamodb: DynamoDBClient;
  s3: S3Client;
  kms: KMSClient;
  ses: SESv2Client;
  sfn: SFNClient;
  sqs: SQSClient;
}

export function localClients(endpoint: string, region: string): AwsClients {
  const config = { endpoint, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  return {
    dynamodb: new DynamoDBClient(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
    kms: new KMSClient(config),
    ses: new SESv2Client(config),
    sfn: new SFNClient(config),
    sqs: new SQSClient(config),
  };
}

const KEY_ALIAS_PREFIX = 'alias/local-cfn/';

/** Creates the template's KMS keys (once) and returns their key ids by logical id. */
export async function provisionKeys(
  resolver: Resolver,
  clients: AwsClients,
): Promise<Record<string, string>> {
  const aliases = await clients.kms.send(new ListAliasesCommand({}));
  const existing = new Map(
    (aliases.Aliases ?? [])
      .filter((alias) => alias.AliasName?.startsWith(KEY_ALIAS_PREFIX))
      .map((alias) => [alias.AliasName!.slice(KEY_ALIAS_PREFIX.length), alias.TargetKeyId!]),
  );
  const ids: Record<string, string> = {};
  for (const [logicalId, resource] of resolver.resourcesOfType('AWS::KMS::Key')) {
    const known = existing.get(logicalId);
    if (known) {
      ids[logicalId] = known;
      continue;
    }
    const props = resource.Properties ?? {};
    const created = await clients.kms.send(
      new CreateKeyCommand({
        KeySpec: (props.KeySpec as never) ?? 'SYMMETRIC_DEFAULT',
        KeyUsage: (props.KeyUsage as never) ?? 'ENCRYPT_DECRYPT',
        Description: props.Description as string | undefined,
      }),
    );
    const keyId = created.KeyMetadata!.KeyId!;
    await clients.kms.send(
      new CreateAliasCommand({ AliasName: KEY_ALIAS_PREFIX + logicalId, TargetKeyId: keyId }),
    );
    ids[logicalId] = keyId;
  }
  return ids;
}

export async function provisionResources(resolver: Resolver, clients: AwsClients): Promise<void> {
  for (const [logicalId, resource] of resolver.resourcesOfType('AWS::KMS::Alias')) {
    const props = resolver.resolve(resource.Properties) as { AliasName: string; TargetKeyId: string };
    await ignoreExisting(
      clients.kms.send(
        new CreateAliasCommand({ AliasName: props.AliasName, TargetKeyId: props.TargetKeyId }),
      ),
      logicalId,
    );
  }
  for (const [logicalId, resource] of resolver.resourcesOfType('AWS::DynamoDB::Table')) {
    await createTable(resolver, clients, logicalId, resource.Properties ?? {});
  }
  for (const [logicalId] of resolver.resourcesOfType('AWS::S3::Bucket')) {
    const Bucket = physicalName(logicalId, 'AWS::S3::Bucket', resolver.env);
    await ignoreExisting(clients.s3.send(new CreateBucketCommand({ Bucket })), logicalId);
  }
  for (const [logicalId] of resolver.resourcesOfType('AWS::SES::ConfigurationSet')) {
    const ConfigurationSetName = resolver.ref(logicalId);
    await ignoreExisting(
      clients.ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName })),
      logicalId,
    );
  }
  for (const [logicalId, resource] of resolver.resourcesOfType('AWS::SES::EmailIdentity')) {
    const EmailIdentity = resolver.resolveString(resource.Properties?.EmailIdentity);
    await ignoreExisting(clients.ses.send(new CreateEmailIdentityCommand({ EmailIdentity })), logicalId);
  }
  await provisionQueues(resolver, clients);
  await provisionStateMachines(resolver, clients);
}

/** SQS queues with their attributes; dead-letter queues first, so redrive policies find them. */
async function provisionQueues(resolver: Resolver, clients: AwsClients): Promise<void> {
  const queues = resolver
    .resourcesOfType('AWS::SQS::Queue')
    .map(([logicalId, resource]) => [logicalId, resolver.resolve(resource.Properties ?? {})] as const)
    .sort(
      ([, a], [, b]) => Number('RedrivePolicy' in (a as object)) - Number('RedrivePolicy' in (b as object)),
    );
  for (const [logicalId, props] of queues) {
    const { QueueName: _name, Tags: _tags, RedrivePolicy, ...rest } = props as Record<string, unknown>;
    const Attributes = Object.fromEntries(
      Object.entries({
        ...rest,
        ...(RedrivePolicy ? { RedrivePolicy: JSON.stringify(RedrivePolicy) } : {}),
      }).map(([key, value]) => [key, String(value)]),
    );
    await clients.sqs.send(
      new CreateQueueCommand({
        QueueName: physicalName(logicalId, 'AWS::SQS::Queue', resolver.env),
        Attributes,
      }),
    );
  }
}

async function createTable(
  resolver: Resolver,
  clients: AwsClients,
  logicalId: string,
  rawProps: Record<string, unknown>,
): Promise<void> {
  const props = resolver.resolve(rawProps) as Record<string, never>;
  const TableName = resolver.ref(logicalId);
  await ignoreExisting(
    clients.dynamodb.send(
      new CreateTableCommand({
        TableName,
        AttributeDefinitions: props.AttributeDefinitions,
        KeySchema: props.KeySchema,
        GlobalSecondaryIndexes: props.GlobalSecondaryIndexes,
        LocalSecondaryIndexes: props.LocalSecondaryIndexes,
        BillingMode: 'PAY_PER_REQUEST',
      }),
    ),
    logicalId,
  );
  // dynalite cannot add an index to an existing table: a data folder from before an index was added
  // must be started afresh.
  const described = await clients.dynamodb.send(new DescribeTableCommand({ TableName }));
  const have = new Set((described.Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const missing = ((props.GlobalSecondaryIndexes as Array<{ IndexName: string }> | undefined) ?? [])
    .map((index) => index.IndexName)
    .filter((name) => !have.has(name));
  if (missing.length > 0)
    console.warn(
      `Table ${logicalId} lacks the index(es) ${missing.join(', ')} added since it was created: delete the data folder to recreate it.`,
    );
  const ttl = props.TimeToLiveSpecification as { AttributeName?: string; Enabled?: boolean } | undefined;
  const current = await clients.dynamodb.send(new DescribeTimeToLiveCommand({ TableName }));
  const enabled = current.TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED';
  if (ttl?.Enabled && ttl.AttributeName && !enabled) {
    await clients.dynamodb.send(
      new UpdateTimeToLiveCommand({
        TableName,
        TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true },
      }),
    );
  }
}

async function provisionStateMachines(resolver: Resolver, clients: AwsClients): Promise<void> {
  const listed = await clients.sfn.send(new ListStateMachinesCommand({}));
  const existing = new Set((listed.stateMachines ?? []).map((machine) => machine.name));
  for (const [logicalId, resource] of resolver.resourcesOfType('AWS::StepFunctions::StateMachine')) {
    const props = resource.Properties ?? {};
    const definition = props.DefinitionString
      ? resolver.resolveString(props.DefinitionString)
      : JSON.stringify(resolver.resolve(props.Definition));
    const roleArn = props.RoleArn
      ? resolver.resolveString(props.RoleArn)
      : 'arn:aws:iam::000000000000:role/local';
    const name = stateMachineName(logicalId);
    if (existing.has(name)) {
      await clients.sfn.send(
        new UpdateStateMachineCommand({ stateMachineArn: resolver.ref(logicalId), definition, roleArn }),
      );
    } else {
      await clients.sfn.send(
        new CreateStateMachineCommand({
          name,
          definition,
          roleArn,
          type: (props.StateMachineType as never) ?? 'STANDARD',
        }),
      );
    }
  }
}

const ALREADY_THERE = new Set([
  'ResourceInUseException',
  'BucketAlreadyOwnedByYou',
  'BucketAlreadyExists',
  'AlreadyExistsException',
  'AlreadyExists',
  'ConflictException',
]);

async function ignoreExisting(operation: Promise<unknown>, logicalId: string): Promise<void> {
  try {
    await operation;
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (!ALREADY_THERE.has(name)) {
      throw new Error(`Could not create ${logicalId} locally: ${name} ${(error as Error).message}`);
    }
  }
}
