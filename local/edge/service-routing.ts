// Which emulator a request is for. Every SDK v3 request is SigV4-signed and its credential scope
// (`Credential=<key>/<date>/<region>/<service>/aws4_request`) names the service; presigned URLs carry
// the same scope in `X-Amz-Credential`. JSON-protocol services also name themselves in X-Amz-Target.
// Like LocalStack, anything else is taken to be S3.

export type EdgeService = 'dynamodb' | 's3' | 'ses' | 'kms' | 'states' | 'lambda' | 'sqs';

export interface CredentialScope {
  accessKeyId: string;
  region: string;
  service: string;
}

const SCOPE_SERVICES: Record<string, EdgeService> = {
  dynamodb: 'dynamodb',
  s3: 's3',
  ses: 'ses',
  email: 'ses', // SES v1's endpoint prefix; some clients sign with it
  kms: 'kms',
  states: 'states',
  lambda: 'lambda',
  sqs: 'sqs',
};

const TARGET_PREFIXES: [string, EdgeService][] = [
  ['DynamoDB_', 'dynamodb'],
  ['TrentService.', 'kms'],
  ['AWSStepFunctions.', 'states'],
  ['AmazonSQS.', 'sqs'],
];

function parseScope(credential: string): CredentialScope | undefined {
  const [accessKeyId, , region, service] = credential.split('/');
  if (!accessKeyId || !region || !service) return undefined;
  return { accessKeyId, region, service };
}

/** The credential scope of a signed request or presigned URL, if it has one. */
export function credentialScope(
  headers: Record<string, string | string[] | undefined>,
  url: URL,
): CredentialScope | undefined {
  const authorization = headers['authorization'];
  if (typeof authorization === 'string') {
    const match = /Credential=([^,\s]+)/.exec(authorization);
    if (match?.[1]) return parseScope(match[1]);
  }
  const presigned = url.searchParams.get('X-Amz-Credential');
  return presigned ? parseScope(presigned) : undefined;
}

export function identifyService(
  headers: Record<string, string | string[] | undefined>,
  url: URL,
): EdgeService {
  const scoped = credentialScope(headers, url);
  const byScope = scoped && SCOPE_SERVICES[scoped.service];
  if (byScope) return byScope;
  const target = headers['x-amz-target'];
  if (typeof target === 'string') {
    for (const [prefix, service] of TARGET_PREFIXES) if (target.startsWith(prefix)) return service;
  }
  if (url.pathname.startsWith('/2015-03-31/functions/')) return 'lambda';
  if (url.pathname.startsWith('/v2/email/')) return 'ses';
  return 's3';
}
