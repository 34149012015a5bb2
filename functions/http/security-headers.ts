import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

// Headers every API answer carries. Pages (HTML) add their own CSP on top.

const API_HEADERS: Record<string, string> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

export function securityHeaders(
  result: APIGatewayProxyStructuredResultV2,
): APIGatewayProxyStructuredResultV2 {
  return { ...result, headers: { ...API_HEADERS, ...result.headers } };
}
