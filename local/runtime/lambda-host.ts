import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { SYNC_PAYLOAD_LIMIT, throttled } from '../edge/lambda-limits';
import { localAccessKeyId, localSecretAccessKey } from './iam-directory';
import type { Resolver } from './template';

// Runs the template's Lambda functions from their synthesized bundles (cdk.out/asset.<hash>), each
// in its own worker thread started on first use and kept warm, with the environment the template
// gives it (intrinsics resolved to local names) plus the endpoint of the embedded AWS.
// Unlike Lambda, one warm instance may serve several invocations at once: a pool of instances, one
// invocation each, was measured slower on two cores (docs/benchmarks.md, "Fifth pass"). A function's
// reserved concurrency (ReservedConcurrentExecutions) is enforced as on Lambda: an invocation that
// would pass it is throttled, and Step Functions sees Lambda.TooManyRequestsException.

export class LambdaError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
    readonly trace: string[] = [],
  ) {
    super(message);
    this.name = errorType;
  }
}

const payloadBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value ?? null));

interface FunctionSpec {
  name: string;
  entryFile: string;
  handlerName: string;
  environment: Record<string, string>;
  memorySize: number;
  timeoutMs: number;
  /** ReservedConcurrentExecutions: the most invocations running at once. */
  reserved?: number;
}

export interface FunctionUsage {
  invocations: number;
  ms: number;
  memoryMb: number;
  /** Invocations refused for passing the reserved concurrency. */
  throttles: number;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class LambdaHost {
  private readonly specs = new Map<string, FunctionSpec>();
  private readonly workers = new Map<string, { worker: Worker; pending: Map<number, Pending> }>();
  /** Invocations and their wall time per function since start, for the bench's cost model. */
  readonly usage = new Map<string, FunctionUsage>();
  private nextId = 1;

  constructor(
    resolver: Resolver,
    cdkOutDir: string,
    baseEnvironment: Record<string, string>,
    private readonly logStream: Writable,
  ) {
    for (const [logicalId, resource] of resolver.resourcesOfType('AWS::Lambda::Function')) {
      const props = resource.Properties ?? {};
      const code = props.Code as { S3Key?: string } | undefined;
      if (!code?.S3Key) continue;
      const assetDir = path.join(cdkOutDir, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
      const [file, handlerName] = splitHandler(String(props.Handler ?? 'index.handler'));
      const entryFile = ['.mjs', '.js', '.cjs']
        .map((ext) => path.join(assetDir, file + ext))
        .find(existsSync);
      if (!entryFile) continue;
      const layerDirs = ((props.Layers as unknown[]) ?? []).map((layer) =>
        layerAssetDir(resolver, cdkOutDir, layer),
      );
      const variables = resolver.resolve(
        (props.Environment as { Variables?: unknown })?.Variables ?? {},
      ) as Record<string, unknown>;
      const environment: Record<string, string> = {
        ...baseEnvironment,
        AWS_LAMBDA_FUNCTION_NAME: logicalId,
        // Its own credentials, by which the edge knows the function's role (iam-directory.ts).
        AWS_ACCESS_KEY_ID: localAccessKeyId(logicalId),
        AWS_SECRET_ACCESS_KEY: localSecretAccessKey(logicalId),
      };
      for (const [key, value] of Object.entries(variables)) {
        environment[key] = mapOptPath(String(value), layerDirs);
      }
      this.specs.set(logicalId, {
        name: logicalId,
        entryFile,
        handlerName,
        environment,
        memorySize: Number(props.MemorySize ?? 128),
        timeoutMs: Number(props.Timeout ?? 3) * 1000,
        reserved:
          props.ReservedConcurrentExecutions === undefined
            ? undefined
            : Number(props.ReservedConcurrentExecutions),
      });
    }
  }

  functionNames(): string[] {
    return [...this.specs.keys()];
  }

  has(nameOrArn: string): boolean {
    return this.specs.has(functionNameOf(nameOrArn));
  }

  async invoke(nameOrArn: string, event: unknown): Promise<unknown> {
    const size = payloadBytes(event);
    if (size > SYNC_PAYLOAD_LIMIT) {
      throw new LambdaError(
        'RequestEntityTooLargeException',
        `Request must be smaller than ${SYNC_PAYLOAD_LIMIT} bytes for the InvokeFunction operation`,
      );
    }
    const name = functionNameOf(nameOrArn);
    const spec = this.specs.get(name);
    if (!spec) throw new LambdaError('ResourceNotFoundException', `Function not found: ${name}`);
    if (spec.reserved !== undefined && (this.workers.get(spec.name)?.pending.size ?? 0) >= spec.reserved) {
      this.usageOf(spec).throttles += 1;
      throw throttled();
    }
    const started = performance.now();
    const result = await this.run(spec, event).finally(() => this.record(spec, started));
    if (payloadBytes(result) > SYNC_PAYLOAD_LIMIT) {
      throw new LambdaError(
        'Function.ResponseSizeTooLarge',
        `Response payload size exceeded maximum allowed payload size (${SYNC_PAYLOAD_LIMIT} bytes).`,
      );
    }
    return result;
  }

  private record(spec: FunctionSpec, started: number): void {
    const entry = this.usageOf(spec);
    entry.invocations += 1;
    entry.ms += performance.now() - started;
  }

  private usageOf(spec: FunctionSpec): FunctionUsage {
    let entry = this.usage.get(spec.name);
    if (!entry) {
      entry = { invocations: 0, ms: 0, memoryMb: spec.memorySize, throttles: 0 };
      this.usage.set(spec.name, entry);
    }
    return entry;
  }

  /**
   * Milliseconds a function's worker thread has spent busy (not waiting on I/O) since it started:
   * its event loop's active time. The bench's cost model uses it to scale CPU time with memory size.
   */
  busyMs(name: string): number {
    return this.workers.get(name)?.worker.performance.eventLoopUtilization().active ?? 0;
  }

  private run(spec: FunctionSpec, event: unknown): Promise<unknown> {
    const slot = this.workerFor(spec);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        slot.pending.delete(id);
        reject(new LambdaError('Sandbox.Timedout', `Task timed out after ${spec.timeoutMs / 1000} seconds`));
      }, spec.timeoutMs);
      slot.pending.set(id, { resolve, reject, timer });
      slot.worker.postMessage({ id, event });
    });
  }

  async close(): Promise<void> {
    const workers = [...this.workers.values()];
    this.workers.clear();
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
  }

  private workerFor(spec: FunctionSpec) {
    const existing = this.workers.get(spec.name);
    if (existing) return existing;
    const worker = new Worker(new URL('./lambda-worker.mjs', import.meta.url), {
      workerData: {
        entryFile: spec.entryFile,
        handlerName: spec.handlerName,
        functionName: spec.name,
        memorySize: spec.memorySize,
        timeoutMs: spec.timeoutMs,
      },
      env: spec.environment,
      stdout: true,
      stderr: true,
    });
    worker.stdout.pipe(this.logStream, { end: false });
    worker.stderr.pipe(this.logStream, { end: false });
    const slot = { worker, pending: new Map<number, Pending>() };
    worker.on(
      'message',
      (message: { id: number; ok: boolean; result?: unknown } & Record<string, unknown>) => {
        const pending = slot.pending.get(message.id);
        if (!pending) return;
        slot.pending.delete(message.id);
        clearTimeout(pending.timer);
        if (message.ok) pending.resolve(message.result);
        else
          pending.reject(
            new LambdaError(
              String(message.errorType),
              String(message.errorMessage),
              message.stack as string[],
            ),
          );
      },
    );
    worker.on('error', (error) => {
      for (const pending of slot.pending.values()) {
        clearTimeout(pending.timer);
        pending.reject(new LambdaError('Runtime.ExitError', error.message));
      }
      slot.pending.clear();
      this.workers.delete(spec.name);
    });
    worker.unref();
    this.workers.set(spec.name, slot);
    return slot;
  }
}

