import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMachine,
  eventually,
  FakeLambdas,
  finished,
  type SfnHarness,
  startSfn,
} from './support/sfn-test-server';

const lambdas = new FakeLambdas().define('request-consent', () => ({ sent: true }));
let harness: SfnHarness;

beforeAll(async () => {
  harness = await startSfn(lambdas.invoke);
});
afterAll(() => harness.close());

function consentMachine(
  limits: { TimeoutSeconds?: number; HeartbeatSeconds?: number } = {},
  extra: object = {},
) {
  return {
    StartAt: 'AwaitConsent',
    States: {
      AwaitConsent: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: {
          FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:request-consent',
          Payload: { 'requestId.$': '$.requestId', 'taskToken.$': '$$.Task.Token' },
        },
        ResultPath: '$.consent',
        ...limits,
        ...extra,
        End: true,
      },
    },
  };
}

/** Starts an execution and returns it with the token its callback Lambda received. */
async function startAwaitingConsent(stateMachineArn: string, requestId: string) {
  const { executionArn } = await harness.sfn.send(
    new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ requestId }) }),
  );
  const payloads = await eventually(
    () => lambdas.callsOf('request-consent') as { requestId: string; taskToken: string }[],
    (calls) => calls.some((call) => call.requestId === requestId),
  );
  const { taskToken } = payloads.find((call) => call.requestId === requestId)!;
  return { executionArn: executionArn!, taskToken };
}

describe('waitForTaskToken tasks', () => {
  it('wait for SendTaskSuccess, then succeed with the sent output', async () => {
    const machine = await createMachine(harness.sfn, consentMachine());
    const { executionArn, taskToken } = await startAwaitingConsent(machine, 'req-success');

    expect(taskToken).toMatch(/^AQ[A-Za-z0-9_-]{100,}$/);
    const waiting = await harness.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(waiting.status).toBe('RUNNING');

    await harness.sfn.send(
      new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ approved: true }) }),
    );
    const done = await finished(harness.sfn, executionArn);

    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ requestId: 'req-success', consent: { approved: true } });
    expect(done.stopDate!.getTime()).toBeGreaterThanOrEqual(done.startDate!.getTime());
  });

  it('gives each task its own token', async () => {
    const machine = await createMachine(harness.sfn, consentMachine());
    const first = await startAwaitingConsent(machine, 'req-token-1');
    const second = await startAwaitingConsent(machine, 'req-token-2');

    expect(first.taskToken).not.toBe(second.taskToken);
  });

  it('fail the execution on SendTaskFailure, with its error and cause', async () => {
    const machine = await createMachine(harness.sfn, consentMachine());
    const { executionArn, taskToken } = await startAwaitingConsent(machine, 'req-refused');

    await harness.sfn.send(
      new SendTaskFailureCommand({ taskToken, error: 'ConsentRefused', cause: 'citizen said no' }),
    );
    const done = await finished(harness.sfn, executionArn);

    expect(done).toMatchObject({ status: 'FAILED', error: 'ConsentRefused', cause: 'citizen said no' });
    const history = await harness.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(history.events?.map((event) => event.type)).toEqual(
      expect.arrayContaining(['ExecutionStarted', 'TaskStateEntered', 'TaskFailed', 'ExecutionFailed']),
    );
  });

  it('time out after TimeoutSeconds with States.Timeout, which States.TaskFailed does not catch', async () => {
    const catchTaskFailed = { Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Caught' }] };
    const definition = consentMachine({ TimeoutSeconds: 1 }, catchTaskFailed);
    const machine = await createMachine(harness.sfn, {
      ...definition,
      States: { ...definition.States, Caught: { Type: 'Succeed' } },
    });
    const { executionArn } = await startAwaitingConsent(machine, 'req-timeout');

    const done = await finished(harness.sfn, executionArn);

    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('States.Timeout');
    expect(done.stopDate!.getTime() - done.startDate!.getTime()).toBeGreaterThanOrEqual(900);
  });

  it('time out after the TimeoutSecondsPath read from the state input', async () => {
    const definition = consentMachine({}, { TimeoutSecondsPath: '$.limits.seconds' });
    const stateMachineArn = await createMachine(harness.sfn, definition);
    const { executionArn } = await harness.sfn.send(
      new StartExecutionCommand({
        stateMachineArn,
        input: JSON.stringify({ requestId: 'r', limits: { seconds: 1 } }),
      }),
    );

    const done = await finished(harness.sfn, executionArn!);

    expect(done).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });

  it('time the whole execution out after its TimeoutSeconds', async () => {
    const stateMachineArn = await createMachine(harness.sfn, { ...consentMachine(), TimeoutSeconds: 1 });
    const { executionArn } = await startAwaitingConsent(stateMachineArn, 'req-execution-timeout');

    const done = await finished(harness.sfn, executionArn);

    expect(done).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
  });

  it('time out with States.HeartbeatTimeout when heartbeats stop', async () => {
    const machine = await createMachine(
      harness.sfn,
      consentMachine({ TimeoutSeconds: 30, HeartbeatSeconds: 1 }),
    );
    const { executionArn, taskToken } = await startAwaitingConsent(machine, 'req-heartbeat');
    await harness.sfn.send(new SendTaskHeartbeatCommand({ taskToken }));

    const done = await finished(harness.sfn, executionArn);

    expect(done).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
  });

  it('refuses tokens it never issued, and tokens of closed tasks', async () => {
    const send = (taskToken: string) =>
      harness.sfn
        .send(new SendTaskSuccessCommand({ taskToken, output: '{}' }))
        .catch((error: Error) => error.name);

    expect(await send(`AQ${'x'.repeat(128)}`)).toBe('TaskDoesNotExist');
    expect(await send('not-a-token')).toBe('InvalidToken');

    const machine = await createMachine(harness.sfn, consentMachine());
    const { executionArn, taskToken } = await startAwaitingConsent(machine, 'req-closed');
    await harness.sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }));
    await finished(harness.sfn, executionArn);
    expect(await send(taskToken)).toBe('TaskTimedOut');
  });

  it('refuses an output that is not JSON', async () => {
    const machine = await createMachine(harness.sfn, consentMachine());
    const { taskToken } = await startAwaitingConsent(machine, 'req-bad-output');

    const error = await harness.sfn
      .send(new SendTaskSuccessCommand({ taskToken, output: '{nope' }))
      .catch((e: Error) => e.name);

    expect(error).toBe('InvalidOutput');
  });
});
