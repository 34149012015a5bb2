import { tmpdir } from 'node:os';
import { CreateAliasCommand, CreateKeyCommand, KMSClient, ListAliasesCommand } from '@aws-sdk/client-kms';
import { InvokeCommand, LambdaClient, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEdge } from '../../../local/edge';
import { startTestEdge, type TestEdge } from './support/edge-fixture';

const invocations: { name: string; payload: unknown }[] = [];
let fixture: TestEdge;
let bare: TestEdge;

/** A stand-in for the local runtime: echoes, fails on demand, knows no other function. */
async function fakeInvoker(name: string, payload: unknown): Promise<unknown> {
  invocations.push({ name, payload });
  if (name === 'echo') return { echoed: payload };
  if (name === 'broken') throw new TypeError('cannot read the barcode');
  const missing = new Error(`Function not found: ${name}`);
  missing.name = 'ResourceNotFoundException';
  throw missing;
}

const decode = (payload: Uint8Array | undefined) => JSON.parse(Buffer.from(payload ?? []).toString('utf8'));

beforeAll(async () => {
  [fixture, bare] = await Promise.all([startTestEdge({ invokeLambda: fakeInvoker }), startTestEdge()]);
});

afterAll(async () => {
  await Promise.all([fixture?.stop(), bare?.stop()]);
});

describe('Lambda Invoke through the edge', () => {
  it('invokes the local function and answers its JSON result', async () => {
    const lambda = new LambdaClient(fixture.clientConfig);
    const result = await lambda.send(
      new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from(JSON.stringify({ documentId: 'd1' })) }),
    );
    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBeUndefined();
    expect(result.ExecutedVersion).toBe('$LATEST');
    expect(decode(result.Payload)).toEqual({ echoed: { documentId: 'd1' } });
  });

  it('answers a function error the way Lambda does: 200 with X-Amz-Function-Error', async () => {
    const lambda = new LambdaClient(fixture.clientConfig);
    const result = await lambda.send(
      new InvokeCommand({ FunctionName: 'broken', Payload: Buffer.from('{}') }),
    );
    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBe('Unhandled');
    expect(decode(result.Payload)).toEqual({
      errorType: 'TypeError',
      errorMessage: 'cannot read the barcode',
    });
  });

  it('accepts an asynchronous invocation with 202 and still runs the function', async () => {
    const lambda = new LambdaClient(fixture.clientConfig);
    invocations.length = 0;
    const result = await lambda.send(
      new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: Buffer.from('{"n":1}') }),
    );
    expect(result.StatusCode).toBe(202);
    expect(invocations).toEqual([{ name: 'echo', payload: { n: 1 } }]);
  });

  it('answers ResourceNotFoundException for an unknown function and when no runtime is attached', async () => {
    const withRuntime = new LambdaClient(fixture.clientConfig);
    await expect(withRuntime.send(new InvokeCommand({ FunctionName: 'nope' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    const withoutRuntime = new LambdaClient(bare.clientConfig);
    await expect(withoutRuntime.send(new InvokeCommand({ FunctionName: 'echo' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });
});

describe('KMS and Step Functions through the edge', () => {
  it('routes KMS calls to the local KMS', async () => {
    const kms = new KMSClient(fixture.clientConfig);
    const { KeyMetadata } = await kms.send(
      new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }),
    );
    await kms.send(
      new CreateAliasCommand({ AliasName: 'alias/docshare-signing', TargetKeyId: KeyMetadata!.KeyId }),
    );
    const { Aliases } = await kms.send(new ListAliasesCommand({}));
    expect(Aliases?.map((alias) => alias.AliasName)).toContain('alias/docshare-signing');
  });

  it('routes Step Functions calls to the local Step Functions', async () => {
    const sfn = new SFNClient(fixture.clientConfig);
    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
    expect(stateMachines).toEqual([]);
  });

  it('reports every service as running on /_edge/health', async () => {
    const response = await fetch(`${fixture.edge.url}/_edge/health`);
    const { services } = (await response.json()) as { services: Record<string, string> };
    expect(services).toEqual({
      dynamodb: 'running',
      s3: 'running',
      ses: 'running',
      kms: 'running',
      states: 'running',
      lambda: 'running',
      sqs: 'running',
    });
  });
});

describe('the edge itself', () => {
  it('refuses to listen on anything but a loopback address', async () => {
    await expect(startEdge({ dataDir: tmpdir(), host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });
});
