import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { InvalidRequest, PayloadTooLarge, UnsupportedMediaType } from '../../../functions/core/errors';
import { parseRequest } from '../../../functions/http/parse-request';
import { defineRoute } from '../../../functions/http/route';

const route = defineRoute({
  method: 'POST',
  path: '/v1/things/{thingId}',
  operationId: 'createThing',
  summary: 'test',
  tags: ['test'],
  auth: 'public',
  body: z.strictObject({ name: z.string().min(1) }),
  params: z.object({ thingId: z.string().regex(/^t_\d+$/) }),
  query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
  responses: { 201: { description: 'created' } },
});

function event(overrides: Partial<APIGatewayProxyEventV2> = {}): APIGatewayProxyEventV2 {
  return {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'x' }),
    pathParameters: { thingId: 't_1' },
    queryStringParameters: {},
    isBase64Encoded: false,
    ...overrides,
  } as APIGatewayProxyEventV2;
}

describe('parseRequest', () => {
  it('returns the typed body, path parameters and query with defaults', () => {
    const input = parseRequest(route, event({ queryStringParameters: { limit: '5' } }));
    expect(input.body).toEqual({ name: 'x' });
    expect(input.params).toEqual({ thingId: 't_1' });
    expect(input.query).toEqual({ limit: 5 });
  });

  it('refuses a body that is not JSON', () => {
    expect(() => parseRequest(route, event({ body: '{"name":' }))).toThrow(InvalidRequest);
  });

  it('refuses a missing body', () => {
    expect(() => parseRequest(route, event({ body: undefined }))).toThrow(/JSON body is required/);
  });

  it('refuses unknown fields and lists where the problem is', () => {
    try {
      parseRequest(route, event({ body: JSON.stringify({ name: 'x', admin: true }) }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidRequest);
      expect((error as InvalidRequest).errors[0]!.path).toBe('body');
    }
  });

  it('refuses a body over 1 MiB with 413', () => {
    const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024) });
    expect(() => parseRequest(route, event({ body: big }))).toThrow(PayloadTooLarge);
  });

  it('refuses another media type with 415', () => {
    expect(() => parseRequest(route, event({ headers: { 'content-type': 'text/plain' } }))).toThrow(
      UnsupportedMediaType,
    );
  });

  it('accepts a charset parameter on the media type', () => {
    const input = parseRequest(
      route,
      event({ headers: { 'content-type': 'application/json; charset=utf-8' } }),
    );
    expect(input.body).toEqual({ name: 'x' });
  });

  it('refuses malformed path parameters and out-of-range query values', () => {
    expect(() => parseRequest(route, event({ pathParameters: { thingId: '../etc' } }))).toThrow(
      InvalidRequest,
    );
    expect(() => parseRequest(route, event({ queryStringParameters: { limit: '1000' } }))).toThrow(
      InvalidRequest,
    );
  });

  it('decodes base64 bodies', () => {
    const body = Buffer.from(JSON.stringify({ name: 'b64' })).toString('base64');
    expect(parseRequest(route, event({ body, isBase64Encoded: true })).body).toEqual({ name: 'b64' });
  });
});

describe('parseRequest with a form body', () => {
  const formRoute = defineRoute({
    method: 'POST',
    path: '/form',
    operationId: 'postForm',
    summary: 'test',
    tags: ['test'],
    auth: 'public',
    bodyKind: 'form',
    maxBodyBytes: 100,
    body: z.object({ code: z.string().min(1), redirect_uri: z.url() }),
    responses: { 200: { description: 'ok' } },
  });
  const formEvent = (body: string, contentType = 'application/x-www-form-urlencoded') =>
    event({ headers: { 'content-type': contentType }, body, pathParameters: undefined });

  it('decodes application/x-www-form-urlencoded into the typed body', () => {
    const input = parseRequest(formRoute, formEvent('code=a%2Bb+c&redirect_uri=https%3A%2F%2Fx.example%2Fw'));
    expect(input.body).toEqual({ code: 'a+b c', redirect_uri: 'https://x.example/w' });
  });

  it('refuses a repeated field, a missing one, JSON and an oversized body', () => {
    expect(() => parseRequest(formRoute, formEvent('code=a&code=b&redirect_uri=https://x.example'))).toThrow(
      InvalidRequest,
    );
    expect(() => parseRequest(formRoute, formEvent('redirect_uri=https://x.example'))).toThrow(
      InvalidRequest,
    );
    expect(() => parseRequest(formRoute, formEvent('{"code":"a"}', 'application/json'))).toThrow(
      UnsupportedMediaType,
    );
    expect(() => parseRequest(formRoute, formEvent(`code=${'a'.repeat(200)}`))).toThrow(PayloadTooLarge);
  });

  it('ignores prototype-looking names instead of polluting anything', () => {
    const input = parseRequest(
      formRoute,
      formEvent('__proto__=x&constructor=y&code=a&redirect_uri=https://x.example'),
    );
    expect(input.body).toEqual({ code: 'a', redirect_uri: 'https://x.example' });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
