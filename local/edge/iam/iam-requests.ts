// What an AWS request asks IAM for: the action(s) and resource ARN(s) AWS authorizes it against, per
// the Service Authorization Reference. One API call can need several (a DynamoDB transaction one per
// item, an S3 copy both ends). Hand-written: the SDK models name operations, not IAM actions, and no
// maintained package maps a wire request to them. A request this file cannot name yields `undefined`,
// which the authorizer refuses for a role (an unmapped call is never waved through).

export interface IamRequest {
  action: string;
  resource: string;
  /**
   * AWS authorizes the call against a resource its own reference does not list for the action, so
   * the simulator must not refuse the pairing as invalid (see stepFunctionsRequests).
   */
  unlisted?: true;
}

export interface ArnScope {
  region: string;
  accountId: string;
}

type Json = Record<string, unknown>;

const asRecord = (value: unknown): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};

// ---- DynamoDB ----------------------------------------------------------------------------------

const TRANSACT_WRITE_ACTIONS: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

export function dynamoDbRequests(operation: string, input: Json, scope: ArnScope): IamRequest[] | undefined {
  const table = (name: unknown) =>
    String(name ?? '').startsWith('arn:')
      ? String(name)
      : `arn:aws:dynamodb:${scope.region}:${scope.accountId}:table/${String(name ?? '')}`;
  const action = `dynamodb:${operation}`;
  switch (operation) {
    case 'ListTables':
      return [{ action, resource: '*' }];
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return Object.keys(asRecord(input['RequestItems'])).map((name) => ({ action, resource: table(name) }));
    case 'TransactWriteItems':
      return asArray(input['TransactItems']).flatMap((item) =>
        Object.entries(asRecord(item)).map(([kind, body]) => ({
          action: TRANSACT_WRITE_ACTIONS[kind] ?? `dynamodb:${kind}`,
          resource: table(asRecord(body)['TableName']),
        })),
      );
    case 'TransactGetItems':
      return asArray(input['TransactItems']).map((item) => ({
        action: 'dynamodb:GetItem',
        resource: table(asRecord(asRecord(item)['Get'])['TableName']),
      }));
    case 'Query':
    case 'Scan': {
      const index = input['IndexName'];
      const base = table(input['TableName']);
      return [{ action, resource: typeof index === 'string' ? `${base}/index/${index}` : base }];
    }
    default:
      return typeof input['TableName'] === 'string'
        ? [{ action, resource: table(input['TableName']) }]
        : undefined;
  }
}

// ---- S3 ------------------------------------------------------------------------------------------

const BUCKET_SUBRESOURCE_ACTIONS: Record<string, Partial<Record<string, string>>> = {
  cors: { GET: 's3:GetBucketCORS', PUT: 's3:PutBucketCORS', DELETE: 's3:PutBucketCORS' },
  lifecycle: {
    GET: 's3:GetLifecycleConfiguration',
    PUT: 's3:PutLifecycleConfiguration',
    DELETE: 's3:PutLifecycleConfiguration',
  },
  policy: { GET: 's3:GetBucketPolicy', PUT: 's3:PutBucketPolicy', DELETE: 's3:DeleteBucketPolicy' },
  versioning: { GET: 's3:GetBucketVersioning', PUT: 's3:PutBucketVersioning' },
  encryption: {
    GET: 's3:GetEncryptionConfiguration',
    PUT: 's3:PutEncryptionConfiguration',
    DELETE: 's3:PutEncryptionConfiguration',
  },
  notification: { GET: 's3:GetBucketNotification', PUT: 's3:PutBucketNotification' },
  tagging: { GET: 's3:GetBucketTagging', PUT: 's3:PutBucketTagging', DELETE: 's3:PutBucketTagging' },
  publicAccessBlock: {
    GET: 's3:GetBucketPublicAccessBlock',
    PUT: 's3:PutBucketPublicAccessBlock',
    DELETE: 's3:PutBucketPublicAccessBlock',
  },
  ownershipControls: { GET: 's3:GetBucketOwnershipControls', PUT: 's3:PutBucketOwnershipControls' },
  logging: { GET: 's3:GetBucketLogging', PUT: 's3:PutBucketLogging' },
  location: { GET: 's3:GetBucketLocation' },
  acl: { GET: 's3:GetBucketAcl', PUT: 's3:PutBucketAcl' },
};

