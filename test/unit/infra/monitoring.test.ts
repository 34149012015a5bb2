import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { metricNames } from '../../../functions/observability/metric-names';
import { DocshareStack } from '../../../infra/stacks/docshare-stack';

// What an operator relies on to hear of trouble before partners do: alarms counted by the metric
// they watch, the alarm topic, the dashboard, and flows that end every failure somewhere visible.

type Resource = { Type: string; Properties: Record<string, unknown>; Condition?: string };
type AlarmProps = {
  MetricName?: string;
  Namespace?: string;
  Dimensions?: Array<{ Name: string; Value: unknown }>;
  Metrics?: Array<{
    Expression?: string;
    MetricStat?: { Metric: { MetricName: string; Namespace: string } };
  }>;
  AlarmActions?: unknown[];
  AlarmDescription?: string;
};

function synth(context: Record<string, unknown> = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  return Template.fromStack(new DocshareStack(app, 'Docshare'));
}

/** Every metric an alarm reads, as `Namespace/MetricName`. */
function watched(alarm: AlarmProps): string[] {
  if (alarm.MetricName) return [`${alarm.Namespace}/${alarm.MetricName}`];
  return (alarm.Metrics ?? []).flatMap((m) =>
    m.MetricStat ? [`${m.MetricStat.Metric.Namespace}/${m.MetricStat.Metric.MetricName}`] : [],
  );
}

describe('monitoring', () => {
  let template: Template;
  let resources: Record<string, Resource>;
  let alarms: AlarmProps[];
  beforeAll(() => {
    template = synth();
    resources = template.toJSON().Resources;
    alarms = Object.values(resources)
      .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
      .map((r) => r.Properties as AlarmProps);
  }, 60_000);

  const count = (metric: string) => alarms.filter((alarm) => watched(alarm).includes(metric)).length;

  it('alarms on failed, timed-out and throttled executions of each of the three state machines', () => {
    expect(
      Object.values(resources).filter((r) => r.Type === 'AWS::StepFunctions::StateMachine'),
    ).toHaveLength(3);
    expect(count('AWS/States/ExecutionsFailed')).toBe(3);
    expect(count('AWS/States/ExecutionsTimedOut')).toBe(3);
    expect(count('AWS/States/ExecutionThrottled')).toBe(3);
  });

  it('alarms on errors and throttles of every flow and copy function, copies and webhooks included', () => {
    const functionsWatched = (metric: string) =>
      alarms
        .filter((alarm) => watched(alarm).includes(metric))
        .map((alarm) => JSON.stringify(alarm.Dimensions));
    const errors = functionsWatched('AWS/Lambda/Errors');
    // The consent flow's three tasks, IssueCopies, the e-mail delivery, notices and erasure steps.
    expect(errors.length).toBeGreaterThanOrEqual(7);
    expect(functionsWatched('AWS/Lambda/Throttles')).toHaveLength(errors.length);
    const issueCopy = Object.keys(resources).find((id) => id.startsWith('CopiesIssueCopies'))!;
    expect(errors.some((dimensions) => dimensions.includes(issueCopy))).toBe(true);
  });

  it('alarms on the HTTP API 5xx rate, SES reputation, KMS quotas, webhook failures and dead letters', () => {
    expect(count('AWS/ApiGateway/5xx')).toBe(1);
    expect(count('AWS/SES/Reputation.BounceRate')).toBe(1);
    expect(count('AWS/SES/Reputation.ComplaintRate')).toBe(1);
    expect(count('AWS/Usage/CallCount')).toBe(3);
    expect(count('Docshare/WebhookFailures')).toBe(1);
    expect(count('AWS/SQS/ApproximateNumberOfMessagesVisible')).toBe(2);
  });

  it('sends every alarm, and its recovery, to one encrypted topic with an optional e-mail subscription', () => {
    const topics = Object.entries(resources).filter(
      ([id, r]) => r.Type === 'AWS::SNS::Topic' && id.includes('Alarm'),
    );
    expect(topics).toHaveLength(1);
    const [topicId, topic] = topics[0]!;
    expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.AlarmDescription).toMatch(/Runbook: docs\/operations\.md#[a-z0-9-]+$/);
    }
    const subscription = Object.values(resources).find(
      (r) => r.Type === 'AWS::SNS::Subscription' && r.Properties.Protocol === 'email',
    );
    expect(subscription?.Condition).toBeDefined();
    expect(template.toJSON().Parameters.AlarmEmail).toBeDefined();
  });

  it('points every alarm at a runbook that docs/operations.md has', () => {
    const headings = new Set(
      [...readFileSync('docs/operations.md', 'utf8').matchAll(/^#{2,4} (.+)$/gm)].map((m) =>
        m[1]!
          .trim()
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(/ /g, '-'),
      ),
    );
    const runbooks = new Set(alarms.map((alarm) => /#([a-z0-9-]+)$/.exec(alarm.AlarmDescription ?? '')?.[1]));
    expect(runbooks.size).toBeGreaterThan(5);
    for (const runbook of runbooks) expect(headings, `runbook ${runbook}`).toContain(runbook);
  });

  it('has a dashboard that graphs every business metric the functions publish', () => {
    const dashboards = Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]!.Properties.DashboardBody);
    for (const name of metricNames) expect(body).toContain(name);
  });

  it('lets every asynchronous event source put what its Lambda keeps failing on in a dead-letter queue', () => {
    const rules = Object.values(resources).filter((r) => r.Type === 'AWS::Events::Rule');
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      for (const target of rule.Properties.Targets as Array<Record<string, unknown>>) {
        expect(target.DeadLetterConfig).toBeDefined();
      }
    }
    const lambdaSubscriptions = Object.values(resources).filter(
      (r) => r.Type === 'AWS::SNS::Subscription' && r.Properties.Protocol === 'lambda',
    );
    expect(lambdaSubscriptions.length).toBeGreaterThan(0);
    for (const subscription of lambdaSubscriptions)
      expect(subscription.Properties.RedrivePolicy).toBeDefined();
  });

  it('delivers state machine logs under /aws/vendedlogs/states/', () => {
    const machines = Object.values(resources).filter((r) => r.Type === 'AWS::StepFunctions::StateMachine');
    for (const machine of machines) {
      const destination = JSON.stringify(machine.Properties.LoggingConfiguration);
      const logGroupId = /"([A-Za-z0-9]+)","Arn"/.exec(destination)![1]!;
      expect(String(resources[logGroupId]!.Properties.LogGroupName)).toMatch(/^\/aws\/vendedlogs\/states\//);
    }
  });

  it('reserves concurrency for the copy and webhook functions, and none when the account cannot spare it', () => {
    const reserved = (t: Template) =>
      Object.entries(t.toJSON().Resources as Record<string, Resource>)
        .filter(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Properties.ReservedConcurrentExecutions)
        .map(([id]) => id.replace(/[0-9A-F]{8}$/, ''));
    expect(reserved(template).sort()).toEqual([
      'ConsentDeliverWebhook',
      'CopiesIssueCopies',
      'NoticesDeliverNotice',
    ]);
    // Lambda keeps 100 of an account's usual 1,000 executions unreserved (docs/deploy.md).
    const total = Object.values(template.toJSON().Resources as Record<string, Resource>).reduce(
      (sum, r) => sum + Number(r.Properties?.ReservedConcurrentExecutions ?? 0),
      0,
    );
    expect(total).toBeLessThanOrEqual(900);
    const small = synth({
      'docshare:issueCopyReservedConcurrency': 0,
      'docshare:webhookReservedConcurrency': 0,
    });
    expect(reserved(small)).toEqual([]);
  });
});

