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

export function problemFromError(error: unknown): HttpResult {
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
