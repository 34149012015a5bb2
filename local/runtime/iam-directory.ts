import { createHash } from 'node:crypto';
import type { IamDirectory, PolicyDocument } from '../edge/iam/authorizer';
import type { Resolver, TemplateResource } from './template';

// Reads the template's IAM into what the edge's authorizer judges requests by: each function's role
// and that role's policies, and the resource policies of keys, buckets and queues. AWS managed
// policies (AWSLambdaBasicExecutionRole: CloudWatch Logs) are left out: the embedded AWS has no Logs.

/** The access key a local function signs with; the edge knows from it which role is calling. */
export function localAccessKeyId(functionLogicalId: string): string {
  return `LKIA${createHash('sha256').update(functionLogicalId).digest('hex').slice(0, 16).toUpperCase()}`;
}

/** Its secret: not a secret locally, but distinct from the key, as S3 recomputes presigned URLs with it. */
export function localSecretAccessKey(functionLogicalId: string): string {
  return createHash('sha256').update(`secret:${functionLogicalId}`).digest('base64url');
}

type Ref = { Ref?: string };

export function readIamDirectory(resolver: Resolver): IamDirectory {
  const roles = new Map<string, Array<{ name: string; policy: PolicyDocument }>>();
  const roleArnOf = (logicalId: string) => resolver.getAtt(logicalId, 'Arn');
  const attach = (roleRefs: unknown, name: string, document: unknown) => {
    for (const ref of (roleRefs as Ref[] | undefined) ?? []) {
      if (!ref.Ref) continue;
      const arn = roleArnOf(ref.Ref);
      roles.get(arn)?.push({ name, policy: resolver.resolve(document) as PolicyDocument });
    }
  };

  for (const [logicalId, role] of resolver.resourcesOfType('AWS::IAM::Role')) {
    const inline =
      (role.Properties?.['Policies'] as Array<{ PolicyName: string; PolicyDocument: unknown }>) ?? [];
    roles.set(
      roleArnOf(logicalId),
      inline.map(({ PolicyName, PolicyDocument }) => ({
        name: PolicyName,
        policy: resolver.resolve(PolicyDocument) as PolicyDocument,
      })),
    );
  }
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
    for (const [logicalId, policy] of resolver.resourcesOfType(type)) {
      attach(policy.Properties?.['Roles'], logicalId, policy.Properties?.['PolicyDocument']);
    }
  }

  const sessions = new Map<string, { roleArn: string; sessionName: string; secretAccessKey: string }>();
  for (const [logicalId, fn] of resolver.resourcesOfType('AWS::Lambda::Function')) {
    const roleArn = resolver.resolveString(fn.Properties?.['Role']);
    if (!roles.has(roleArn)) continue;
    sessions.set(localAccessKeyId(logicalId), {
      roleArn,
      sessionName: logicalId,
      secretAccessKey: localSecretAccessKey(logicalId),
    });
  }

  return { accountId: resolver.env.accountId, sessions, roles, resourcePolicies: resourcePolicies(resolver) };
}

function resourcePolicies(resolver: Resolver): Map<string, PolicyDocument> {
  const policies = new Map<string, PolicyDocument>();
  const props = (resource: TemplateResource) => resource.Properties ?? {};
  for (const [logicalId, key] of resolver.resourcesOfType('AWS::KMS::Key')) {
    const policy = props(key)['KeyPolicy'];
    if (policy) policies.set(resolver.getAtt(logicalId, 'Arn'), resolver.resolve(policy) as PolicyDocument);
  }
  for (const [, bucketPolicy] of resolver.resourcesOfType('AWS::S3::BucketPolicy')) {
    const bucket = resolver.resolveString(props(bucketPolicy)['Bucket']);
    policies.set(
      `arn:aws:s3:::${bucket}`,
      resolver.resolve(props(bucketPolicy)['PolicyDocument']) as PolicyDocument,
    );
  }
  for (const [, queuePolicy] of resolver.resourcesOfType('AWS::SQS::QueuePolicy')) {
    for (const queue of (props(queuePolicy)['Queues'] as Ref[] | undefined) ?? []) {
      if (!queue.Ref) continue;
      policies.set(
        resolver.getAtt(queue.Ref, 'Arn'),
        resolver.resolve(props(queuePolicy)['PolicyDocument']) as PolicyDocument,
      );
    }
  }
  return policies;
}
