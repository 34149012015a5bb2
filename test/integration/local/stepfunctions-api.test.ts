import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMachine,
  FakeLambdas,
  finished,
  ROLE_ARN,
  type SfnHarness,
  startSfn,
} from './support/sfn-test-server';

const lambdas = new FakeLambdas().define('park', () => ({ parked: true }));
let harness: SfnHarness;

beforeAll(async () => {
  harness = await startSfn(lambdas.invoke);
});
afterAll(() => harness.close());

const passMachine = { StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } };
// Waits for a callback nobody sends, so the execution stays RUNNING.
const waitingMachine = {
  StartAt: 'Park',
  States: {
    Park: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'park', Payload: { 'token.$': '$$.Task.Token' } },
      End: true,
    },
  },
};
const errorName = (error: Error) => error.name;

describe('state machines', () => {
  it('are created idempotently, and a different definition under the same name conflicts', async () => {
    const request = { name: 'consent-flow', definition: JSON.stringify(passMachine), roleArn: ROLE_ARN };
    const first = await harness.sfn.send(new CreateStateMachineCommand(request));
    const again = await harness.sfn.send(new CreateStateMachineCommand(request));
    const conflict = await harness.sfn
      .send(new CreateStateMachineCommand({ ...request, definition: JSON.stringify(waitingMachine) }))
      .catch(errorName);

    expect(first.stateMachineArn).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:consent-flow');
    expect(again.stateMachineArn).toBe(first.stateMachineArn);
    expect(conflict).toBe('StateMachineAlreadyExists');
  });

  it('refuse invalid definitions and names', async () => {
    const create = (name: string, definition: string) =>
      harness.sfn
        .send(new CreateStateMachineCommand({ name, definition, roleArn: ROLE_ARN }))
        .catch(errorName);

    expect(await create('broken', '{not json')).toBe('InvalidDefinition');
    expect(await create('dangling', JSON.stringify({ StartAt: 'Nowhere', States: {} }))).toBe(
      'InvalidDefinition',
    );
    expect(await create('has space', JSON.stringify(passMachine))).toBe('InvalidName');
  });

  it('are described, listed, updated and deleted', async () => {
    const stateMachineArn = await createMachine(harness.sfn, passMachine);
    const updated = JSON.stringify({ ...passMachine, Comment: 'v2' });

    await harness.sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: updated }));
    const described = await harness.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
    const listed = await harness.sfn.send(new ListStateMachinesCommand({}));
    await harness.sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
    const gone = await harness.sfn
      .send(new DescribeStateMachineCommand({ stateMachineArn }))
      .catch(errorName);

    expect(described).toMatchObject({
      definition: updated,
      status: 'ACTIVE',
      type: 'STANDARD',
      roleArn: ROLE_ARN,
    });
    expect(described.creationDate).toBeInstanceOf(Date);
    expect(listed.stateMachines?.map((machine) => machine.stateMachineArn)).toContain(stateMachineArn);
    expect(gone).toBe('StateMachineDoesNotExist');
  });
});

describe('executions', () => {
  it('start idempotently under the same name and input, and conflict on a different input', async () => {
    const stateMachineArn = await createMachine(harness.sfn, waitingMachine);
    const start = (input: string) =>
      harness.sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'share-42', input }));

    const first = await start('{"shareId":42}');
    const again = await start('{"shareId":42}');
    const conflict = await start('{"shareId":43}').catch(errorName);

    expect(again.executionArn).toBe(first.executionArn);
    expect(conflict).toBe('ExecutionAlreadyExists');
    await harness.sfn.send(new StopExecutionCommand({ executionArn: first.executionArn }));
  });

  it('stop with ABORTED and the given error and cause, and are listed by status', async () => {
    const stateMachineArn = await createMachine(harness.sfn, waitingMachine);
    const running = await harness.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
    const stopped = await harness.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));

    await harness.sfn.send(
      new StopExecutionCommand({
        executionArn: stopped.executionArn,
        error: 'Revoked',
        cause: 'citizen revoked',
      }),
    );
    const described = await harness.sfn.send(
      new DescribeExecutionCommand({ executionArn: stopped.executionArn }),
    );
    const list = (statusFilter?: 'RUNNING' | 'ABORTED') =>
      harness.sfn
        .send(new ListExecutionsCommand({ stateMachineArn, statusFilter }))
        .then((answer) => answer.executions?.map((execution) => execution.executionArn));

    expect(described).toMatchObject({ status: 'ABORTED', error: 'Revoked', cause: 'citizen revoked' });
    expect(await list('RUNNING')).toEqual([running.executionArn]);
    expect(await list('ABORTED')).toEqual([stopped.executionArn]);
    expect(await list()).toHaveLength(2);
    await harness.sfn.send(new StopExecutionCommand({ executionArn: running.executionArn }));
  });

  it('refuse an input that is not JSON, and unknown state machines and executions', async () => {
    const stateMachineArn = await createMachine(harness.sfn, passMachine);
    const unknownMachine = 'arn:aws:states:us-east-1:000000000000:stateMachine:nope';

    expect(
      await harness.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{oops' })).catch(errorName),
    ).toBe('InvalidExecutionInput');
    expect(
      await harness.sfn.send(new StartExecutionCommand({ stateMachineArn: unknownMachine })).catch(errorName),
    ).toBe('StateMachineDoesNotExist');
    expect(
      await harness.sfn
        .send(
          new DescribeExecutionCommand({
            executionArn: 'arn:aws:states:us-east-1:000000000000:execution:x:y',
          }),
        )
        .catch(errorName),
    ).toBe('ExecutionDoesNotExist');
  });

  it('keep a history from ExecutionStarted to ExecutionSucceeded', async () => {
    const stateMachineArn = await createMachine(harness.sfn, passMachine);
    const { executionArn } = await harness.sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: '{"a":1}' }),
    );
    await finished(harness.sfn, executionArn!);

    const { events } = await harness.sfn.send(new GetExecutionHistoryCommand({ executionArn }));

    expect(events?.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events?.[0]?.executionStartedEventDetails?.input).toBe('{"a":1}');
    expect(events?.map((event) => event.id)).toEqual([1, 2, 3, 4]);
    expect(events?.[0]?.timestamp).toBeInstanceOf(Date);
  });

  it('run an EXPRESS machine synchronously with StartSyncExecution', async () => {
    const stateMachineArn = await createMachine(harness.sfn, passMachine, 'EXPRESS');

    // The SDK sends StartSyncExecution to a `sync-` host prefix, which a local endpoint must switch off.
    const client = harness.client({ disableHostPrefix: true });
    const answer = await client.send(
      new StartSyncExecutionCommand({ stateMachineArn, input: '{"ok":true}' }),
    );
    client.destroy();

    expect(answer).toMatchObject({ status: 'SUCCEEDED', output: '{"ok":true}' });
  });
});