const OBJECT_SUBRESOURCE_ACTIONS: Record<string, Partial<Record<string, string>>> = {
  tagging: { GET: 's3:GetObjectTagging', PUT: 's3:PutObjectTagging', DELETE: 's3:DeleteObjectTagging' },
  acl: { GET: 's3:GetObjectAcl', PUT: 's3:PutObjectAcl' },
  retention: { GET: 's3:GetObjectRetention', PUT: 's3:PutObjectRetention' },
  'legal-hold': { GET: 's3:GetObjectLegalHold', PUT: 's3:PutObjectLegalHold' },
};

/** The bucket and key of a path-style (`/bucket/key`) or virtual-host-style (`bucket.host/key`) request. */
export function s3Location(host: string | undefined, url: URL): { bucket?: string; key?: string } {
  const hostname = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  const path = url.pathname.slice(1);
  const virtual = /^([a-z0-9][a-z0-9.-]*?[a-z0-9])\.(?:s3\.)?localhost$/.exec(hostname);
  if (virtual) return { bucket: virtual[1], key: path ? decodeURIComponent(path) : undefined };
  const slash = path.indexOf('/');
  if (!path) return {};
  if (slash < 0) return { bucket: decodeURIComponent(path) };
  const key = path.slice(slash + 1);
  return { bucket: decodeURIComponent(path.slice(0, slash)), key: key ? decodeURIComponent(key) : undefined };
}

