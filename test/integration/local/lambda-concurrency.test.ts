import { existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, type LambdaFixture, startLambdaFixture } from './support/lambda-fixture';

// Lambda's reserved concurrency on the embedded AWS: an invocation past a function's
// ReservedConcurrentExecutions is throttled as Lambda throttles it — 429 TooManyRequestsException through
// the Invoke API, Lambda.TooManyRequestsException in Step Functions, a queued retry for an event.

// Waits `ms`, then leaves a mark at `mark` (if given) and answers.
const WAIT = [
  "import { writeFileSync } from 'node:fs';",
  'export const handler = async (event) => {',
  '  await new Promise((resolve) => setTimeout(resolve, event.ms ?? 0));',
  "  if (event.mark) writeFileSync(event.mark, 'ran');",
  '  return { waited: event.ms ?? 0 };',
  '};',
].join('\n');
const fn = (reserved?: number) => ({
  Type: 'AWS::Lambda::Function',
  Properties: {
    Code: { S3Key: 'wait.zip' },
    Handler: 'index.handler',
    Timeout: 10,
    ...(reserved === undefined ? {} : { ReservedConcurrentExecutions: reserved }),
  },
});
const template = { Resources: { Reserved: fn(2), Unreserved: fn() } };

let functions: LambdaFixture;
let lambda: LambdaClient;
let sfn: SFNClient;
const payloadOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const invoke = (name: string, event: unknown, type: 'RequestResponse' | 'Event' = 'RequestResponse') =>
  lambda.send(new InvokeCommand({ FunctionName: name, InvocationType: type, Payload: payloadOf(event) }));
/** Keeps both of Reserved's executions busy for `ms`. */
const occupy = (ms: number) => Promise.all([1, 2].map(() => functions.host.invoke('Reserved', { ms })));

beforeAll(async () => {
  functions = await startLambdaFixture({ wait: WAIT }, template);
  lambda = new LambdaClient({ ...functions.edge.clientConfig, maxAttempts: 1 });
  sfn = new SFNClient({ ...functions.edge.clientConfig, maxAttempts: 1 });
  await occupy(0); // the worker loads before any timing below
});
afterAll(async () => {
  await functions?.stop();
});

describe('reserved concurrency', () => {
  it('throttles an invocation past it with 429 TooManyRequestsException, and takes the next once one ends', async () => {
    const busy = occupy(600);
    await sleep(50);
    expect(await errorOf(invoke('Reserved', {}))).toEqual({
      name: 'TooManyRequestsException',
      reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
      status: 429,
    });
    expect(functions.host.usage.get('Reserved')?.throttles).toBeGreaterThanOrEqual(1);
    await busy;
    const answer = await invoke('Reserved', {});
    expect(JSON.parse(new TextDecoder().decode(answer.Payload))).toEqual({ waited: 0 });
  });

  it('limits nothing for a function without it', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => invoke('Unreserved', { ms: 200 })));
    expect(answers.map((answer) => answer.FunctionError)).toEqual(Array(6).fill(undefined));
  });

  it('queues a throttled event and runs it once the function has room', async () => {
    const mark = path.join(functions.dir, 'event-ran');
    const busy = occupy(500);
    await sleep(50);
    expect((await invoke('Reserved', { mark }, 'Event')).StatusCode).toBe(202);
    await busy;
    expect(existsSync(mark)).toBe(false);
    for (let i = 0; i < 60 && !existsSync(mark); i++) await sleep(100);
    expect(existsSync(mark)).toBe(true);
  });
});

describe('reserved concurrency in Step Functions', () => {
  const machine = async (name: string, retry: unknown[]) =>
    (
      await sfn.send(
        new CreateStateMachineCommand({
          name,
          roleArn: 'arn:aws:iam::000000000000:role/concurrency',
          definition: JSON.stringify({
            StartAt: 'Call',
            States: {
              Call: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke',
                Parameters: { FunctionName: 'Reserved', Payload: {} },
                Retry: retry,
                End: true,
              },
            },
          }),
        }),
      )
    ).stateMachineArn!;
  const runWhileBusy = async (stateMachineArn: string) => {
    const busy = occupy(600);
    await sleep(50);
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
    await busy;
    for (;;) {
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (execution.status !== 'RUNNING') return execution;
      await sleep(50);
    }
  };

  it('fails a task that was throttled with Lambda.TooManyRequestsException', async () => {
    const execution = await runWhileBusy(await machine('no-retry', []));
    expect(execution).toMatchObject({ status: 'FAILED', error: 'Lambda.TooManyRequestsException' });
  });

  it('lets a Retry on Lambda.TooManyRequestsException run the task once the function has room', async () => {
    const arn = await machine('retry', [
      { ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 1, MaxAttempts: 3 },
    ]);
    const execution = await runWhileBusy(arn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!)).toMatchObject({ Payload: { waited: 0 } });
  });
});
