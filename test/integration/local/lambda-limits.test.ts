import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, type LambdaFixture, startLambdaFixture } from './support/lambda-fixture';

// Lambda's and Step Functions' payload quotas on the embedded AWS, crossed through the Lambda Invoke API with the real
// SDK: what AWS refuses is refused here with the same error.

// Answers `size` bytes of text, or the size of what it was sent.
const ECHO =
  'export const handler = async (event) => (event.size ? "x".repeat(event.size) : { received: JSON.stringify(event).length });\n';
const template = {
  Resources: {
    Echo: {
      Type: 'AWS::Lambda::Function',
      Properties: { Code: { S3Key: 'echo.zip' }, Handler: 'index.handler', Timeout: 10 },
    },
  },
};

let functions: LambdaFixture;
let lambda: LambdaClient;
const invoke = (payload: unknown, type: 'RequestResponse' | 'Event' = 'RequestResponse') =>
  lambda.send(
    new InvokeCommand({
      FunctionName: 'Echo',
      InvocationType: type,
      Payload: new TextEncoder().encode(JSON.stringify(payload)),
    }),
  );

beforeAll(async () => {
  functions = await startLambdaFixture({ echo: ECHO }, template);
  lambda = new LambdaClient({ ...functions.edge.clientConfig, maxAttempts: 1 });
});
afterAll(async () => {
  await functions?.stop();
});

describe('Lambda payload limits', () => {
  it('takes a synchronous request up to 6 MB and refuses a larger one with RequestEntityTooLargeException', async () => {
    const fits = await invoke({ text: 'a'.repeat(6 * 1024 * 1024 - 20) });
    expect(fits.FunctionError).toBeUndefined();
    expect(await errorOf(invoke({ text: 'a'.repeat(6 * 1024 * 1024) }))).toEqual({
      name: 'RequestEntityTooLargeException',
      status: 413,
    });
  });

  it('fails a response over 6 MB as Function.ResponseSizeTooLarge', async () => {
    const answer = await invoke({ size: 6 * 1024 * 1024 + 1 });
    expect(answer.FunctionError).toBe('Unhandled');
    expect(JSON.parse(new TextDecoder().decode(answer.Payload))).toMatchObject({
      errorType: 'Function.ResponseSizeTooLarge',
    });
    expect((await invoke({ size: 1000 })).FunctionError).toBeUndefined();
  });

  it('accepts an asynchronous event up to 256 KB and refuses a larger one', async () => {
    expect((await invoke({ text: 'a'.repeat(256 * 1024 - 20) }, 'Event')).StatusCode).toBe(202);
    expect(await errorOf(invoke({ text: 'a'.repeat(256 * 1024) }, 'Event'))).toEqual({
      name: 'RequestEntityTooLargeException',
      status: 413,
    });
  });
});

describe('Step Functions payload limits', () => {
  let sfn: SFNClient;
  let machineArn: string;
  beforeAll(async () => {
    sfn = new SFNClient({ ...functions.edge.clientConfig, maxAttempts: 1 });
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name: 'limits',
        roleArn: 'arn:aws:iam::000000000000:role/limits',
        definition: JSON.stringify({
          StartAt: 'Echo',
          States: {
            Echo: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Parameters: { FunctionName: 'Echo', 'Payload.$': '$' },
              OutputPath: '$.Payload',
              End: true,
            },
          },
        }),
      }),
    );
    machineArn = created.stateMachineArn!;
  });

  const finished = async (input: unknown) => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: machineArn, input: JSON.stringify(input) }),
    );
    for (;;) {
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (execution.status !== 'RUNNING') return execution;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('fails a state whose result passes 256 KB with States.DataLimitExceeded', async () => {
    expect((await finished({ size: 200 * 1024 })).status).toBe('SUCCEEDED');
    const over = await finished({ size: 256 * 1024 + 1 });
    expect(over).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('fails an execution whose history would pass 25,000 events', async () => {
    const loop = await sfn.send(
      new CreateStateMachineCommand({
        name: 'endless',
        roleArn: 'arn:aws:iam::000000000000:role/limits',
        definition: JSON.stringify({
          StartAt: 'Again',
          States: {
            Again: { Type: 'Pass', Next: 'Forever?' },
            'Forever?': {
              Type: 'Choice',
              Choices: [{ Variable: '$.n', NumericEquals: 0, Next: 'Again' }],
              Default: 'Stop',
            },
            Stop: { Type: 'Succeed' },
          },
        }),
      }),
    );
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: loop.stateMachineArn, input: '{"n":0}' }),
    );
    let execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    for (let i = 0; execution.status === 'RUNNING' && i < 600; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    }
    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(execution.cause).toMatch(/25000/);
  }, 90_000);

  it('refuses to start an execution with more than 256 KB of input', async () => {
    const error = await errorOf(
      sfn.send(
        new StartExecutionCommand({
          stateMachineArn: machineArn,
          input: JSON.stringify({ text: 'a'.repeat(256 * 1024) }),
        }),
      ),
    );
    expect(error).toEqual({ name: 'ValidationException', status: 400 });
  });
});
