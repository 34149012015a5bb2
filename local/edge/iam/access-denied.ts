import type { ServerResponse } from 'node:http';
import { sendFault } from '../chaos';

// AccessDenied as each protocol answers it: JSON services with 400 and `AccessDeniedException`
// (DynamoDB, KMS, Step Functions, SQS), REST services with 403 (Lambda, SES v2), XML ones with 403
// `AccessDenied` (S3, SES v1).
const ANSWERS: Record<string, { statusCode: number; code: string }> = {
  s3: { statusCode: 403, code: 'AccessDenied' },
  ses: { statusCode: 403, code: 'AccessDenied' },
  sesv2: { statusCode: 403, code: 'AccessDeniedException' },
  lambda: { statusCode: 403, code: 'AccessDeniedException' },
};

/** `service` in the Chaos API's naming: dynamodb, s3, kms, stepfunctions, sqs, ses, sesv2, lambda. */
export function sendAccessDenied(res: ServerResponse, service: string, message: string): void {
  sendFault(
    res,
    { service },
    ANSWERS[service] ?? { statusCode: 400, code: 'AccessDeniedException' },
    message,
  );
}