export function functionNameOf(nameOrArn: string): string {
  // arn:aws:lambda:<region>:<account>:function:<name>[:qualifier]
  const parts = nameOrArn.split(':');
  return parts.length >= 7 && parts[5] === 'function' ? parts[6]! : nameOrArn;
}

function splitHandler(handler: string): [string, string] {
  const dot = handler.lastIndexOf('.');
  return [handler.slice(0, dot), handler.slice(dot + 1)];
}

function layerAssetDir(resolver: Resolver, cdkOutDir: string, layer: unknown): string {
  const ref = (layer as { Ref?: string }).Ref;
  const resource = ref ? resolver.template.Resources[ref] : undefined;
  const key = (resource?.Properties?.Content as { S3Key?: string } | undefined)?.S3Key;
  if (!key) throw new Error(`Cannot find the asset of layer ${JSON.stringify(layer)}`);
  return path.join(cdkOutDir, `asset.${key.replace(/\.zip$/, '')}`);
}

/** Layers unpack under /opt on Lambda; locally the same paths point into the layer's asset folder. */
function mapOptPath(value: string, layerDirs: string[]): string {
  if (!value.startsWith('/opt/')) return value;
  const relative = value.slice('/opt/'.length);
  for (const dir of layerDirs) {
    if (existsSync(path.join(dir, relative))) return path.join(dir, relative);
  }
  return value;
}
