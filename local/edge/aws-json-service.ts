import type { ArnScope, IamRequest } from './iam/iam-requests';
// The contract between the edge and each in-process emulator of a JSON-protocol AWS service
// (KMS, Step Functions): the edge parses `X-Amz-Target` and the JSON body, the service answers
// plain objects or throws AwsServiceError, which the edge renders the way AWS does.

export interface AwsJsonService {
  /** `operation` is the part of X-Amz-Target after the dot, e.g. `Sign`, `StartExecution`. */
  handle(operation: string, input: Record<string, unknown>): Promise<unknown>;
  /** What IAM authorizes the call against; undefined when it cannot be named (refused for a role). */
  iamRequests(operation: string, input: Record<string, unknown>, scope: ArnScope): IamRequest[] | undefined;
  close?(): Promise<void>;
}

/** An AWS error as the SDK expects it: `{ "__type": type, "message": message }` with an HTTP status. */
export class AwsServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
    /** Extra answer headers, e.g. SQS's `x-amzn-query-error` naming the legacy Query error code. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = type;
  }
}

/**
 * Invokes a local Lambda function by name or ARN with a JSON payload; resolves to its JSON result.
 * `caller.roleArn` is the role a service invokes with (a state machine's), judged by the edge's IAM.
 */
export type LambdaInvoker = (
  functionNameOrArn: string,
  payload: unknown,
  caller?: { roleArn?: string },
) => Promise<unknown>;
