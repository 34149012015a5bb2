import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../../functions/routes';
import { DocshareStack } from '../../../infra/stacks/docshare-stack';

// Walks route → integration → function → role → policies in the synthesized template: a function
// anyone on the internet can reach must not be able to sign, decrypt or scan, whatever parser bug
// an attacker's PDF or QR finds in it.

// Who may open sealed personal fields (documents, names, registry data, error reports) and who may
// seal them: each list is a decision, so a new grant has to be made here too.
const OPEN_DOCUMENTS = [
  'CitizenFunctionsRole', // the wallet: profile, documents
  'ConsentsFunctionsRole', // fresh packages of standing consents; revocation notices
  'CopiesFunctionsRole', // IssueCopies: an approved request's copies and package
  'DocumentRefreshFunctionsRole', // re-seals refreshed documents
  'ErrorReportsFunctionsRole', // the citizen's own reports
  'OperatorFunctionsRole', // imports and error-report triage
  'PartnerFunctionsRole', // document validations answer from the document
  'QrDeliveryFunctionsRole', // copies by e-mail
  'SharingFunctionsRole', // deciding a request copies documents
];
const SEAL_DOCUMENTS = ['DocumentRefreshFunctionsRole', 'ErrorReportsFunctionsRole', 'OperatorFunctionsRole'];

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

function refOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.Ref === 'string') return v.Ref;
  if (Array.isArray(v['Fn::GetAtt'])) return String(v['Fn::GetAtt'][0]);
  for (const inner of Object.values(v)) {
    const found = Array.isArray(inner) ? inner.map(refOf).find(Boolean) : refOf(inner);
    if (found) return found;
  }
  return undefined;
}

/**
 * The actions a role may call itself: a statement limited by `kms:ViaService` lets DynamoDB or S3 use
 * the key on the role's behalf (reading items, objects) but not the role call KMS directly.
 */
function actionsOfRole(resources: Resources, roleId: string): string[] {
  const actions: string[] = [];
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    const roles = (resource.Properties.Roles as unknown[]).map(refOf);
    if (!roles.includes(roleId)) continue;
    const statements = (
      resource.Properties.PolicyDocument as {
        Statement: Array<{ Action: string | string[]; Effect: string; Condition?: unknown }>;
      }
    ).Statement;
    for (const statement of statements) {
      if (statement.Effect !== 'Allow') continue;
      if (JSON.stringify(statement.Condition ?? {}).includes('kms:ViaService')) continue;
      actions.push(...(Array.isArray(statement.Action) ? statement.Action : [statement.Action]));
    }
  }
  return actions;
}

