import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { retention } from '../config/retention';

export interface DataStoreProps {
  /** Days a signed copy stays in S3 (lifecycle expiry). */
  copyRetentionDays: number;
  /** Days an encrypted package stays pullable. */
  packageRetentionDays: number;
  /** The table refuses DeleteTable (prod). */
  deletionProtection?: boolean;
}

// The stateful part: one DynamoDB table (single-table design, see docs/architecture.md), the
// private bucket of copies and packages, and one symmetric key per kind of data (docs/security.md):
// - dataKey: the table and the bucket at rest, usable only through DynamoDB and S3 (kms:ViaService);
// - documentsKey: sealed personal fields (documents, citizens' names, registry data, error reports);
// - secretsKey: partners' webhook secrets;
// - queuesKey: the queues' messages.
// So a function that reads the table cannot open a document or a secret unless it is granted that.
export class DataStore extends Construct {
  readonly dataKey: Key;
  readonly documentsKey: Key;
  readonly secretsKey: Key;
  readonly queuesKey: Key;
  readonly table: Table;
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: DataStoreProps) {
    super(scope, id);

    this.dataKey = new Key(this, 'DataKey', {
      description: 'docshare data at rest: table and copies bucket (through DynamoDB and S3 only)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const sealingKey = (keyId: string, description: string) =>
      new Key(this, keyId, { description, enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
    this.documentsKey = sealingKey(
      'DocumentsKey',
      'docshare sealed personal fields: documents, citizens names, registry data, error reports',
    );
    this.secretsKey = sealingKey('SecretsKey', 'docshare partner webhook secrets');
    this.queuesKey = sealingKey('QueuesKey', 'docshare queue messages');

    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.deletionProtection,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.dataKey,
      timeToLiveAttribute: 'expiresAtEpoch',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: AttributeType.STRING },
    });
    // Sparse expiry index for the scheduled jobs (functions/adapters/dynamo/expiry-index.ts).
    this.table.addGlobalSecondaryIndex({
      indexName: 'gsi2',
      partitionKey: { name: 'gsi2pk', type: AttributeType.STRING },
      sortKey: { name: 'gsi2sk', type: AttributeType.STRING },
    });

    const accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(retention.accessLogDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge(
      ...[
        {
          id: 'AwsSolutions-S1',
          reason: 'This is the access-log bucket itself; logging it into itself would loop.',
        },
      ],
    );

    this.bucket = new Bucket(this, 'Copies', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.dataKey,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: false,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'copies/',
      lifecycleRules: [
        { id: 'copies', prefix: 'copies/', expiration: Duration.days(props.copyRetentionDays) },
        { id: 'packages', prefix: 'packages/', expiration: Duration.days(props.packageRetentionDays) },
        { id: 'downloads', prefix: 'downloads/', expiration: Duration.days(retention.downloadDays) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * Read (and write) items, with the table key. Never Scan: every request path reads by key or
   * query, and a function that can scan can dump every citizen in one call (grantReadData would
   * include it). Not even the local-only dev identity provider scans.
   */
  grantTable(grantee: IGrantable, access: 'read' | 'readWrite'): void {
    const read = [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DescribeTable',
    ];
    const write = [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ];
    this.table.grant(grantee, ...read, ...(access === 'readWrite' ? write : []));
    this.grantKeyThrough(grantee, 'dynamodb', access);
  }

  /**
   * Exactly the object actions a function needs under one key prefix of the bucket (`copies/`,
   * `packages/`), with the data key for SSE-KMS: no listing, no deletes, no bucket-wide access.
   */
  grantObjects(
    grantee: IGrantable,
    prefix: 'copies/' | 'packages/' | 'downloads/',
    access: 'read' | 'readWrite',
  ): void {
    const actions = access === 'read' ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject'];
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions, resources: [this.bucket.arnForObjects(`${prefix}*`)] }),
    );
    this.grantKeyThrough(grantee, 's3', access);
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    Validations.of(Stack.of(this)).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
      reason: `Object keys under ${prefix} are per copy or per request ids minted at run time; access is limited to that prefix and to Get/Put.`,
    });
  }

  /** Deleting objects under a prefix: revocation (packages) and erasure (copies, packages). */
  grantDeleteObjects(grantee: IGrantable, prefix: 'copies/' | 'packages/'): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:DeleteObject'],
        resources: [this.bucket.arnForObjects(`${prefix}*`)],
      }),
    );
  }

  /** The key ids the adapters read (DATA_KEY_ID for SSE-KMS uploads); ids grant nothing by themselves. */
  get keyEnvironment(): Record<string, string> {
    return {
      DATA_KEY_ID: this.dataKey.keyId,
      DOCUMENTS_KEY_ID: this.documentsKey.keyId,
      SECRETS_KEY_ID: this.secretsKey.keyId,
    };
  }

  /** Opening (Decrypt) and sealing (GenerateDataKey) personal fields: functions that show or store them. */
  grantDocuments(grantee: IGrantable, ...uses: Array<'open' | 'seal'>): void {
    if (uses.includes('open')) this.documentsKey.grant(grantee, 'kms:Decrypt');
    if (uses.includes('seal')) this.documentsKey.grant(grantee, 'kms:GenerateDataKey');
  }

  /** Opening (Decrypt: webhook signing) and sealing (Encrypt: issuing a secret) partners' webhook secrets. */
  grantPartnerSecrets(grantee: IGrantable, ...uses: Array<'open' | 'seal'>): void {
    if (uses.includes('open')) this.secretsKey.grant(grantee, 'kms:Decrypt');
    if (uses.includes('seal')) this.secretsKey.grant(grantee, 'kms:Encrypt');
  }

  /**
   * The data key only as DynamoDB or S3 uses it on the caller's behalf (`kms:ViaService`): enough to
   * read and write items and objects, useless for anything else by calling KMS directly.
   */
  private grantKeyThrough(
    grantee: IGrantable,
    service: 'dynamodb' | 's3',
    access: 'read' | 'readWrite',
  ): void {
    const writes = access === 'readWrite' ? ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'] : [];
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:DescribeKey', ...writes],
        resources: [this.dataKey.keyArn],
        conditions: {
          StringEquals: { 'kms:ViaService': `${service}.${Stack.of(this).region}.amazonaws.com` },
        },
      }),
    );
  }
}