describe('flows that end every failure somewhere visible', () => {
  let definitions: Array<{ States: Record<string, Record<string, unknown>> }>;
  beforeAll(() => {
    const resources = synth().toJSON().Resources as Record<string, Resource>;
    definitions = Object.values(resources)
      .filter((r) => r.Type === 'AWS::StepFunctions::StateMachine')
      .map((r) => {
        const parts = (r.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
        return JSON.parse(parts.map((p) => (typeof p === 'string' ? p : 'TOKEN')).join(''));
      });
  }, 60_000);

  const allStates = (
    states: Record<string, Record<string, unknown>>,
  ): Array<[string, Record<string, unknown>]> =>
    Object.entries(states).flatMap(([name, state]) => [
      [name, state] as [string, Record<string, unknown>],
      ...(state.ItemProcessor
        ? allStates((state.ItemProcessor as { States: Record<string, Record<string, unknown>> }).States)
        : []),
    ]);

  it('catches every error of every top-level task (a Catch on States.ALL), so no execution just stops', () => {
    for (const definition of definitions) {
      for (const [name, state] of Object.entries(definition.States)) {
        if (state.Type !== 'Task' && state.Type !== 'Map') continue;
        const catches = (state.Catch as Array<{ ErrorEquals: string[] }> | undefined) ?? [];
        expect({ name, catchesAll: catches.some((c) => c.ErrorEquals.includes('States.ALL')) }).toEqual({
          name,
          catchesAll: true,
        });
      }
    }
  });

  it('retries Lambda throttling and service faults on every task, inside Maps too', () => {
    for (const definition of definitions) {
      for (const [name, state] of allStates(definition.States)) {
        if (state.Type !== 'Task') continue;
        const retried = ((state.Retry as Array<{ ErrorEquals: string[] }> | undefined) ?? []).flatMap(
          (r) => r.ErrorEquals,
        );
        expect({ name, throttling: retried.includes('Lambda.TooManyRequestsException') }).toEqual({
          name,
          throttling: true,
        });
        expect(retried).toContain('Lambda.ServiceException');
      }
    }
  });

  it('ends the erasure in a recorded failure that fails the execution (and so alarms)', () => {
    const erasure = definitions.find((d) => 'RecordFailure' in d.States)!;
    expect(erasure.States.RecordFailure!.Next).toBe('ErasureFailed');
    expect(erasure.States.ErasureFailed!.Type).toBe('Fail');
  });
});
