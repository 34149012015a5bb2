// Runs one Lambda function's bundle inside a worker thread, with its own process.env (a worker's
// env is a private copy), and answers invocations posted by the host (local/runtime/lambda-host.ts).

import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

const { entryFile, handlerName, functionName, memorySize, timeoutMs } = workerData;
const modulePromise = import(pathToFileURL(entryFile).href);

parentPort.on('message', async ({ id, event }) => {
  const deadline = Date.now() + timeoutMs;
  const context = {
    awsRequestId: `local-${id}`,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memorySize),
    logGroupName: `/local/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const module = await modulePromise;
    const handler = module[handlerName] ?? module.default?.[handlerName];
    if (typeof handler !== 'function') throw new Error(`${handlerName} is not exported by ${functionName}`);
    const result = await handler(event, context);
    parentPort.postMessage({ id, ok: true, result: result === undefined ? null : result });
  } catch (error) {
    parentPort.postMessage({
      id,
      ok: false,
      errorType: error?.name ?? 'Error',
      errorMessage: error?.message ?? String(error),
      stack: typeof error?.stack === 'string' ? error.stack.split('\n').slice(0, 8) : [],
    });
  }
});
