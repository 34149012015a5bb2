import { ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  Choice,
  Condition,
  Errors,
  Fail,
  IntegrationPattern,
  JitterType,
  JsonPath,
  type StateMachine,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { THROTTLED_RETRY } from '../config/throttle-retry';
import { type WebhookRetry, webhookRetryProps } from '../config/webhook-retry';
import type { DataStore } from './data-store';
import { DocshareFunction, reservedConcurrency } from './docshare-function';
import type { SigningKeys } from './signing-keys';
import { standardStateMachine } from './standard-state-machine';

export interface ConsentFlowProps {
  data: DataStore;
  keys: SigningKeys;
  /** The task that issues an approved request's copies and packages them (from the Copies construct). */
  issueCopies: IFunction;
  /** QR requests' delivery: mails the copies to the organisation's branch (QrEmailDelivery construct). */
  sendCopiesByEmail: IFunction;
  /** Webhook retries: first interval, the cap of the exponential backoff, how many. */
  webhookRetry: WebhookRetry;
  /** Local runtime only: webhooks may go to the loopback host. */
  allowLoopbackCallbacks: boolean;
}

// Errors thrown inside tasks that are worth a few more tries: passing service faults. (Throttling is
// waited out longer, first: THROTTLED_RETRY.)
export const TRANSIENT = [
  'KMSInternalException',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  // Lambda's own hiccups: the invocation never ran.
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
];

// KMS failing on its side (not our key's state): worth waiting minutes for while it recovers.
export const KMS_OUTAGE = ['KMSInternalException', 'DependencyTimeoutException'];

// The consent flow (Standard workflow), one definition for AWS, LocalStack and the embedded runtime:
// wait for the citizen (task token, timeout = the request's expiry) → issue the copies and encrypt
// the package (one task) → deliver by webhook with retries for > 24 h, by e-mail, or leave it to pull
// → record. Declined and expired requests get their webhook without a package. A share passes five
// states on its way to a webhook: each one is a billed transition (docs/benchmarks.md). Execution
// input: { partnerId, requestId, timeoutSeconds }.
export class ConsentFlow extends Construct {
  readonly stateMachine: StateMachine;
  readonly tasks: DocshareFunction[] = [];

  constructor(scope: Construct, id: string, props: ConsentFlowProps) {
    super(scope, id);
    const { data } = props;
    const env = {
      TABLE_NAME: data.table.tableName,
      ...data.keyEnvironment,
      COPIES_BUCKET: data.bucket.bucketName,
    };
    const fn = (
      name: string,
      entry: string,
      grant: (f: DocshareFunction) => void,
      options: { reservedConcurrency?: number; memorySize?: number } = {},
    ) => {
      const f = new DocshareFunction(this, name, {
        entry,
        environment: env,
        timeout: Duration.seconds(30),
        ...options,
      });
      data.grantTable(f, 'readWrite');
      grant(f);
      this.tasks.push(f);
      return f;
    };
    const awaitDecision = fn('AwaitDecision', 'consent/await-decision', (f) => {
      // Naming the state machine here would be a dependency cycle (it invokes this function), so
      // the grant is on the account's state machines; SFN accepts only tokens it issued.
      const anyMachine = Stack.of(this).formatArn({
        service: 'states',
        resource: 'stateMachine',
        resourceName: '*',
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
      f.addToRolePolicy(
        new PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: [anyMachine] }),
      );
      Validations.of(this).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:stateMachine:*]',
        reason: 'SendTaskSuccess for the consent flow; naming the machine would be a dependency cycle.',
      });
    });
    const deliverWebhook = fn(
      'DeliverWebhook',
      'consent/deliver-webhook',
      (f) => {
        data.grantObjects(f, 'packages/', 'read');
        data.grantPartnerSecrets(f, 'open'); // signs each webhook with the partner's secret
        f.addEnvironment('ALLOW_LOOPBACK_CALLBACKS', String(props.allowLoopbackCallbacks));
      },
      {
        // Shared by every partner: at 10, twenty approvals at once were throttled here, and a few
        // dead receivers (10 s per attempt) would hold every slot; 50 still caps a burst's calls to
        // partners' servers (docs/benchmarks.md, "Fifth pass").
        reservedConcurrency: reservedConcurrency(this, 'webhookReservedConcurrency', 50),
        // It waits for the receiver (up to 10 s, on each of 12 attempts) and holds one package of a
        // few hundred KB: Lambda's smallest size, since memory is what that wait costs.
        memorySize: 128,
      },
    );
    const recordOutcome = fn('RecordOutcome', 'consent/record-outcome', () => undefined);

    const ref = { partnerId: JsonPath.stringAt('$.partnerId'), requestId: JsonPath.stringAt('$.requestId') };
    const invoke = (
      name: string,
      lambda: IFunction,
      payload: Record<string, unknown>,
      resultPath: string | null,
    ) =>
      new LambdaInvoke(this, name, {
        lambdaFunction: lambda,
        payload: TaskInput.fromObject({ ...ref, ...payload }),
        payloadResponseOnly: true,
        resultPath: resultPath === null ? JsonPath.DISCARD : resultPath,
        taskTimeout: Timeout.duration(Duration.seconds(60)),
      })
        .addRetry(THROTTLED_RETRY)
        .addRetry({
          errors: TRANSIENT,
          interval: Duration.seconds(1),
          backoffRate: 2,
          maxAttempts: 4,
          jitterStrategy: JitterType.FULL,
        });
    // Failure outcomes are reached through a Catch that put the error at $.error; success has none
    // (a path to a missing field is a runtime error in Step Functions).
    const record = (name: string, outcome: string) =>
      invoke(
        name,
        recordOutcome,
        outcome === 'delivered' ? { outcome } : { outcome, error: JsonPath.objectAt('$.error') },
        '$.recorded',
      );
    const notify = (name: string, event: string) =>
      invoke(name, deliverWebhook, { event }, null).addRetry(webhookRetryProps(props.webhookRetry));
    const done = new Succeed(this, 'Done');

    const waitForDecision = new LambdaInvoke(this, 'WaitForDecision', {
      lambdaFunction: awaitDecision,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({ ...ref, taskToken: JsonPath.taskToken }),
      taskTimeout: Timeout.at('$.timeoutSeconds'),
      resultPath: '$.decision',
    })
      .addRetry(THROTTLED_RETRY)
      .addRetry({ errors: TRANSIENT, interval: Duration.seconds(1), backoffRate: 2, maxAttempts: 3 });

    // The last resort: the outcome could not even be recorded. The execution fails, which alarms
    // (Monitoring: ConsentExecutionsFailed), and the runbook redrives it.
    const recordingFailed = new Fail(this, 'RecordingFailed', {
      error: 'RecordingFailed',
      cause: 'The request outcome could not be recorded; see docs/operations.md#executions-failed',
    });
    // Any failure the partner would otherwise never hear of: the request is recorded as failed (once)
    // and the partner told with request.failed and a reason code.
    const failed = record('RecordFailed', 'failed')
      .addCatch(recordingFailed, { errors: [Errors.ALL], resultPath: '$.recordError' })
      .next(
        new Choice(this, 'FailedNow?')
          .when(
            Condition.booleanEquals('$.recorded.changed', true),
            notify('NotifyFailed', 'request.failed')
              .addCatch(done, { errors: [Errors.ALL], resultPath: '$.error' })
              .next(done),
          )
          .otherwise(done),
      );
    const expired = record('RecordExpired', 'expired')
      .addCatch(failed, { errors: [Errors.ALL], resultPath: '$.error' })
      .next(
        new Choice(this, 'ExpiredNow?')
          .when(
            Condition.booleanEquals('$.recorded.changed', true),
            notify('NotifyExpired', 'request.expired')
              .addCatch(done, { errors: [Errors.ALL], resultPath: '$.error' })
              .next(done),
          )
          .otherwise(done),
      );
    waitForDecision.addCatch(expired, { errors: [Errors.TIMEOUT], resultPath: '$.error' });

    waitForDecision.addCatch(failed, { errors: [Errors.ALL], resultPath: '$.error' });
    // Copies wait out KMS being unavailable (signing fails for a while), about 3½ minutes at most,
    // rather than the share failing; the approved request is delivered after it. A retry reissues
    // nothing: copy ids derive from the request and the document.
    const issueCopies = new LambdaInvoke(this, 'IssueCopies', {
      lambdaFunction: props.issueCopies,
      payload: TaskInput.fromObject(ref),
      payloadResponseOnly: true,
      resultPath: '$.issued',
      taskTimeout: Timeout.duration(Duration.seconds(60)),
    })
      .addRetry(THROTTLED_RETRY)
      .addRetry({
        errors: KMS_OUTAGE,
        interval: Duration.seconds(5),
        backoffRate: 1.5,
        maxDelay: Duration.seconds(30),
        maxAttempts: 10,
        jitterStrategy: JitterType.FULL,
      })
      .addRetry({
        errors: TRANSIENT.filter((error) => !KMS_OUTAGE.includes(error)),
        interval: Duration.seconds(1),
        backoffRate: 2,
        maxAttempts: 4,
        jitterStrategy: JitterType.FULL,
      })
      .addCatch(failed, { errors: [Errors.ALL], resultPath: '$.error' });

    const delivered = record('RecordDelivered', 'delivered').addCatch(recordingFailed, {
      errors: [Errors.ALL],
      resultPath: '$.recordError',
    });
    const deliveryFailed = record('RecordDeliveryFailed', 'delivery_failed').addCatch(recordingFailed, {
      errors: [Errors.ALL],
      resultPath: '$.recordError',
    });
    // A delivered package records the request delivered itself; only if that write fails does the
    // flow record it in a state of its own.
    const deliver = notify('DeliverPackage', 'request.delivered')
      .addCatch(delivered, { errors: ['OutcomeNotRecorded'], resultPath: '$.error' })
      .addCatch(deliveryFailed, { errors: [Errors.ALL], resultPath: '$.error' });

    // QR requests have no partner key to encrypt to nor webhook: one SES e-mail to the branch instead,
    // retried while SES throttles (its SDK errors keep their names in the task's error).
    const emailCopies = invoke(
      'SendCopiesByEmail',
      props.sendCopiesByEmail,
      { copies: JsonPath.listAt('$.issued.copies'), missing: JsonPath.listAt('$.issued.missing') },
      '$.emailed',
    )
      .addRetry({
        errors: ['TooManyRequestsException', 'SendingPausedException', 'InternalFailure'],
        interval: Duration.seconds(2),
        backoffRate: 2,
        maxDelay: Duration.seconds(60),
        maxAttempts: 8,
        jitterStrategy: JitterType.FULL,
      })
      .addCatch(failed, { errors: [Errors.ALL], resultPath: '$.error' })
      .next(delivered);

    // Declared after the states it routes to; the copies leave by the way IssueCopies decided.
    const approved = issueCopies.next(
      new Choice(this, 'DeliverBy?')
        .when(Condition.stringEquals('$.issued.delivery', 'email'), emailCopies)
        .when(Condition.stringEquals('$.issued.delivery', 'webhook'), deliver)
        .otherwise(delivered),
    );
    const declined = notify('NotifyDeclined', 'request.declined')
      .addCatch(done, { errors: [Errors.ALL], resultPath: '$.error' })
      .next(done);

    const definition = waitForDecision.next(
      new Choice(this, 'Decision')
        .when(Condition.stringEquals('$.decision.decision', 'approved'), approved)
        .otherwise(declined),
    );

    this.stateMachine = standardStateMachine(this, definition, Duration.days(3), [
      ...this.tasks,
      props.issueCopies,
      props.sendCopiesByEmail,
    ]);
  }

  grantDecide(grantee: IGrantable): void {
    this.stateMachine.grantStartExecution(grantee);
    this.stateMachine.grantTaskResponse(grantee);
  }
}
