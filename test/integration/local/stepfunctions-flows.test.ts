import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMachine,
  FakeLambdas,
  finished,
  lambdaError,
  type SfnHarness,
  startSfn,
} from './support/sfn-test-server';

let flakyCalls = 0;
const lambdas = new FakeLambdas()
  .define('always-failing', () => {
    throw lambdaError('DeliveryRejected', 'partner endpoint answered 503');
  })
  .define('flaky', () => {
    flakyCalls += 1;
    if (flakyCalls === 1) throw lambdaError('Lambda.ServiceException', 'try again');
    return { delivered: true };
  })
  .define('render-copy', (payload) => {
    const { documentId } = payload as { documentId: string };
    return { documentId, pages: documentId.length };
  })
  .define('double', (payload) => (payload as { value: number }).value * 2);
let harness: SfnHarness;

beforeAll(async () => {
  harness = await startSfn(lambdas.invoke);
});
afterAll(() => harness.close());

async function run(definition: object, input: object) {
  const stateMachineArn = await createMachine(harness.sfn, definition);
  const { executionArn } = await harness.sfn.send(
    new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }),
  );
  return finished(harness.sfn, executionArn!);
}

const invoke = (functionName: string, extra: object = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: functionName, 'Payload.$': '$' },
  ...extra,
});

describe('Lambda tasks', () => {
  it('return the AWS invoke result shape from lambda:invoke', async () => {
    const done = await run(
      { StartAt: 'Render', States: { Render: invoke('render-copy', { End: true }) } },
      {
        documentId: 'doc-1',
      },
    );

    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toMatchObject({
      ExecutedVersion: '$LATEST',
      StatusCode: 200,
      Payload: { documentId: 'doc-1', pages: 5 },
    });
  });

  it('pass the whole state input to a function ARN used as Resource and return its payload', async () => {
    const done = await run(
      {
        StartAt: 'Double',
        States: {
          Double: {
            Type: 'Task',
            Resource: 'arn:aws:lambda:us-east-1:000000000000:function:double',
            End: true,
          },
        },
      },
      { value: 21 },
    );

    expect(JSON.parse(done.output!)).toBe(42);
  });

  it('retry a Lambda error after the interval, then catch it by its error type', async () => {
    const before = lambdas.callsOf('always-failing').length;
    const done = await run(
      {
        StartAt: 'Deliver',
        States: {
          Deliver: invoke('always-failing', {
            Retry: [
              { ErrorEquals: ['DeliveryRejected'], IntervalSeconds: 1, MaxAttempts: 1, BackoffRate: 1 },
            ],
            Catch: [{ ErrorEquals: ['DeliveryRejected'], ResultPath: '$.failure', Next: 'Undeliverable' }],
            End: true,
          }),
          Undeliverable: { Type: 'Pass', End: true },
        },
      },
      { copy: 'c-1' },
    );

    const attempts = lambdas.calls.filter((call) => call.functionName === 'always-failing').slice(before);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(900);
    expect(done.status).toBe('SUCCEEDED');
    const output = JSON.parse(done.output!);
    expect(output.copy).toBe('c-1');
    expect(output.failure.Error).toBe('DeliveryRejected');
    expect(JSON.parse(output.failure.Cause)).toEqual({
      errorType: 'DeliveryRejected',
      errorMessage: 'partner endpoint answered 503',
    });
  });

  it('retry Lambda.ServiceException until the function succeeds', async () => {
    flakyCalls = 0;
    const done = await run(
      {
        StartAt: 'Deliver',
        States: {
          Deliver: invoke('flaky', {
            Retry: [
              {
                ErrorEquals: ['Lambda.ServiceException'],
                IntervalSeconds: 1,
                MaxAttempts: 3,
                BackoffRate: 1,
              },
            ],
            ResultSelector: { 'delivered.$': '$.Payload.delivered' },
            End: true,
          }),
        },
      },
      {},
    );

    expect(flakyCalls).toBe(2);
    expect(JSON.parse(done.output!)).toEqual({ delivered: true });
  });

  it('fail the execution with the error type when nothing catches it', async () => {
    const done = await run(
      { StartAt: 'Deliver', States: { Deliver: invoke('always-failing', { End: true }) } },
      {},
    );

    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('DeliveryRejected');
    expect(done.cause).toContain('partner endpoint answered 503');
  });
});

describe('flow states', () => {
  it('map a Lambda over items, keeping their order', async () => {
    const done = await run(
      {
        StartAt: 'RenderAll',
        States: {
          RenderAll: {
            Type: 'Map',
            ItemsPath: '$.documents',
            MaxConcurrency: 2,
            ItemSelector: { 'documentId.$': '$$.Map.Item.Value', 'requestId.$': '$.requestId' },
            ItemProcessor: {
              ProcessorConfig: { Mode: 'INLINE' },
              StartAt: 'Render',
              States: {
                Render: invoke('render-copy', {
                  ResultSelector: { 'pages.$': '$.Payload.pages' },
                  End: true,
                }),
              },
            },
            ResultPath: '$.rendered',
            End: true,
          },
        },
      },
      { requestId: 'r-1', documents: ['a', 'bbb', 'cc'] },
    );

    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).rendered).toEqual([{ pages: 1 }, { pages: 3 }, { pages: 2 }]);
  });

  it('run Parallel branches and choose by Choice rules', async () => {
    const done = await run(
      {
        StartAt: 'Both',
        States: {
          Both: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'Left', States: { Left: { Type: 'Pass', Result: 'left', End: true } } },
              {
                StartAt: 'Right',
                States: {
                  Right: {
                    Type: 'Task',
                    Resource: 'arn:aws:lambda:us-east-1:000000000000:function:double',
                    End: true,
                  },
                },
              },
            ],
            Next: 'Check',
          },
          Check: {
            Type: 'Choice',
            Choices: [{ Variable: '$[1]', NumericGreaterThan: 10, Next: 'Big' }],
            Default: 'Small',
          },
          Big: { Type: 'Succeed' },
          Small: { Type: 'Fail', Error: 'TooSmall', Cause: 'not big enough' },
        },
      },
      { value: 6 },
    );

    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual(['left', 12]);
  });

  it('fail with the Error and Cause of a Fail state', async () => {
    const done = await run(
      { StartAt: 'Stop', States: { Stop: { Type: 'Fail', Error: 'ConsentExpired', Cause: 'too late' } } },
      {},
    );

    expect(done).toMatchObject({ status: 'FAILED', error: 'ConsentExpired', cause: 'too late' });
  });
});
