import { DomainError, InvalidRequest } from '../core/errors';

// The one place where errors become HTTP answers (RFC 9457 problem details).
// Anything that is not a DomainError is a 500 that reveals nothing about its cause.

export interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
}

const PROBLEM_TYPE_BASE = 'https://docshare.dev/problems/';

// Errors of an AWS service that say "not now" rather than "never": throttling, a server-side fault,
// no connection. The caller should come back in a moment (503 with Retry-After), not see a bare 500.
const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'SlowDown',
  'LimitExceededException',
]);

export function isTemporaryAwsFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as {
    name?: string;
    $fault?: string;
    $metadata?: unknown;
    $retryable?: unknown;
    code?: string;
  };
  if (e.$metadata !== undefined && (e.$fault === 'server' || THROTTLING.has(e.name ?? '') || e.$retryable))
    return true;
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(e.code ?? '') || e.name === 'TimeoutError'
  );
}

export function problemFromError(error: unknown): HttpResult {
  if (isTemporaryAwsFailure(error)) {
    return {
      statusCode: 503,
      headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
      body: JSON.stringify({
        type: `${PROBLEM_TYPE_BASE}service-unavailable`,
        title: 'Service unavailable',
        status: 503,
        code: 'service_unavailable',
        detail: 'A service we depend on is busy or unavailable; retry after Retry-After seconds.',
      }),
    };
  }
  if (error instanceof DomainError) {
    const document: Record<string, unknown> = {
      type: PROBLEM_TYPE_BASE + error.code.replaceAll('_', '-'),
      title: error.title,
      status: error.status,
      code: error.code,
      detail: error.detail,
      ...error.extensions,
    };
    if (error instanceof InvalidRequest && error.errors.length > 0) document.errors = error.errors;
    return {
      statusCode: error.status,
      headers: { 'content-type': 'application/problem+json', ...error.headers },
      body: JSON.stringify(document),
    };
  }
  return {
    statusCode: 500,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({
      type: `${PROBLEM_TYPE_BASE}internal-error`,
      title: 'Internal error',
      status: 500,
      code: 'internal_error',
      detail: 'Something went wrong on our side; the request can be retried.',
    }),
  };
}
