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

/**
 * What the web pages (HTML) send on top: their own script and style sheet only, no inline code.
 * `connectOrigins`: other origins the script may fetch from (a cross-origin token endpoint); each
 * is an origin as `URL.origin` serializes it, so it cannot smuggle in another directive.
 */
export function pageHeaders(connectOrigins: readonly string[] = []): Record<string, string> {
  const connect = connectOrigins.length > 0 ? `; connect-src 'self' ${connectOrigins.join(' ')}` : '';
  return {
    'content-security-policy': `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:${connect}; frame-ancestors 'none'`,
    'referrer-policy': 'no-referrer',
  };
}

export const PAGE_HEADERS: Record<string, string> = pageHeaders();

export function securityHeaders(
  result: APIGatewayProxyStructuredResultV2,
): APIGatewayProxyStructuredResultV2 {
  return { ...result, headers: { ...API_HEADERS, ...result.headers } };
}
