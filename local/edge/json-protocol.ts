// Serves an in-process AwsJsonService (KMS, Step Functions) over the AWS JSON protocol:
// `POST /` with `X-Amz-Target: <Prefix>.<Operation>`, answers and errors shaped as the SDK expects.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AwsJsonService, AwsServiceError } from './aws-json-service';
import { parseJsonObject, readBody, requestId, sendJson } from './http-util';
import type { RequestIam } from './iam/authorizer';

export async function answerJsonProtocol(
  req: IncomingMessage,
  res: ServerResponse,
  service: AwsJsonService,
  contentType: string,
  iam?: RequestIam,
): Promise<void> {
  const headers = { 'x-amzn-RequestId': requestId() };
  const fail = (status: number, type: string, message: string, extra: Record<string, string> = {}) =>
    sendJson(
      res,
      status,
      { __type: type, message },
      { ...headers, 'x-amzn-ErrorType': type, ...extra },
      contentType,
    );
  const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1];
  if (req.method !== 'POST' || !operation)
    return fail(400, 'UnknownOperationException', 'Missing X-Amz-Target');
  let input: Record<string, unknown>;
  try {
    input = parseJsonObject(await readBody(req));
  } catch (err) {
    return fail(400, 'SerializationException', (err as Error).message);
  }
  const denial = await iam?.authorize(service.iamRequests(operation, input, iam.scope), operation);
  if (denial) return fail(400, 'AccessDeniedException', denial);
  try {
    sendJson(res, 200, (await service.handle(operation, input)) ?? {}, headers, contentType);
  } catch (err) {
    if (err instanceof AwsServiceError) return fail(err.status, err.type, err.message, err.headers);
    console.error(`edge: ${operation} failed`, err);
    fail(500, 'InternalFailure', err instanceof Error ? err.message : String(err));
  }
}