describe('least privilege by route', () => {
  let resources: Resources;
  beforeAll(() => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    resources = Template.fromStack(new DocshareStack(app, 'Docshare', { localRuntime: false })).toJSON()
      .Resources;
  }, 60_000);

  /** The actions of the role behind each API route, by "METHOD /path". */
  function routeActions(): Map<string, string[]> {
    const byRoute = new Map<string, string[]>();
    for (const resource of Object.values(resources)) {
      if (resource.Type !== 'AWS::ApiGatewayV2::Route') continue;
      const integrationId = refOf(resource.Properties.Target);
      const integration = resources[integrationId!]!;
      const functionId = refOf(integration.Properties.IntegrationUri)!;
      const roleId = refOf(resources[functionId]!.Properties.Role)!;
      byRoute.set(String(resource.Properties.RouteKey), actionsOfRole(resources, roleId));
    }
    return byRoute;
  }

  it('finds every route’s function and role', () => {
    expect(routeActions().size).toBe(allRoutes.length);
  });

  const publicGrants = (action: string) => {
    const actions = routeActions();
    return allRoutes
      .filter((route) => route.auth === 'public')
      .map((route) => `${route.method} ${route.path}`)
      .filter((route) => (actions.get(route) ?? []).includes(action));
  };

  it('lets no function of the stack scan the table, the local-only dev identity provider included', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const local = Template.fromStack(new DocshareStack(app, 'Local', { localRuntime: true })).toJSON();
    const policies = JSON.stringify(
      Object.values(local.Resources as Record<string, { Type: string; Properties: unknown }>)
        .filter((resource) => resource.Type === 'AWS::IAM::Policy')
        .map((resource) => resource.Properties),
    );
    expect(policies).toContain('dynamodb:Query');
    expect(policies).not.toContain('dynamodb:Scan');
  }, 60_000);

  it('lets no function behind any route scan the table', () => {
    const scanning = [...routeActions()].filter(([, actions]) => actions.includes('dynamodb:Scan'));
    expect(scanning.map(([route]) => route)).toEqual([]);
  });

  it('lets no function behind an unauthenticated route sign', () => {
    expect(publicGrants('kms:Sign')).toEqual([]);
  });

  /** Roles (logical ids, hash cut) that may call `action` themselves on the key named `keyName`. */
  function rolesUsingKey(action: string, keyName: string): string[] {
    const key = Object.keys(resources).find(
      (id) => resources[id]!.Type === 'AWS::KMS::Key' && id.includes(keyName),
    )!;
    const roles = new Set<string>();
    for (const resource of Object.values(resources)) {
      if (resource.Type !== 'AWS::IAM::Policy') continue;
      const statements = (
        resource.Properties.PolicyDocument as {
          Statement: Array<{
            Action: string | string[];
            Effect: string;
            Resource: unknown;
            Condition?: unknown;
          }>;
        }
      ).Statement;
      const uses = statements.some(
        (statement) =>
          statement.Effect === 'Allow' &&
          !JSON.stringify(statement.Condition ?? {}).includes('kms:ViaService') &&
          [statement.Action].flat().includes(action) &&
          [statement.Resource].flat().some((target) => refOf(target) === key),
      );
      if (!uses) continue;
      for (const role of (resource.Properties.Roles as unknown[]).map(refOf))
        roles.add(role!.replace(/[0-9A-F]{8}$/, ''));
    }
    return [...roles].sort();
  }

  it('lets only the operator’s Admin function sign with the root CA key (it issues the chain)', () => {
    const certifying = rolesUsingKey('kms:Sign', 'RootCaKey');
    expect(certifying).toHaveLength(1);
    expect(certifying[0]).toMatch(/^Operator/);
  });

  it('lets no unauthenticated route decrypt with KMS itself: the data key only as DynamoDB and S3 use it', () => {
    // Their readers reach the table and the download objects through the services (kms:ViaService),
    // so a function anyone can reach cannot open a sealed field or a partner's secret.
    for (const action of ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKey*', 'kms:Encrypt']) {
      expect(publicGrants(action), action).toEqual([]);
    }
    // The same policies, conditions included: they do read through the services.
    const withConditions = JSON.stringify(
      Object.values(resources).filter((resource) => resource.Type === 'AWS::IAM::Policy'),
    );
    expect(withConditions).toContain('dynamodb.');
    expect(withConditions).toMatch(/"kms:ViaService":\{"Fn::Join":\["",\["s3\./);
  });

  it('keeps one key per kind of data: the table and bucket key is usable only through DynamoDB and S3', () => {
    for (const action of ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKey*']) {
      expect(rolesUsingKey(action, 'DataDataKey'), action).toEqual([]);
    }
  });

  it('lets only the webhook senders open partners’ secrets, and only who issues them seal them', () => {
    expect(rolesUsingKey('kms:Decrypt', 'DataSecretsKey')).toEqual([
      'ConsentFunctionsRole',
      'NoticesFunctionsRole',
    ]);
    expect(rolesUsingKey('kms:Encrypt', 'DataSecretsKey')).toEqual([
      'OperatorFunctionsRole',
      'PartnerFunctionsRole',
    ]);
  });

  it('lets only the functions that show or copy documents open them, and only importers and reporters seal them', () => {
    expect(rolesUsingKey('kms:Decrypt', 'DataDocumentsKey')).toEqual(OPEN_DOCUMENTS);
    expect(rolesUsingKey('kms:GenerateDataKey', 'DataDocumentsKey')).toEqual(SEAL_DOCUMENTS);
  });

  it('allows Resource "*" only for actions AWS defines on no resource (X-Ray, log delivery)', () => {
    // cdk-nag's IAM5[Resource::*] is acknowledged per role (functions, state machines) because X-Ray
    // needs it; this keeps any other wildcard from hiding behind that acknowledgement.
    const allowed =
      /^(xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets)|logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups))$/;
    const wildcards: string[] = [];
    for (const [id, resource] of Object.entries(resources)) {
      if (resource.Type !== 'AWS::IAM::Policy') continue;
      const statements = (
        resource.Properties.PolicyDocument as {
          Statement: Array<{ Action: string | string[]; Resource: unknown }>;
        }
      ).Statement;
      for (const statement of statements) {
        if (statement.Resource !== '*') continue;
        for (const action of [statement.Action].flat())
          if (!allowed.test(action)) wildcards.push(`${id}: ${action}`);
      }
    }
    expect(wildcards).toEqual([]);
  });

  it('stays under CloudFormation’s 500-resource limit', () => {
    expect(Object.keys(resources).length).toBeLessThan(500);
  });
});
