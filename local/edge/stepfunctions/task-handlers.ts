// What a Task state does locally: Lambda through `lambda:invoke`, its callback variant
// `lambda:invoke.waitForTaskToken`, or a function ARN as Resource. Results go through the journal, so a
// resumed execution replays them instead of invoking Lambdas again.
import { randomUUID } from 'node:crypto';
import type { LambdaInvoker } from '../aws-json-service';
import { isLambdaServiceError } from '../lambda-limits';
import type { TaskSpec } from './definition';
import { isJsonObject, type Json, replaceInStrings } from './json';
import type { TaskOutcome } from './records';
import { statesTimeoutError } from './states-timeout-error';
import type { TaskJournal, TaskLimits } from './task-journal';
import { newTaskToken } from './task-tokens';

export interface TaskEnvironment {
  journal: TaskJournal;
  invokeLambda: LambdaInvoker;
  /** What `$$.Task.Token` evaluates to; replaced by the attempt's own token. */
  tokenPlaceholder: string;
}

const LAMBDA_INVOKE = /^arn:[^:]+:states:::lambda:invoke$/;
const LAMBDA_CALLBACK = /^arn:[^:]+:states:::lambda:invoke\.waitForTaskToken$/;
const LAMBDA_FUNCTION = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+(:[^:]+)?$/;

/** Like the library's States.Runtime: a broken definition or input, which Retry and Catch don't see. */
class StatesRuntimeError extends Error {
  override name = 'States.Runtime';
  get isRetryable(): boolean {
    return false;
  }
  get isCatchable(): boolean {
    return false;
  }
}

function positiveInteger(value: Json | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new StatesRuntimeError(`${what} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

function unwrapInput(spec: TaskSpec, libraryInput: Json): { input: Json; limits: TaskLimits } {
  if (!spec.wrapped) {
    return {
      input: libraryInput,
      limits: { timeoutSeconds: spec.timeoutSeconds, heartbeatSeconds: spec.heartbeatSeconds },
    };
  }
  const wrapper = isJsonObject(libraryInput) ? libraryInput : {};
  return {
    input: wrapper.input ?? null,
    limits: {
      timeoutSeconds: positiveInteger(wrapper.timeoutSeconds, 'TimeoutSecondsPath') ?? spec.timeoutSeconds,
      heartbeatSeconds:
        positiveInteger(wrapper.heartbeatSeconds, 'HeartbeatSecondsPath') ?? spec.heartbeatSeconds,
    },
  };
}

function lambdaParameters(spec: TaskSpec, input: Json): { functionName: string; payload: Json } {
  const parameters = isJsonObject(input) ? input : {};
  const functionName = parameters.FunctionName;
  if (typeof functionName !== 'string' || functionName === '') {
    throw new StatesRuntimeError(`${spec.name}: Parameters.FunctionName is required for ${spec.resource}`);
  }
  return { functionName, payload: parameters.Payload ?? {} };
}

/** The task result of `lambda:invoke`, shaped as AWS returns it. */
function invokeResult(payload: unknown): Json {
  const requestId = randomUUID();
  const headers = {
    'Content-Type': 'application/json',
    'X-Amz-Executed-Version': '$LATEST',
    'x-amzn-RequestId': requestId,
  };
  return {
    ExecutedVersion: '$LATEST',
    Payload: (payload ?? null) as Json,
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
      HttpHeaders: headers,
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}

/**
 * A rejected invokeLambda: its `name` is the function's error type, as Retry/Catch match it on AWS;
 * a refusal by Lambda itself (`lambdaService`, e.g. a throttle) is reported as `Lambda.<type>`.
 */
function failureOf(error: unknown): TaskOutcome {
  const name = error instanceof Error && error.name ? error.name : 'Error';
  const errorType = isLambdaServiceError(error) ? `Lambda.${name}` : name;
  const errorMessage = error instanceof Error ? error.message : String(error);
  return { ok: false, error: errorType, cause: JSON.stringify({ errorType, errorMessage }) };
}

// Step Functions' payload quota: a state's input or output above 256 KB fails the state.
export const STATE_PAYLOAD_LIMIT = 256 * 1024;

function outcomeValue(outcome: TaskOutcome): Json {
  if (outcome.ok) {
    if (Buffer.byteLength(JSON.stringify(outcome.result ?? null)) > STATE_PAYLOAD_LIMIT) {
      const error = new Error(
        `The state/task returned a result with a size exceeding the maximum number of bytes service limit.`,
      );
      error.name = 'States.DataLimitExceeded';
      throw error;
    }
    return outcome.result;
  }
  if (outcome.error === 'States.Timeout') throw statesTimeoutError(outcome.cause);
  const error = new Error(outcome.cause);
  error.name = outcome.error;
  throw error;
}

function invoke(env: TaskEnvironment, functionName: string, payload: Json): Promise<unknown> {
  return (async () => env.invokeLambda(functionName, payload))();
}

async function startCallback(env: TaskEnvironment, spec: TaskSpec, key: string, input: Json): Promise<void> {
  const { functionName, payload } = lambdaParameters(spec, input);
  const { journal } = env;
  let token = journal.get(key)?.token;
  if (token === undefined) {
    token = newTaskToken();
    journal.issueToken(key, token);
    await journal.persist(); // the token must outlive a restart before any Lambda sees it
  }
  if (journal.get(key)?.invoked || journal.detached) return;
  invoke(env, functionName, replaceInStrings(payload, env.tokenPlaceholder, token)).then(
    () => journal.markInvoked(key),
    (error: unknown) => void journal.settle(key, failureOf(error)),
  );
}

function startInvoke(
  env: TaskEnvironment,
  key: string,
  functionName: string,
  payload: Json,
  wrap: boolean,
): void {
  const { journal } = env;
  void journal.persist(); // the attempt's start time, so its timeout still counts from it after a restart
  invoke(env, functionName, replaceInStrings(payload, env.tokenPlaceholder, '')).then(
    (result) =>
      void journal.settle(key, {
        ok: true,
        result: wrap ? invokeResult(result) : ((result ?? null) as Json),
      }),
    (error: unknown) => void journal.settle(key, failureOf(error)),
  );
}

/** Runs one attempt of a Task state (or replays its journaled outcome) and returns the task result. */
export async function runTask(env: TaskEnvironment, spec: TaskSpec, libraryInput: Json): Promise<Json> {
  const { input, limits } = unwrapInput(spec, libraryInput);
  const key = env.journal.nextKey(spec, input);
  const known = env.journal.get(key)?.outcome;
  env.journal.noteAttempt(spec.name, known?.ok === false);
  if (known) return outcomeValue(known);

  if (LAMBDA_CALLBACK.test(spec.resource)) {
    env.journal.begin(key);
    await startCallback(env, spec, key, input);
  } else if (LAMBDA_INVOKE.test(spec.resource)) {
    const { functionName, payload } = lambdaParameters(spec, input);
    env.journal.begin(key);
    startInvoke(env, key, functionName, payload, true);
  } else if (LAMBDA_FUNCTION.test(spec.resource)) {
    env.journal.begin(key);
    startInvoke(env, key, spec.resource, input, false);
  } else {
    throw new StatesRuntimeError(`Resource ${spec.resource} is not supported by the local Step Functions`);
  }
  return outcomeValue(await env.journal.awaitOutcome(key, limits));
}
