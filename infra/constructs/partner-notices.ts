import { Duration } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import {
  Errors,
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
import { TRANSIENT } from './consent-flow';
import type { DataStore } from './data-store';
import { DocshareFunction, reservedConcurrency } from './docshare-function';
import { standardStateMachine } from './standard-state-machine';

export interface PartnerNoticesProps {
  data: DataStore;
  /** The same backoff as package deliveries (see ConsentFlow). */
  webhookRetry: WebhookRetry;
  /** Local runtime only: webhooks may go to the loopback host. */
  allowLoopbackCallbacks: boolean;
}

// Notices to a partner outside a request's own flow (`consent.revoked`): one Standard execution per
// notice, so each is retried with backoff for more than 24 h without a Lambda waiting.
// Execution input: { partnerId, requestId, event }. A redelivery a partner asks for runs here too,
// so the task may read the package it sends again.
export class PartnerNotices extends Construct {
  readonly stateMachine: StateMachine;
  readonly task: DocshareFunction;

  constructor(scope: Construct, id: string, props: PartnerNoticesProps) {
    super(scope, id);
    const { data } = props;
    this.task = new DocshareFunction(this, 'DeliverNotice', {
      entry: 'consent/deliver-webhook',
      environment: {
        TABLE_NAME: data.table.tableName,
        ...data.keyEnvironment,
        COPIES_BUCKET: data.bucket.bucketName,
        ALLOW_LOOPBACK_CALLBACKS: String(props.allowLoopbackCallbacks),
      },
      timeout: Duration.seconds(30),
      memorySize: 128, // waits for the receiver, up to 10 s per attempt (consent-flow.ts)
      reservedConcurrency: reservedConcurrency(this, 'webhookReservedConcurrency', 50),
    });
    data.grantObjects(this.task, 'packages/', 'read');
    data.grantTable(this.task, 'readWrite');
    data.grantPartnerSecrets(this.task, 'open'); // signs each notice with the partner's secret

    const deliver = new LambdaInvoke(this, 'Deliver', {
      lambdaFunction: this.task,
      payload: TaskInput.fromObject({
        partnerId: JsonPath.stringAt('$.partnerId'),
        requestId: JsonPath.stringAt('$.requestId'),
        event: JsonPath.stringAt('$.event'),
      }),
      payloadResponseOnly: true,
      resultPath: JsonPath.DISCARD,
      taskTimeout: Timeout.duration(Duration.seconds(60)),
    })
      .addRetry(THROTTLED_RETRY)
      .addRetry({ errors: TRANSIENT, interval: Duration.seconds(1), backoffRate: 2, maxAttempts: 4 })
      .addRetry(webhookRetryProps(props.webhookRetry));
    const done = new Succeed(this, 'Done');
    // After the last retry the notice is given up; every attempt is in the request's audit trail.
    deliver.addCatch(done, { errors: [Errors.ALL], resultPath: '$.error' });

    this.stateMachine = standardStateMachine(this, deliver.next(done), Duration.days(3), [this.task]);
  }

  grantStart(grantee: IGrantable): void {
    this.stateMachine.grantStartExecution(grantee);
  }
}
