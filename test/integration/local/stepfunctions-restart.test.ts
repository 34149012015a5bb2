import { DescribeExecutionCommand, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createMachine,
  eventually,
  FakeLambdas,
  finished,
  type SfnHarness,
  startSfn,
} from './support/sfn-test-server';

// A consent flow: look the request up (a plain Lambda), wait, ask the citizen (callback), then deliver.
function consentFlow(waitSeconds: number) {
  return {
    StartAt: 'LoadRequest',
    States: {
      LoadRequest: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'load-request', 'Payload.$': '$' },
        ResultSelector: { 'partner.$': '$.Payload.partner' },
        ResultPath: '$.request',
        Next: 'Settle',
      },
      Settle: { Type: 'Wait', Seconds: waitSeconds, Next: 'AwaitConsent' },
      AwaitConsent: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: 'request-consent', Payload: { 'taskToken.$': '$$.Task.Token' } },
        ResultPath: '$.consent',
        Next: 'Deliver',
      },
      Deliver: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'deliver', 'Payload.$': '$' },
        ResultSelector: { 'delivered.$': '$.Payload' },
        ResultPath: '$.delivery',
        End: true,
      },
    },
  };
}

function fakeLambdas() {
  return new FakeLambdas()
    .define('load-request', () => ({ partner: 'bank' }))
    .define('request-consent', () => ({ asked: true }))
    .define('deliver', () => true);
}

let harness: SfnHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function startAndAwaitToken(lambdas: FakeLambdas, waitSeconds: number) {
  harness = await startSfn(lambdas.invoke);
  const stateMachineArn = await createMachine(harness.sfn, consentFlow(waitSeconds));
  const { executionArn } = await harness.sfn.send(
    new StartExecutionCommand({
      stateMachineArn,
      name: 'consent-1',
      input: JSON.stringify({ documentId: 'd-1' }),
    }),
  );
  const [consentCall] = await eventually(
    () => lambdas.callsOf('request-consent') as { taskToken: string }[],
    (calls) => calls.length === 1,
  );
  return { executionArn: executionArn!, taskToken: consentCall!.taskToken };
}

describe('a restart of the local Step Functions', () => {
  it('keeps a waiting execution: the same token completes it, without invoking finished tasks again', async () => {
    const before = fakeLambdas();
    const { executionArn, taskToken } = await startAndAwaitToken(before, 0);

    const after = fakeLambdas();
    await harness!.restart(after.invoke);
    const resumed = await harness!.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(resumed.status).toBe('RUNNING');
    await harness!.sfn.send(
      new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ approved: true }) }),
    );
    const done = await finished(harness!.sfn, executionArn);

    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({
      documentId: 'd-1',
      request: { partner: 'bank' },
      consent: { approved: true },
      delivery: { delivered: true },
    });
    expect(after.callsOf('load-request')).toHaveLength(0);
    expect(after.callsOf('request-consent')).toHaveLength(0);
    expect(after.callsOf('deliver')).toHaveLength(1);
  });

  it('does not wait again for the part of a Wait that passed before the restart', async () => {
    const lambdas = fakeLambdas();
    const { executionArn, taskToken } = await startAndAwaitToken(lambdas, 2);

    await harness!.restart();
    const restartedAt = Date.now();
    await harness!.sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }));
    const done = await finished(harness!.sfn, executionArn);

    expect(done.status).toBe('SUCCEEDED');
    expect(done.stopDate!.getTime() - restartedAt).toBeLessThan(1500);
  });

  it('resumes callbacks inside a Map, each keeping its own token', async () => {
    const before = new FakeLambdas().define('ask-holder', () => null);
    harness = await startSfn(before.invoke);
    const stateMachineArn = await createMachine(harness.sfn, {
      StartAt: 'AskEach',
      States: {
        AskEach: {
          Type: 'Map',
          ItemProcessor: {
            StartAt: 'Ask',
            States: {
              Ask: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
                Parameters: {
                  FunctionName: 'ask-holder',
                  Payload: { 'holder.$': '$', 'taskToken.$': '$$.Task.Token' },
                },
                End: true,
              },
            },
          },
          End: true,
        },
      },
    });
    const { executionArn } = await harness.sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(['ann', 'bob', 'cid']) }),
    );
    const asked = await eventually(
      () => before.callsOf('ask-holder') as { holder: string; taskToken: string }[],
      (calls) => calls.length === 3,
    );

    const after = new FakeLambdas();
    await harness.restart(after.invoke);
    for (const { holder, taskToken } of [...asked].reverse()) {
      await harness.sfn.send(
        new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(`${holder} agreed`) }),
      );
    }
    const done = await finished(harness.sfn, executionArn!);

    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual(['ann agreed', 'bob agreed', 'cid agreed']);
    expect(after.calls).toHaveLength(0);
  });

  it('still describes finished executions and still refuses a duplicate name', async () => {
    const lambdas = fakeLambdas();
    const { executionArn, taskToken } = await startAndAwaitToken(lambdas, 0);
    await harness!.sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }));
    const done = await finished(harness!.sfn, executionArn);

    await harness!.restart();
    const described = await harness!.sfn.send(new DescribeExecutionCommand({ executionArn }));
    const duplicate = await harness!.sfn
      .send(
        new StartExecutionCommand({ stateMachineArn: done.stateMachineArn, name: 'consent-1', input: '{}' }),
      )
      .catch((error: Error) => error.name);

    expect(described).toMatchObject({ status: 'SUCCEEDED', output: done.output });
    expect(duplicate).toBe('ExecutionAlreadyExists');
  });
});
