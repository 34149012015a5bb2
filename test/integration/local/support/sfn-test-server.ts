// Boots the embedded Step Functions behind the test JSON adapter with a fake Lambda invoker, and hands out
// a real SFN client; `restart()` re-creates the service on the same data directory.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  SFNClient,
  type SFNClientConfig,
} from '@aws-sdk/client-sfn';
import type { LambdaInvoker } from '../../../../local/edge/aws-json-service';
import { createStepFunctionsService } from '../../../../local/edge/stepfunctions';
import { type JsonServiceServer, startJsonServiceServer } from './json-service-server';

export const REGION = 'us-east-1';
export const ACCOUNT_ID = '000000000000';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/sfn-test`;

export interface SfnHarness {
  /** A client for the current instance (replaced by restart). */
  sfn: SFNClient;
  /** A new client for the current instance, e.g. with `disableHostPrefix` (the caller destroys it). */
  client(config?: SFNClientConfig): SFNClient;
  dataDir: string;
  /** Closes the service and starts a new one on the same data directory. */
  restart(invokeLambda?: LambdaInvoker): Promise<void>;
  close(): Promise<void>;
}

export async function startSfn(invokeLambda: LambdaInvoker, dataDir?: string): Promise<SfnHarness> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'docshare-sfn-'));
  let service: ReturnType<typeof createStepFunctionsService>;
  let server: JsonServiceServer;
  const boot = async (invoker: LambdaInvoker) => {
    service = createStepFunctionsService({
      dataDir: dir,
      region: REGION,
      accountId: ACCOUNT_ID,
      invokeLambda: invoker,
    });
    server = await startJsonServiceServer(service);
    return client();
  };
  const client = (config: SFNClientConfig = {}) =>
    new SFNClient({
      endpoint: server.endpoint,
      region: REGION,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
      ...config,
    });
  const shutdown = async (harness: SfnHarness) => {
    harness.sfn.destroy();
    await server.close();
    await service.close();
  };
  const harness: SfnHarness = {
    sfn: await boot(invokeLambda),
    client,
    dataDir: dir,
    async restart(invoker = invokeLambda) {
      await shutdown(harness);
      harness.sfn = await boot(invoker);
    },
    close: () => shutdown(harness),
  };
  return harness;
}

/** An error as the local Lambda runtime rejects with: its name is the function's error type. */
export function lambdaError(errorType: string, message: string): Error {
  const error = new Error(message);
  error.name = errorType;
  return error;
}

let machineCounter = 0;

export async function createMachine(sfn: SFNClient, definition: object, type?: 'STANDARD' | 'EXPRESS') {
  const answer = await sfn.send(
    new CreateStateMachineCommand({
      name: `machine-${process.pid}-${++machineCounter}`,
      definition: JSON.stringify(definition),
      roleArn: ROLE_ARN,
      type,
    }),
  );
  return answer.stateMachineArn!;
}

/** Polls until `condition` holds, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T> | T,
  condition: (value: T) => boolean,
  timeoutMs = 10_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (condition(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Polls DescribeExecution until the execution is no longer RUNNING. */
export function finished(
  sfn: SFNClient,
  executionArn: string,
  timeoutMs = 10_000,
): Promise<DescribeExecutionCommandOutput> {
  return eventually(
    () => sfn.send(new DescribeExecutionCommand({ executionArn })),
    (execution) => execution.status !== 'RUNNING',
    timeoutMs,
  );
}

type FakeFunction = (payload: unknown) => unknown;

/** Local stand-ins for Lambda functions, by name (an ARN's function name counts too), recording each call. */
export class FakeLambdas {
  readonly calls: { functionName: string; payload: unknown; at: number }[] = [];
  private readonly functions = new Map<string, FakeFunction>();

  define(name: string, fn: FakeFunction): this {
    this.functions.set(name, fn);
    return this;
  }

  callsOf(name: string): unknown[] {
    return this.calls.filter((call) => call.functionName === name).map((call) => call.payload);
  }

  readonly invoke: LambdaInvoker = async (functionNameOrArn, payload) => {
    const functionName = functionNameOrArn.startsWith('arn:')
      ? functionNameOrArn.split(':')[6]!
      : functionNameOrArn;
    this.calls.push({ functionName, payload, at: Date.now() });
    const fn = this.functions.get(functionName);
    if (!fn) throw lambdaError('ResourceNotFoundException', `Function not found: ${functionName}`);
    return fn(payload);
  };
}
