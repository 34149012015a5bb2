import { Duration } from 'aws-cdk-lib';
import {
  Choice,
  Condition,
  Errors,
  Fail,
  JsonPath,
  type StateMachine,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { eraseMe } from '../../functions/erasure/routes';
import { THROTTLED_RETRY } from '../config/throttle-retry';
import type { SharedResources } from '../stacks/docshare-stack';
import { type ConsentFlow, TRANSIENT } from './consent-flow';
import { DocshareFunction } from './docshare-function';
import type { PartnerNotices } from './partner-notices';
import { standardStateMachine } from './standard-state-machine';

export interface ErasureProps {
  consent: ConsentFlow;
  notices: PartnerNotices;
}

// DELETE /v1/me starts a Standard state machine that loops one bounded, idempotent step at a time
// (revoke → copies → requests → wallet → done) until the citizen is erased: resumable, retried on
// passing faults, never one long Lambda. See functions/core/erasure/erase-citizen.ts.
export class Erasure extends Construct {
  readonly stateMachine: StateMachine;
  readonly step: DocshareFunction;

  constructor(scope: Construct, id: string, shared: SharedResources, props: ErasureProps) {
    super(scope, id);
    const { data } = shared;
    const step = new DocshareFunction(this, 'EraseStep', {
      entry: 'erasure/erase-step',
      environment: {
        TABLE_NAME: data.table.tableName,
        ...data.keyEnvironment,
        COPIES_BUCKET: data.bucket.bucketName,
        CONSENT_STATE_MACHINE_ARN: props.consent.stateMachine.stateMachineArn,
        NOTICES_STATE_MACHINE_ARN: props.notices.stateMachine.stateMachineArn,
      },
      timeout: Duration.minutes(2),
    });
    data.grantTable(step, 'readWrite');
    data.grantDeleteObjects(step, 'copies/');
    data.grantDeleteObjects(step, 'packages/');
    props.consent.grantDecide(step);
    props.notices.grantStart(step);
    this.step = step;
    const recordFailure = new DocshareFunction(this, 'RecordErasureFailure', {
      entry: 'erasure/record-erasure-failure',
      environment: { TABLE_NAME: data.table.tableName },
    });
    data.grantTable(recordFailure, 'readWrite');

    const task = new LambdaInvoke(this, 'Step', {
      lambdaFunction: step,
      payloadResponseOnly: true,
      taskTimeout: Timeout.duration(Duration.minutes(3)),
    })
      .addRetry(THROTTLED_RETRY)
      .addRetry({ errors: TRANSIENT, interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 6 });
    // Any other failure also retries, more slowly: erasure must finish, and every step is idempotent.
    task.addRetry({ interval: Duration.seconds(30), backoffRate: 2, maxAttempts: 8 });
    // After every retry: the failure is recorded for the operator and the execution fails, which
    // alarms (Monitoring: ErasureExecutionsFailed). The recorded phase says where to resume.
    const erasureFailed = new Fail(this, 'ErasureFailed', {
      error: 'ErasureFailed',
      cause: 'An erasure step kept failing; see docs/operations.md#erasure-failed',
    });
    const failed = new LambdaInvoke(this, 'RecordFailure', {
      lambdaFunction: recordFailure,
      payload: TaskInput.fromObject({
        erasureId: JsonPath.stringAt('$.erasureId'),
        requestedAt: JsonPath.stringAt('$.requestedAt'),
        phase: JsonPath.stringAt('$.phase'),
        error: JsonPath.stringAt('$.failure.Error'),
      }),
      payloadResponseOnly: true,
      resultPath: JsonPath.DISCARD,
      taskTimeout: Timeout.duration(Duration.seconds(30)),
    })
      .addRetry(THROTTLED_RETRY)
      .addRetry({ errors: TRANSIENT, interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 6 })
      .addCatch(erasureFailed, { errors: [Errors.ALL], resultPath: '$.recordError' })
      .next(erasureFailed);
    task.addCatch(failed, { errors: [Errors.ALL], resultPath: '$.failure' });
    const loop = new Choice(this, 'Done?')
      .when(Condition.stringEquals('$.phase', 'done'), new Succeed(this, 'Erased'))
      .otherwise(task);
    this.stateMachine = standardStateMachine(this, task.next(loop), Duration.days(1), [step, recordFailure]);

    // Its own scope, hence its own role: a role shared with the step would make the state machine
    // depend on itself (the step's role would name the machine).
    const start = new DocshareFunction(new Construct(this, 'Api'), eraseMe.operationId, {
      entry: 'erasure/erase-me',
      environment: {
        TABLE_NAME: data.table.tableName,
        ERASURE_STATE_MACHINE_ARN: this.stateMachine.stateMachineArn,
        ...shared.citizenAuth,
      },
    });
    data.grantTable(start, 'readWrite');
    this.stateMachine.grantStartExecution(start);
    shared.api.addRoute(eraseMe, start);
  }
}
