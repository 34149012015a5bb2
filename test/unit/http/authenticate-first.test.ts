import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { http } from '../../../functions/http/handler';
import { defineRoute } from '../../../functions/http/route';

// An anonymous caller must learn nothing of a protected route's schema and must not make the
// function decode its body: 401 comes before any 400, 413 or 415.
function protectedRoute(auth: 'partner' | 'citizen') {
  return defineRoute({
    method: 'POST',
    path: '/v1/things',
    operationId: `createThing_${auth}`,
    summary: 'test',
    tags: ['test'],
    auth,
    body: z.strictObject({ name: z.string().min(1) }),
    responses: { 201: { description: 'created' } },
  });
}

function event(headers: Record<string, string>, body: string): APIGatewayProxyEventV2 {
  return {
    headers,
    body,
    isBase64Encoded: false,
    requestContext: { requestId: 'r-1', http: { sourceIp: '192.0.2.1' } },
  } as unknown as APIGatewayProxyEventV2;
}

const context = { awsRequestId: 'a-1' } as Context;

describe('the HTTP stack authenticates before it parses', () => {
  for (const auth of ['partner', 'citizen'] as const) {
    it(`answers 401 to an anonymous ${auth} call whatever its body, without running the handler`, async () => {
      const fn = vi.fn(async () => ({ ok: true }));
      const handler = http(protectedRoute(auth), fn);
      const cases: [Record<string, string>, string][] = [
        [{ 'content-type': 'application/json' }, '{not json'],
        [{ 'content-type': 'text/plain' }, 'hello'],
        [{ 'content-type': 'application/json' }, JSON.stringify({ name: 'x', extra: 1 })],
        [{ 'content-type': 'application/json' }, 'x'.repeat(2 * 1024 * 1024)],
        [{ 'content-type': 'application/json', authorization: 'Basic abc' }, '{}'],
      ];
      for (const [headers, body] of cases) {
        const result = await handler(event(headers, body), context);
        expect(result.statusCode).toBe(401);
        expect(JSON.parse(result.body as string)).toMatchObject({ code: 'unauthorized' });
      }
      expect(fn).not.toHaveBeenCalled();
    });
  }

  it('an API key of the wrong shape is refused before the body is read', async () => {
    const fn = vi.fn(async () => ({ ok: true }));
    const handler = http(protectedRoute('partner'), fn);
    const result = await handler(
      event({ 'content-type': 'application/json', authorization: 'Bearer not-a-key' }, '{broken'),
      context,
    );
    expect(result.statusCode).toBe(401);
    expect(fn).not.toHaveBeenCalled();
  });
});
