import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { type FieldError, InvalidRequest, PayloadTooLarge, UnsupportedMediaType } from '../core/errors';
import { MiB, type RouteSpec } from './route';

// Turns an API Gateway v2 event into the typed input of a route, or throws the 4xx that says why not.

export interface ParsedInput<R extends RouteSpec> {
  body: R['body'] extends z.ZodType ? z.infer<R['body']> : undefined;
  params: R['params'] extends z.ZodType ? z.infer<R['params']> : Record<string, string>;
  query: R['query'] extends z.ZodType ? z.infer<R['query']> : Record<string, string>;
  /** The raw body bytes, for binary routes (PDF uploads). */
  rawBody?: Uint8Array;
}

export function parseRequest<R extends RouteSpec>(route: R, event: APIGatewayProxyEventV2): ParsedInput<R> {
  const rawBody = readBody(route, event);
  const bodyKind = route.bodyKind ?? (route.body ? 'json' : 'none');
  let body: unknown;
  if (bodyKind === 'json') {
    requireMediaType(event, 'application/json');
    body = validate(route.body!, parseJson(rawBody), 'body');
  } else if (bodyKind === 'pdf') {
    requireMediaType(event, 'application/pdf');
    if (!rawBody || rawBody.length === 0) throw new InvalidRequest('A PDF body is required');
  } else if (bodyKind === 'form') {
    requireMediaType(event, 'application/x-www-form-urlencoded');
    body = validate(route.body!, parseForm(rawBody), 'body');
  }
  const params = route.params ? validate(route.params, event.pathParameters ?? {}, 'path') : {};
  const query = route.query ? validate(route.query, event.queryStringParameters ?? {}, 'query') : {};
  return { body, params, query, rawBody } as ParsedInput<R>;
}

function readBody(route: RouteSpec, event: APIGatewayProxyEventV2): Uint8Array | undefined {
  if (event.body === undefined || event.body === null) return undefined;
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  const limit = route.maxBodyBytes ?? MiB;
  if (bytes.length > limit) {
    throw new PayloadTooLarge(`The body is ${bytes.length} bytes; this endpoint accepts at most ${limit}`);
  }
  return bytes;
}

function requireMediaType(event: APIGatewayProxyEventV2, expected: string): void {
  const header = event.headers?.['content-type'] ?? '';
  const mediaType = header.split(';')[0]!.trim().toLowerCase();
  if (mediaType !== expected) {
    throw new UnsupportedMediaType(`Send the body as ${expected}${mediaType ? `, not ${mediaType}` : ''}`);
  }
}

function parseJson(rawBody: Uint8Array | undefined): unknown {
  if (!rawBody || rawBody.length === 0) throw new InvalidRequest('A JSON body is required');
  try {
    return JSON.parse(Buffer.from(rawBody).toString('utf8'));
  } catch {
    throw new InvalidRequest('The body is not valid JSON');
  }
}

/**
 * A form body as an object of strings. A repeated name is refused rather than resolved: OAuth
 * (RFC 6749 §3.1) forbids repeats, and picking one of them silently is how parameter smuggling works.
 */
function parseForm(rawBody: Uint8Array | undefined): Record<string, string> {
  const fields: Record<string, string> = Object.create(null);
  for (const [name, value] of new URLSearchParams(Buffer.from(rawBody ?? []).toString('utf8'))) {
    if (name in fields)
      throw new InvalidRequest(`The form field ${JSON.stringify(name.slice(0, 40))} is repeated`);
    fields[name] = value;
  }
  return fields;
}

function validate<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new InvalidRequest(`The request ${where} does not match the schema`, errors);
}