export function s3Requests(
  method: string,
  host: string | undefined,
  url: URL,
  headers: Record<string, string | string[] | undefined>,
): IamRequest[] | undefined {
  const { bucket, key } = s3Location(host, url);
  const query = new Set(url.searchParams.keys());
  if (!bucket) return method === 'GET' ? [{ action: 's3:ListAllMyBuckets', resource: '*' }] : undefined;
  const bucketArn = `arn:aws:s3:::${bucket}`;
  if (key === undefined) {
    for (const [name, actions] of Object.entries(BUCKET_SUBRESOURCE_ACTIONS)) {
      if (!query.has(name)) continue;
      const action = actions[method];
      return action ? [{ action, resource: bucketArn }] : undefined;
    }
    if (method === 'POST' && query.has('delete')) {
      // DeleteObjects names its keys in the body, which is streamed on unread: it is judged as
      // s3:DeleteObject on every key of the bucket (stricter than AWS, which checks each key).
      return [{ action: 's3:DeleteObject', resource: `${bucketArn}/*` }];
    }
    const bucketActions: Record<string, string> = {
      GET: query.has('uploads') ? 's3:ListBucketMultipartUploads' : 's3:ListBucket',
      HEAD: 's3:ListBucket',
      PUT: 's3:CreateBucket',
      DELETE: 's3:DeleteBucket',
    };
    const action = bucketActions[method];
    return action ? [{ action, resource: bucketArn }] : undefined;
  }
  const objectArn = `${bucketArn}/${key}`;
  for (const [name, actions] of Object.entries(OBJECT_SUBRESOURCE_ACTIONS)) {
    if (!query.has(name)) continue;
    const action = actions[method];
    return action ? [{ action, resource: objectArn }] : undefined;
  }
  switch (method) {
    case 'GET':
      if (query.has('uploadId')) return [{ action: 's3:ListMultipartUploadParts', resource: objectArn }];
      return [{ action: 's3:GetObject', resource: objectArn }];
    case 'HEAD':
      return [{ action: 's3:GetObject', resource: objectArn }];
    case 'POST':
      return [{ action: 's3:PutObject', resource: objectArn }]; // multipart create/complete
    case 'DELETE':
      if (query.has('uploadId')) return [{ action: 's3:AbortMultipartUpload', resource: objectArn }];
      return [{ action: 's3:DeleteObject', resource: objectArn }];
    case 'PUT': {
      const put = [{ action: 's3:PutObject', resource: objectArn }];
      const source = headers['x-amz-copy-source'];
      if (typeof source !== 'string') return put;
      const [sourcePath] = decodeURIComponent(source).replace(/^\//, '').split('?');
      return [...put, { action: 's3:GetObject', resource: `arn:aws:s3:::${sourcePath}` }];
    }
    default:
      return undefined;
  }
}

// ---- SES -----------------------------------------------------------------------------------------

/** The address inside `Name <address>`, lower-cased. */
export function emailAddressOf(from: string): string {
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim().toLowerCase();
}

/**
 * SES authorizes a send against the identity that verifies its sender (the address itself when it is
 * an identity, else its domain) and against the configuration set it names.
 */
export function sesSendRequests(
  action: 'ses:SendEmail' | 'ses:SendRawEmail',
  sendingIdentity: string,
  configurationSet: string | undefined,
  scope: ArnScope,
): IamRequest[] {
  const base = `arn:aws:ses:${scope.region}:${scope.accountId}`;
  const requests = [{ action, resource: `${base}:identity/${sendingIdentity}` }];
  if (configurationSet) requests.push({ action, resource: `${base}:configuration-set/${configurationSet}` });
  return requests;
}

// ---- Lambda, Step Functions, SQS -----------------------------------------------------------------

export function functionArn(nameOrArn: string, scope: ArnScope): string {
  if (nameOrArn.startsWith('arn:')) return nameOrArn;
  return `arn:aws:lambda:${scope.region}:${scope.accountId}:function:${nameOrArn}`;
}

export function lambdaInvokeRequests(nameOrArn: string, scope: ArnScope): IamRequest[] {
  return [{ action: 'lambda:InvokeFunction', resource: functionArn(nameOrArn, scope) }];
}

const TASK_TOKEN_OPERATIONS = new Set(['SendTaskSuccess', 'SendTaskFailure', 'SendTaskHeartbeat']);

/**
 * `tokenOwner` names the execution that issued a task token. The Service Authorization Reference lists
 * no resource type for the task-token calls, yet AWS judges them against the state machine that issued
 * the token (its AccessDenied names `…:stateMachine:<name>`, and a grant on that ARN is enough), so
 * that is what they are judged against here.
 */
export function stepFunctionsRequests(
  operation: string,
  input: Json,
  tokenOwner: (token: string) => string | undefined,
): IamRequest[] | undefined {
  const action = `states:${operation}`;
  if (TASK_TOKEN_OPERATIONS.has(operation)) {
    const execution = typeof input['taskToken'] === 'string' ? tokenOwner(input['taskToken']) : undefined;
    // An unknown token is answered TaskDoesNotExist / InvalidToken by the operation itself.
    const owner = /^(arn:[^:]+:states:[^:]*:[^:]*):execution:([^:]+):/.exec(execution ?? '');
    // An unknown token is answered TaskDoesNotExist / InvalidToken by the operation itself.
    if (!owner) return [];
    return [{ action, resource: `${owner[1]}:stateMachine:${owner[2]}`, unlisted: true }];
  }
  const arn = input['stateMachineArn'] ?? input['executionArn'];
  if (typeof arn === 'string') return [{ action, resource: arn }];
  if (operation.startsWith('List') || operation === 'CreateStateMachine') return [{ action, resource: '*' }];
  return undefined;
}

export function sqsRequests(operation: string, input: Json, scope: ArnScope): IamRequest[] | undefined {
  const action = `sqs:${operation}`;
  const url = input['QueueUrl'];
  if (typeof url === 'string') {
    const [, accountId, name] = /\/(\d{12})\/([^/?]+)\/?$/.exec(url) ?? [];
    if (!name) return undefined;
    return [{ action, resource: `arn:aws:sqs:${scope.region}:${accountId}:${name}` }];
  }
  if (operation === 'GetQueueUrl' || operation === 'CreateQueue') {
    const name = input['QueueName'];
    return typeof name === 'string'
      ? [{ action, resource: `arn:aws:sqs:${scope.region}:${scope.accountId}:${name}` }]
      : undefined;
  }
  if (operation === 'ListQueues') return [{ action, resource: '*' }];
  return undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
