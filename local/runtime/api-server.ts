import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FOREIGN_HOST_MESSAGE, isLoopbackHostHeader } from '../edge/loopback-host';
import { type ApiRoute, matchRoute } from './api-routes';
import type { LambdaHost } from './lambda-host';

// The local API Gateway: turns HTTP requests into API Gateway HTTP API payload v2.0 events (the
// shape serverless-offline builds), invokes the route's Lambda and turns its answer back into HTTP.

const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024; // API Gateway's own limit
const TEXT_TYPES = /^(application\/(json|problem\+json|x-www-form-urlencoded|xml|javascript)|text\/)/i;

export type LocalPage = (request: IncomingMessage, response: ServerResponse) => boolean;

export interface ApiServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** What the server serves; filled in once the template is provisioned (the URL is needed first). */
export interface ApiServerState {
  routes: ApiRoute[];
  lambdas?: Pick<LambdaHost, 'invoke'>;
  /** Local-only pages answered when no route matches (the start page). Returns true when handled. */
  localPages?: LocalPage;
}

export async function startApiServer(port: number, options: ApiServerState): Promise<ApiServer> {
  const server = createServer((request, response) => {
    handle(request, response, options).catch((error) => {
      if (!response.headersSent) {
        response.writeHead(502, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: 'Internal Server Error' }));
      }
      process.stderr.write(`local API error: ${(error as Error).stack}\n`);
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: ApiServerState,
): Promise<void> {
  if (!isLoopbackHostHeader(request.headers.host)) {
    response.writeHead(403, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ message: FOREIGN_HOST_MESSAGE }));
    return;
  }
  if (!options.lambdas) {
    response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
    response.end(JSON.stringify({ message: 'docshare is starting' }));
    return;
  }
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = (request.method ?? 'GET').toUpperCase();
  const matched = matchRoute(options.routes, method, url.pathname);
  if (!matched) {
    if (options.localPages?.(request, response)) return;
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ message: 'Not Found' }));
    return;
  }
  const body = await readBody(request);
  if (body === undefined) {
    response.writeHead(413, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ message: 'Request Entity Too Large' }));
    return;
  }
  const event = toEvent(request, url, method, body, matched.route, matched.pathParameters);
  let result: unknown;
  try {
    result = await withTimeout(
      options.lambdas.invoke(matched.route.functionName, event),
      matched.route.timeoutMs,
    );
  } catch (error) {
    // As API Gateway: past the integration timeout the caller gets 503 (the function runs on).
    if (error === TIMED_OUT) {
      response.writeHead(503, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'Service Unavailable' }));
      return;
    }
    // A body the function cannot be invoked with (over Lambda's 6 MB once base64-encoded).
    if ((error as Error).name === 'RequestEntityTooLargeException') {
      response.writeHead(413, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'Request Entity Too Large' }));
      return;
    }
    response.writeHead(500, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ message: 'Internal Server Error' }));
    return;
  }
  writeResult(response, result);
}

const TIMED_OUT = Symbol('integration timeout');

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(TIMED_OUT), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_PAYLOAD_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function toEvent(
  request: IncomingMessage,
  url: URL,
  method: string,
  body: Buffer,
  route: ApiRoute,
  pathParameters: Record<string, string>,
) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const cookies = request.headers.cookie?.split(';').map((cookie) => cookie.trim());
  const queryStringParameters: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    queryStringParameters[key] =
      key in queryStringParameters ? `${queryStringParameters[key]},${value}` : value;
  }
  const isText = TEXT_TYPES.test(headers['content-type'] ?? 'application/json');
  const now = new Date();
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies,
    headers,
    queryStringParameters: url.search ? queryStringParameters : undefined,
    pathParameters: Object.keys(pathParameters).length > 0 ? pathParameters : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: body.length > 0 ? (isText ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !isText,
  };
}

function writeResult(response: ServerResponse, result: unknown): void {
  // Payload v2: an object with statusCode is a full response; anything else is JSON with 200.
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(result));
    return;
  }
  const full = result as {
    statusCode: number;
    headers?: Record<string, string>;
    body?: string;
    isBase64Encoded?: boolean;
    cookies?: string[];
  };
  const headers: Record<string, string | string[]> = { ...full.headers };
  if (full.cookies?.length) headers['set-cookie'] = full.cookies;
  const body = full.body ? Buffer.from(full.body, full.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  if (!headers['content-type'] && body.length > 0) headers['content-type'] = 'application/json';
  response.writeHead(full.statusCode, headers);
  response.end(body);
}
