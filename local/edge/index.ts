// The embedded AWS edge: one loopback HTTP port speaking the real AWS wire protocols, like LocalStack's
// 4566. Requests are routed by their SigV4 credential scope (see service-routing.ts) to dynalite, s3rver
// and aws-ses-v2-local running in this process on internal ports, or to in-process emulators (KMS,
// Step Functions, Lambda Invoke). Everything persists under one data directory.
import { mkdirSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { LambdaInvoker } from './aws-json-service';
import { Chaos, chaosTarget, sendFault } from './chaos';
import { type DynamoDbEdge, startDynamoDb } from './dynamodb';
import { clientHungUp, sendJson } from './http-util';
import { sendAccessDenied } from './iam/access-denied';
import { IamAuthorizer, type IamDirectory, type RequestIam, requestIam } from './iam/authorizer';
import { lambdaInvokeRequests, s3Requests } from './iam/iam-requests';
import { presignedSignatureMatches } from './iam/presigned-url';
import { answerJsonProtocol } from './json-protocol';
import { createJsonServices, type JsonServices } from './json-services';
import { answerLambda } from './lambda-invoke';
import { FOREIGN_HOST_MESSAGE, isLoopbackHostHeader } from './loopback-host';
import { type S3Edge, startS3 } from './s3';
import { credentialScope, identifyService } from './service-routing';
import { type SesEdge, startSes } from './ses';

export type { LambdaInvoker } from './aws-json-service';

export interface Edge {
  url: string;
  port: number;
  close(): Promise<void>;
  /**
   * Requests received since start, for benchmarks: per `X-Amz-Target` header (e.g. `TrentService.Sign`),
   * and for the REST services as `S3.<METHOD>`, `SESv2.SendEmail`, `Lambda.Invoke`.
   */
  readonly targetCounts: ReadonlyMap<string, number>;
  /** The same, per calling function (`<function> <operation>`), once IAM knows the callers' keys. */
  readonly callerCounts: ReadonlyMap<string, number>;
  /** Deletes DynamoDB items whose TTL attribute is in the past now (the sweeper also runs every 30 s). */
  sweepExpiredItems(nowMs?: number): Promise<number>;
  /**
   * From now on, judges every request signed with a function's credentials against its role's policies
   * (local/edge/iam): a call its role does not allow is refused with AWS's AccessDenied.
   */
  enforceIam(directory: IamDirectory): void;
}

export interface EdgeOptions {
  /** 0 = a random free port. */
  port?: number;
  /** Only ever a loopback address: the edge has no authentication. */
  host?: string;
  /** Persistence root: <dataDir>/dynamodb, /s3, /ses, /kms, /stepfunctions, /sqs. */
  dataDir: string;
  region?: string;
  accountId?: string;
  /** Runs local Lambda functions, for Step Functions tasks and the Lambda Invoke API. */
  invokeLambda?: LambdaInvoker;
}

interface Backends {
  dynamodb: DynamoDbEdge;
  s3: S3Edge;
  ses: SesEdge;
  json: JsonServices;
}

export async function startEdge(opts: EdgeOptions): Promise<Edge> {
  const region = opts.region ?? 'us-east-1';
  const accountId = opts.accountId ?? '000000000000';
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopback(host)) throw new Error(`the edge has no authentication: bind it to loopback, not ${host}`);
  mkdirSync(opts.dataDir, { recursive: true });
  let edgeUrl = ''; // known once the port is bound; SQS queue URLs point at it
  let authorizer: IamAuthorizer | undefined;
  const invokeLambda =
    opts.invokeLambda && withExecutionRole(opts.invokeLambda, () => authorizer, region, accountId);
  const backends = await startBackends(opts.dataDir, region, accountId, invokeLambda, () => edgeUrl);
  const targetCounts = new Map<string, number>();
  const callerCounts = new Map<string, number>();
  const chaos = new Chaos();

  const server = http.createServer((req, res) => {
    route(req, res).catch((err) => {
      if (!clientHungUp(req, err)) console.error('edge: request failed', err);
      if (res.headersSent) res.destroy();
      else
        sendJson(
          res,
          500,
          { __type: 'InternalFailure', message: String(err) },
          { 'x-amzn-ErrorType': 'InternalFailure' },
        );
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopbackHostHeader(req.headers.host)) {
      return sendJson(res, 403, { __type: 'AccessDeniedException', message: FOREIGN_HOST_MESSAGE });
    }
    const url = new URL(`http://edge${req.url ?? '/'}`);
    const target = req.headers['x-amz-target'];
    if (url.pathname === '/_edge/health' || url.pathname === '/_localstack/health') {
      return sendJson(res, 200, { services: health(opts.invokeLambda) });
    }
    if (url.pathname.startsWith('/_aws/ses') && backends.ses.handleRetrospection(req, res, url)) return;
    if (url.pathname.startsWith('/_localstack/chaos/') && (await chaos.handleApi(req, res, url.pathname)))
      return;
    const scope = credentialScope(req.headers, url);
    const service = identifyService(req.headers, url);
    const counted =
      typeof target === 'string' ? target : countedRestOperation(service, req.method ?? 'GET', url.pathname);
    if (counted) targetCounts.set(counted, (targetCounts.get(counted) ?? 0) + 1);
    await chaos.delay();
    const chaosRequest = chaosTarget(service, req, url, scope?.region ?? region);
    const fault = chaos.fault(chaosRequest);
    if (fault) {
      req.resume(); // the body is not read: the request fails as a whole, as on AWS
      return sendFault(res, chaosRequest, fault);
    }
    const principal = authorizer?.principalForAccessKey(scope?.accessKeyId);
    if (principal && counted) {
      const caller = `${principal.arn.split('/').pop()} ${counted}`;
      callerCounts.set(caller, (callerCounts.get(caller) ?? 0) + 1);
    }
    const iam =
      authorizer && principal
        ? requestIam(authorizer, principal, { region: scope?.region ?? region, accountId })
        : undefined;
    switch (service) {
      case 'dynamodb':
        return backends.dynamodb.handle(req, res, iam);
      case 'ses':
        return backends.ses.handle(req, res, url, scope?.region ?? region, iam);
      case 'kms':
      case 'states':
      case 'sqs': {
        const contentType = service === 'kms' ? 'application/x-amz-json-1.1' : 'application/x-amz-json-1.0';
        return answerJsonProtocol(req, res, backends.json[service], contentType, iam);
      }
      case 'lambda':
        return answerLambda(req, res, url, { region, accountId }, invokeLambda, iam);
      default:
        if (authorizer && iam && (await refusedByS3Iam(req, res, url, authorizer, iam))) return;
        return backends.s3.handle(req, res, scope);
    }
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => resolve());
    });
  } catch (err) {
    await closeBackends(backends);
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  edgeUrl = `http://${urlHost}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    targetCounts,
    callerCounts,
    sweepExpiredItems: (nowMs) => backends.dynamodb.sweepExpiredItems(nowMs),
    enforceIam(directory) {
      authorizer = new IamAuthorizer(directory);
    },
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await stopped;
        await closeBackends(backends);
      })();
      return closing;
    },
  };
}

async function startBackends(
  dataDir: string,
  region: string,
  accountId: string,
  invokeLambda: LambdaInvoker | undefined,
  edgeUrl: () => string,
): Promise<Backends> {
  const started = await Promise.allSettled([
    startDynamoDb(join(dataDir, 'dynamodb')),
    startS3(join(dataDir, 's3')),
    startSes(join(dataDir, 'ses')),
  ]);
  const [dynamodb, s3, ses] = started;
  if (dynamodb.status === 'fulfilled' && s3.status === 'fulfilled' && ses.status === 'fulfilled') {
    try {
      const json = createJsonServices({ dataDir, region, accountId, invokeLambda, edgeUrl });
      return { dynamodb: dynamodb.value, s3: s3.value, ses: ses.value, json };
    } catch (err) {
      await Promise.allSettled([dynamodb.value.close(), s3.value.close(), ses.value.close()]);
      throw err;
    }
  }
  await Promise.allSettled(
    started.map((result) => (result.status === 'fulfilled' ? result.value.close() : undefined)),
  );
  const failure = started.find((result) => result.status === 'rejected');
  throw failure?.reason;
}

async function closeBackends(backends: Backends): Promise<void> {
  const results = await Promise.allSettled([
    backends.dynamodb.close(),
    backends.s3.close(),
    backends.ses.close(),
    backends.json.kms.close?.(),
    backends.json.states.close?.(),
    backends.json.sqs.close?.(),
  ]);
  for (const result of results)
    if (result.status === 'rejected') console.error('edge: close failed', result.reason);
}

function health(invokeLambda: LambdaInvoker | undefined): Record<string, string> {
  return {
    dynamodb: 'running',
    s3: 'running',
    ses: 'running',
    kms: 'running',
    states: 'running',
    sqs: 'running',
    lambda: invokeLambda ? 'running' : 'unavailable',
  };
}

/**
 * What S3 refuses before reading a function's request: a presigned URL edited after signing
 * (SignatureDoesNotMatch), a call the role may not make (AccessDenied). True when it answered.
 */
async function refusedByS3Iam(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  authorizer: IamAuthorizer,
  iam: RequestIam,
): Promise<boolean> {
  const method = req.method ?? 'GET';
  const signed = await presignedSignatureMatches(method, req.headers.host, url, (key) =>
    authorizer.secretFor(key),
  );
  const refusal =
    signed === false
      ? { code: 'SignatureDoesNotMatch', message: SIGNATURE_MISMATCH }
      : await iam
          .authorize(s3Requests(method, req.headers.host, url, req.headers), `s3 ${method} ${url.pathname}`)
          .then((denial) => denial && { code: 'AccessDenied', message: denial });
  if (!refusal) return false;
  req.resume();
  if (refusal.code === 'AccessDenied') sendAccessDenied(res, 's3', refusal.message);
  else sendFault(res, { service: 's3' }, { statusCode: 403, code: refusal.code }, refusal.message);
  return true;
}

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your key and signing method.';

/**
 * Step Functions invokes a task's function with the state machine's execution role: a role that may
 * not invoke it fails the task as on AWS (Lambda.AWSLambdaException, the AccessDenied in the cause).
 */
function withExecutionRole(
  invoke: LambdaInvoker,
  authorizer: () => IamAuthorizer | undefined,
  region: string,
  accountId: string,
): LambdaInvoker {
  return async (name, payload, caller) => {
    const iam = authorizer();
    const principal = caller?.roleArn ? iam?.principalForRole(caller.roleArn, 'states') : undefined;
    if (iam && principal) {
      const denial = await iam.check(
        principal,
        lambdaInvokeRequests(name, { region, accountId }),
        'lambda:InvokeFunction',
      );
      if (denial) {
        const error = new Error(
          `${denial} (Service: Lambda, Status Code: 403, Error Code: AccessDeniedException)`,
        );
        error.name = 'Lambda.AWSLambdaException';
        throw error;
      }
    }
    return invoke(name, payload, caller);
  };
}

/** The REST-protocol requests benchmarks count (JSON services are counted by X-Amz-Target). */
function countedRestOperation(service: string, method: string, pathname: string): string | undefined {
  if (service === 's3') return `S3.${method}`;
  if (service === 'ses' && /\/v2\/email\/outbound-emails\/?$/.test(pathname)) return 'SESv2.SendEmail';
  if (service === 'lambda' && pathname.endsWith('/invocations')) return 'Lambda.Invoke';
  return undefined;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
