// The Lambda Invoke API (`POST /2015-03-31/functions/{FunctionName}/invocations`), answered by calling
// the local runtime's invoker, so code using @aws-sdk/client-lambda reaches local functions.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LambdaInvoker } from './aws-json-service';
import { readBody, requestId, sendJson } from './http-util';
import { sendAccessDenied } from './iam/access-denied';
import type { RequestIam } from './iam/authorizer';
import { lambdaInvokeRequests } from './iam/iam-requests';
import { ASYNC_PAYLOAD_LIMIT, isLambdaServiceError } from './lambda-limits';

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/;

export async function answerLambda(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  scope: { region: string; accountId: string },
  invoke: LambdaInvoker | undefined,
  iam?: RequestIam,
): Promise<void> {
  const headers = { 'x-amzn-RequestId': requestId() };
  const fail = (status: number, type: string, message: string) =>
    sendJson(res, status, { Type: 'User', message }, { ...headers, 'x-amzn-ErrorType': type });
  const match = INVOKE_PATH.exec(url.pathname);
  if (!match?.[1] || req.method !== 'POST') {
    return fail(
      400,
      'InvalidRequestContentException',
      `Lambda ${req.method} ${url.pathname} is not emulated locally`,
    );
  }
  const name = decodeURIComponent(match[1]);
  const notFound = () =>
    fail(
      404,
      'ResourceNotFoundException',
      `Function not found: arn:aws:lambda:${scope.region}:${scope.accountId}:function:${name}`,
    );
  const denial = await iam?.authorize(lambdaInvokeRequests(name, iam.scope), 'Invoke');
  if (denial) {
    req.resume();
    return sendAccessDenied(res, 'lambda', denial);
  }
  if (!invoke) return notFound();
  const body = await readBody(req);
  let payload: unknown;
  try {
    payload = body.length ? JSON.parse(body.toString('utf8')) : {};
  } catch {
    return fail(400, 'InvalidRequestContentException', 'Could not parse request body into json');
  }
  const invocationType = String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse');
  if (invocationType === 'DryRun') return void res.writeHead(204, headers).end();
  if (invocationType === 'Event' && body.length > ASYNC_PAYLOAD_LIMIT) {
    return fail(
      413,
      'RequestEntityTooLargeException',
      `Request must be smaller than ${ASYNC_PAYLOAD_LIMIT} bytes for the InvokeAsync operation`,
    );
  }
  if (invocationType === 'Event') {
    // Asynchronous invocation: accepted at once; a failure is only logged, as AWS would after retries.
    invokeQueued(invoke, name, payload).catch((err) =>
      console.error(`edge: async invocation of ${name} failed`, err),
    );
    return void res.writeHead(202, { ...headers, 'Content-Length': 0 }).end();
  }
  const executed = { ...headers, 'X-Amz-Executed-Version': '$LATEST' };
  try {
    const result = await invoke(name, payload);
    sendJson(res, 200, result === undefined ? null : result, executed);
  } catch (err) {
    if (err instanceof Error && err.name === 'ResourceNotFoundException') return notFound();
    if (err instanceof Error && err.name === 'RequestEntityTooLargeException') {
      return fail(413, err.name, err.message);
    }
    if (isThrottle(err)) {
      return sendJson(
        res,
        429,
        { Type: 'User', message: err.message, Reason: err.reason },
        { ...headers, 'x-amzn-ErrorType': err.name },
      );
    }
    const error = err instanceof Error ? err : new Error(String(err));
    sendJson(
      res,
      200,
      { errorType: error.name || 'Error', errorMessage: error.message },
      { ...executed, 'X-Amz-Function-Error': 'Unhandled' },
    );
  }
}

/** Lambda's own refusal for the function's reserved concurrency (lambda-limits.ts). */
const isThrottle = (err: unknown): err is Error & { reason?: string } =>
  isLambdaServiceError(err) && err.name === 'TooManyRequestsException';

// An event Lambda could not run for throttling waits in Lambda's own queue and is tried again, for up
// to six hours (the default maximum event age); here with a doubling wait from 1 s up to 5 minutes.
const EVENT_MAX_AGE_MS = 6 * 3600_000;

async function invokeQueued(invoke: LambdaInvoker, name: string, payload: unknown): Promise<unknown> {
  const started = Date.now();
  for (let wait = 1000; ; wait = Math.min(wait * 2, 300_000)) {
    try {
      return await invoke(name, payload);
    } catch (err) {
      if (!isThrottle(err) || Date.now() + wait - started > EVENT_MAX_AGE_MS) throw err;
      await new Promise((resolve) => setTimeout(resolve, wait).unref());
    }
  }
}
