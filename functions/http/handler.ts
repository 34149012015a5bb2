import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Partner } from '../core/partners/partner';
import { logger } from '../observability/logger';
import type { MetricPoint } from '../observability/metric-names';
import { recordMetric } from '../observability/metrics';
import { authenticateCitizen, authenticatePartner, bearerToken, type Citizen } from './authenticate';
import { type ParsedInput, parseRequest } from './parse-request';
import { problemFromError } from './problem-details';
import { isReply, type Reply } from './reply';
import type { RouteSpec } from './route';
import { securityHeaders } from './security-headers';

// The project's one middy stack: every HTTP Lambda is `export const handler = http(route, fn)`.
// Order: authenticate → parse and validate → the handler → security headers; any error becomes
// problem+json in `problemDetails`, and one access-log line without personal data is written.

type Caller<R extends RouteSpec> = R['auth'] extends 'partner'
  ? { partner: Partner }
  : R['auth'] extends 'citizen'
    ? { citizen: Citizen }
    : Record<string, never>;

export type HttpInput<R extends RouteSpec> = ParsedInput<R> &
  Caller<R> & { headers: Record<string, string | undefined>; requestId: string; sourceIp?: string };

export type HttpFunction<R extends RouteSpec> = (input: HttpInput<R>) => Promise<unknown>;

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

interface State {
  input?: unknown;
  startedAt: number;
}

export function http<R extends RouteSpec>(route: R, fn: HttpFunction<R>) {
  const state = new WeakMap<Context, State>();

  const base = async (_event: Event, context: Context): Promise<Result> => {
    const input = state.get(context)!.input as HttpInput<R>;
    return toResult(route, await fn(input));
  };

  return middy<Event, Result>(base)
    .use({
      before: async ({ event, context }) => {
        state.set(context, { startedAt: Date.now() });
        // Correlation keys for every line this invocation logs: API Gateway's request id (also in
        // the access log and the X-Ray trace) and, once authenticated, the partner.
        logger.addContext(context);
        logger.appendKeys({ apiRequestId: event.requestContext?.requestId ?? context.awsRequestId });
        const headers = event.headers ?? {};
        // Who calls comes first: an anonymous caller learns nothing of the schema (no 400/415 for
        // it) and never makes the function decode and validate a body of up to 1 MiB.
        const caller: Record<string, unknown> = {};
        if (route.auth === 'partner') {
          caller.partner = await authenticatePartner(bearerToken(headers));
          logger.appendKeys({ partnerId: (caller.partner as Partner).partnerId });
        }
        if (route.auth === 'citizen') caller.citizen = await authenticateCitizen(bearerToken(headers));
        const parsed = parseRequest(route, event);
        state.get(context)!.input = {
          ...parsed,
          ...caller,
          headers,
          requestId: event.requestContext?.requestId ?? context.awsRequestId,
          sourceIp: event.requestContext?.http?.sourceIp,
        };
      },
      after: async (request) => {
        request.response = securityHeaders(request.response!);
        accessLog(route, request.response.statusCode ?? 200, state.get(request.context));
      },
      onError: async (request) => {
        // An error may say what it counts (e.g. a refused barcode guess).
        const metric = (request.error as { metric?: MetricPoint } | null)?.metric;
        if (metric) recordMetric(metric.name, 1, metric.channel);
        if ((request.error as { status?: number } | null)?.status === undefined) {
          logger.error('unhandled error', {
            route: `${route.method} ${route.path}`,
            errorType: request.error?.name,
            // The message may be from a library; never the request body or its values.
            errorMessage: request.error?.message,
          });
        }
        request.response = securityHeaders(problemFromError(request.error));
        accessLog(route, request.response.statusCode ?? 500, state.get(request.context));
      },
    })
    .handler(base);
}

function toResult(route: RouteSpec, value: unknown): Result {
  if (isReply(value)) return fromReply(value);
  const status = route.successStatus ?? 200;
  if (value === undefined) return { statusCode: status === 200 ? 204 : status, headers: {}, body: '' };
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(value),
  };
}

function fromReply(value: Reply): Result {
  if (value.body instanceof Uint8Array) {
    return {
      statusCode: value.status,
      headers: value.headers ?? {},
      body: Buffer.from(value.body).toString('base64'),
      isBase64Encoded: true,
    };
  }
  return { statusCode: value.status, headers: value.headers ?? {}, body: value.body ?? '' };
}

function accessLog(route: RouteSpec, status: number, state: State | undefined): void {
  // The route template, never the raw path: paths carry tokens, codes and ids.
  logger.info('request', {
    route: `${route.method} ${route.path}`,
    status,
    durationMs: state ? Date.now() - state.startedAt : undefined,
  });
  logger.resetKeys();
}
