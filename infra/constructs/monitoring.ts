import { CfnCondition, CfnParameter, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnSubscription, Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  type Channel,
  channels,
  METRICS_NAMESPACE,
  type MetricName,
  SERVICE_NAME,
} from '../../functions/observability/metric-names';

export interface MonitoringProps {
  api: HttpApi;
  /** Every state machine, by the name the alarms and dashboard give it. */
  stateMachines: Record<string, StateMachine>;
  /** The partner-notices machine: its started executions are the webhook backlog's inflow. */
  notices: StateMachine;
  /** The functions the flows run (tasks, copies, webhooks): their errors and throttles alarm. */
  flowFunctions: Record<string, IFunction>;
  /** Queues where failed work waits for a person: any message in one alarms. */
  deadLetterQueues: Record<string, IQueue>;
}

// Alarms, the alarm topic and the dashboard of one docshare deployment. Each alarm's description
// names its runbook in docs/operations.md. Thresholds are set to page before partners notice and
// before AWS acts (SES reviews a sender at 5 % bounces / 0.1 % complaints and may suspend it at
// 10 % / 0.5 %).
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const alarmEmail = new CfnParameter(scope, 'AlarmEmail', {
      description: 'E-mail address that receives docshare alarms (empty: subscribe to the topic yourself)',
      default: '',
    });
    // CloudWatch publishes into the encrypted topic, so it may use the topic's key.
    const key = new Key(this, 'AlarmTopicKey', {
      description: 'docshare alarm notifications (SNS encryption)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:GenerateDataKey*', 'kms:Decrypt');
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: 'docshare alarms',
      masterKey: key,
      enforceSSL: true,
    });
    const hasEmail = new CfnCondition(this, 'HasAlarmEmail', {
      expression: Fn.conditionNot(Fn.conditionEquals(alarmEmail.valueAsString, '')),
    });
    new CfnSubscription(this, 'AlarmEmailSubscription', {
      topicArn: this.topic.topicArn,
      protocol: 'email',
      endpoint: alarmEmail.valueAsString,
    }).cfnOptions.condition = hasEmail;

    const action = new SnsAction(this.topic);
    const alarm = (
      name: string,
      metric: IMetric,
      threshold: number,
      runbook: string,
      evaluationPeriods = 1,
      treatMissingData = TreatMissingData.NOT_BREACHING,
    ) => {
      const created = new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData,
        alarmDescription: `docshare ${name}. Runbook: docs/operations.md#${runbook}`,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
      return created;
    };

    for (const [name, machine] of Object.entries(props.stateMachines)) {
      alarm(
        `${name}ExecutionsFailed`,
        machine.metricFailed({ period: Duration.minutes(5) }),
        1,
        'executions-failed',
      );
      alarm(
        `${name}ExecutionsTimedOut`,
        machine.metricTimedOut({ period: Duration.minutes(5) }),
        1,
        'executions-timed-out',
      );
      alarm(
        `${name}ExecutionThrottled`,
        machine.metricThrottled({ period: Duration.minutes(5) }),
        1,
        'execution-throttled',
      );
    }
    for (const [name, fn] of Object.entries(props.flowFunctions)) {
      // A few errors are retried by the flows; a steady stream is not passing.
      alarm(`${name}Errors`, fn.metricErrors({ period: Duration.minutes(5) }), 5, 'function-errors');
      alarm(
        `${name}Throttles`,
        fn.metricThrottles({ period: Duration.minutes(5) }),
        10,
        'function-throttles',
      );
    }
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      alarm(
        `${name}NotEmpty`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        1,
        'dead-letters',
      );
    }

    const apiMetric = (metricName: string) =>
      new Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: { ApiId: props.api.apiId },
        statistic: 'Sum',
        period: Duration.minutes(5),
      });
    alarm(
      'Api5xxRate',
      new MathExpression({
        // Percent of answers that were 5xx, once there is enough traffic to speak of a rate.
        expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
        usingMetrics: { errors: apiMetric('5xx'), requests: apiMetric('Count') },
        label: 'HTTP API 5xx %',
        period: Duration.minutes(5),
      }),
      2,
      'api-5xx',
      2,
    );

    const ses = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });
    alarm('SesBounceRate', ses('Reputation.BounceRate'), 0.04, 'ses-reputation');
    alarm('SesComplaintRate', ses('Reputation.ComplaintRate'), 0.0008, 'ses-reputation');

    // KMS answers ThrottlingException above its per-second request quotas; alarm at 80 % of the
    // quota, from AWS/Usage, the way the Service Quotas console compares usage with quota.
    for (const operation of ['Sign', 'Decrypt', 'GenerateMac']) {
      alarm(
        `Kms${operation}NearQuota`,
        new MathExpression({
          expression: '100 * (calls / PERIOD(calls)) / SERVICE_QUOTA(calls)',
          usingMetrics: {
            calls: new Metric({
              namespace: 'AWS/Usage',
              metricName: 'CallCount',
              dimensionsMap: { Service: 'KMS', Type: 'API', Resource: operation, Class: 'None' },
              statistic: 'Sum',
              period: Duration.minutes(1),
            }),
          },
          label: `KMS ${operation} % of quota`,
          period: Duration.minutes(1),
        }),
        80,
        'kms-quota',
        3,
      );
    }

    alarm(
      'WebhookFailureRate',
      new MathExpression({
        expression: 'IF(attempts >= 10, 100 * failures / attempts, 0)',
        usingMetrics: {
          attempts: this.metric('WebhookAttempts', 'Sum', Duration.hours(1)),
          failures: this.metric('WebhookFailures', 'Sum', Duration.hours(1)),
        },
        label: 'Webhook failures %',
        period: Duration.hours(1),
      }),
      25,
      'webhook-failures',
    );

    this.dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.hours(3) });
    const byChannel = (name: MetricName) =>
      channels.map((channel) =>
        this.metric(name, 'Sum', Duration.minutes(1), channel).with({ label: `${name} ${channel}` }),
      );
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: '# docshare\nAlarms and their runbooks: docs/operations.md in the repository.',
        width: 24,
        height: 2,
      }),
      new GraphWidget({
        title: 'Shares per minute by outcome',
        left: [
          ...byChannel('SharesStarted'),
          ...byChannel('SharesApproved'),
          ...byChannel('SharesDelivered'),
          ...byChannel('SharesFailed'),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'Approve → delivered (ms)',
        left: ['p50', 'p99'].map((statistic) =>
          this.metric('ApproveToDeliveredMs', statistic, Duration.minutes(5)).with({ label: statistic }),
        ),
        width: 12,
      }),
      new GraphWidget({
        title: 'Webhooks: attempts, failures, notices waiting',
        left: [
          this.metric('WebhookAttempts', 'Sum', Duration.minutes(5)),
          this.metric('WebhookFailures', 'Sum', Duration.minutes(5)),
        ],
        right: [
          props.notices.metric('ExecutionsStarted', {
            period: Duration.minutes(5),
            label: 'notices started',
          }),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'Copy render time (ms)',
        left: ['p50', 'p99'].map((statistic) =>
          this.metric('CopyRenderMs', statistic, Duration.minutes(5)).with({ label: statistic }),
        ),
        width: 12,
      }),
      new GraphWidget({
        title: 'Errors',
        left: [
          ...Object.entries(props.flowFunctions).map(([name, fn]) =>
            fn.metricErrors({ period: Duration.minutes(5), label: name }),
          ),
          apiMetric('5xx').with({ label: 'HTTP API 5xx' }),
        ],
        right: Object.entries(props.stateMachines).map(([name, machine]) =>
          machine.metricFailed({ period: Duration.minutes(5), label: `${name} failed` }),
        ),
        width: 12,
      }),
      new GraphWidget({
        title: 'Barcode guesses refused',
        left: [this.metric('BarcodeGuessesRefused', 'Sum', Duration.minutes(5))],
        width: 12,
      }),
    );
  }

  /** A docshare business metric, as powertools publishes it (service dimension, maybe channel). */
  private metric(name: MetricName, statistic: string, period: Duration, channel?: Channel): Metric {
    return new Metric({
      namespace: METRICS_NAMESPACE,
      metricName: name,
      dimensionsMap: { service: SERVICE_NAME, ...(channel ? { channel } : {}) },
      statistic,
      period,
    });
  }
}
