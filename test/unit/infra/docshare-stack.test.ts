import { App, type Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../../functions/routes';
import { DocshareStack } from '../../../infra/stacks/docshare-stack';

// Bundling is skipped here (it is exercised by the integration suite, which runs the bundles).
function synth(localRuntime: boolean): { stack: Stack; template: Template } {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new DocshareStack(app, 'Docshare', { localRuntime });
  return { stack, template: Template.fromStack(stack) };
}

describe('the deployed stack', () => {
  let stack: Stack;
  let template: Template;
  beforeAll(() => {
    ({ stack, template } = synth(false));
  }, 60_000);

  it('passes cdk-nag AwsSolutions with every suppression justified', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
    const violations = report.violations.map((violation) => ({
      rule: violation.ruleName,
      resources: violation.violatingResources.map((resource) => resource.resourceLogicalId),
    }));
    expect(violations).toEqual([]);
  });

  it('stays well under CloudFormation’s 500-resource limit, with room for the local-only routes', () => {
    const count = Object.keys(template.toJSON().Resources).length;
    expect(count).toBeLessThan(450);
  });

  it('gives the functions of one capability one shared role (each grant scoped to the capability)', () => {
    const functions = template.findResources('AWS::Lambda::Function');
    const roles = template.findResources('AWS::IAM::Role');
    expect(Object.keys(roles).length).toBeLessThan(Object.keys(functions).length / 2);
  });

  it('keeps data in an on-demand table with point-in-time recovery, KMS encryption and TTL', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      TimeToLiveSpecification: { AttributeName: 'expiresAtEpoch', Enabled: true },
    });
  });

  it('stores copies in a private, KMS-encrypted, TLS-only bucket that expires them', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) }),
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: 'copies/', ExpirationInDays: 30, Status: 'Enabled' }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('has a P-256 signing key, a root CA key and rotating symmetric keys, one per kind of data, in KMS', () => {
    const keys = Object.values(template.findResources('AWS::KMS::Key')).map((key) => key.Properties);
    expect(
      keys.filter((key) => key.KeySpec === 'ECC_NIST_P256' && key.KeyUsage === 'SIGN_VERIFY'),
    ).toHaveLength(2);
    const symmetric = keys.filter((key) => key.KeySpec === undefined && key.EnableKeyRotation === true);
    // Data at rest, sealed personal fields, partners' secrets, queue messages, and the keys of the SNS
    // topics SES feedback and alarms go to.
    expect(symmetric.map((key) => String(key.Description).split(':')[0]).sort()).toEqual([
      'docshare SES bounce and complaint notifications (SNS encryption)',
      'docshare alarm notifications (SNS encryption)',
      'docshare data at rest',
      'docshare partner webhook secrets',
      'docshare queue messages',
      'docshare sealed personal fields',
    ]);
  });

  it('runs every Lambda on Node 22, arm64, with tracing', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
      });
    }
  });

  it('exposes exactly the API routes the route specs declare, and no dev routes', () => {
    const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route'))
      .map((route) => route.Properties.RouteKey as string)
      .sort();
    expect(routeKeys).toEqual(allRoutes.map((route) => `${route.method} ${route.path}`).sort());
    expect(routeKeys.some((key) => key.includes('/dev/'))).toBe(false);
  });

  it('takes the web pages’ sign-in (OpenID Connect) as parameters and gives them to the pages function only', () => {
    const parameters = template.toJSON().Parameters;
    for (const name of ['CitizenAuthorizeUrl', 'CitizenTokenUrl', 'CitizenClientId']) {
      expect(parameters[name]?.Description, name).toBeTruthy();
    }
    const ref = (name: string) => ({ Ref: name });
    const pages = Object.values(template.findResources('AWS::Lambda::Function')).filter(
      (fn) => fn.Properties.Environment?.Variables?.CITIZEN_TOKEN_URL !== undefined,
    );
    expect(pages).toHaveLength(1);
    expect(pages[0]!.Properties.Environment.Variables).toMatchObject({
      CITIZEN_AUTHORIZE_URL: ref('CitizenAuthorizeUrl'),
      CITIZEN_TOKEN_URL: ref('CitizenTokenUrl'),
      CITIZEN_CLIENT_ID: ref('CitizenClientId'),
      PUBLIC_BASE_URL: ref('PublicBaseUrl'),
    });
  });

  it('declares a Standard state machine, an SES identity with a configuration set, and the PDF assets layer', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineType: 'STANDARD' });
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
    });
    template.resourceCountIs('AWS::Lambda::LayerVersion', 1);
  });

  it('sends mail (copies of identity documents) only over TLS to the receiving server', () => {
    template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    });
  });
});

describe('the stack synthesized for the local runtime', () => {
  it('adds the dev identity provider routes', () => {
    const { template } = synth(true);
    const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (route) => route.Properties.RouteKey,
    );
    expect(routeKeys).toContain('POST /dev/citizen-token');
    expect(routeKeys).toContain('GET /dev/jwks.json');
    expect(routeKeys).toContain('GET /dev/citizens');
    expect(routeKeys).toContain('GET /dev/authorize');
    expect(routeKeys).toContain('POST /dev/authorize');
    expect(routeKeys).toContain('POST /dev/token');
  }, 60_000);
});
