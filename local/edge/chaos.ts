// LocalStack's Chaos API on the embedded edge (api.md § Local runtime), so that fault-injection tests
// run the same against LocalStack Pro: `/_localstack/chaos/faults` (GET lists, POST replaces, PATCH
// adds, DELETE removes the rules given) and `/_localstack/chaos/effects` (GET, POST `{ latency }` in
// ms). A rule `{ service?, region?, operation?, probability?, error?: { statusCode, code } }` matches a
// request when every field it names matches (service and region case-insensitively, the operation by
// its API name), then fires with `probability` (default 1). The fault reaches the SDK as the error
// response of that service's protocol, so clients see exactly what AWS would have sent. Hand-written:
// no library emulates LocalStack's chaos endpoints.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from './http-util';
import type { EdgeService } from './service-routing';

export interface FaultRule {
  service?: string;
  region?: string;
  operation?: string;
  probability?: number;
  error?: { statusCode?: number; code?: string };
}

export interface ChaosEffects {
  latency?: number;
}

const DEFAULT_ERROR = { statusCode: 503, code: 'ServiceUnavailable' };
const FAULTS = '/_localstack/chaos/faults';
const EFFECTS = '/_localstack/chaos/effects';

/** What a request is, in the terms a fault rule names. */
export interface ChaosTarget {
  /** The botocore service name LocalStack uses: dynamodb, s3, kms, stepfunctions, sqs, ses, sesv2, lambda. */
  service: string;
  region: string;
  operation?: string;
}

export class Chaos {
  private faults: FaultRule[] = [];
  private effects: ChaosEffects = {};

  /** Answers the Chaos API; false when the request is not for it. */
  async handleApi(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    if (pathname !== FAULTS && pathname !== EFFECTS) return false;
    const body =
      req.method === 'GET' ? undefined : parseJson((await readBody(req, 1024 * 1024)).toString('utf8'));
    if (body instanceof Error) {
      sendJson(res, 400, { error: body.message });
      return true;
    }
    if (pathname === EFFECTS) {
      if (req.method === 'POST') {
        const latency = (body as ChaosEffects | undefined)?.latency;
        if (latency !== undefined && (!Number.isFinite(latency) || latency < 0)) {
          sendJson(res, 400, { error: 'latency must be a number of milliseconds >= 0' });
          return true;
        }
        this.effects = { latency: latency ?? 0 };
      } else if (req.method !== 'GET') {
        sendJson(res, 405, { error: `${req.method} is not supported on ${EFFECTS}` });
        return true;
      }
      sendJson(res, 200, { latency: this.effects.latency ?? 0 });
      return true;
    }
    const rules = body === undefined ? [] : toRules(body);
    if (rules instanceof Error) {
      sendJson(res, 400, { error: rules.message });
      return true;
    }
    switch (req.method) {
      case 'GET':
        break;
      case 'POST':
        this.faults = rules;
        break;
      case 'PATCH':
        this.faults = [...this.faults, ...rules];
        break;
      case 'DELETE': {
        const gone = new Set(rules.map((rule) => canonical(rule)));
        this.faults = this.faults.filter((rule) => !gone.has(canonical(rule)));
        break;
      }
      default:
        sendJson(res, 405, { error: `${req.method} is not supported on ${FAULTS}` });
        return true;
    }
    sendJson(res, 200, this.faults);
    return true;
  }

  /** The configured latency, waited before an AWS request is handled. */
  async delay(): Promise<void> {
    const latency = this.effects.latency ?? 0;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
  }

  /** The rule that fires for this request, if any. */
  fault(target: ChaosTarget): Required<NonNullable<FaultRule['error']>> | undefined {
    for (const rule of this.faults) {
      if (rule.service && rule.service.toLowerCase() !== target.service) continue;
      if (rule.region && rule.region.toLowerCase() !== target.region.toLowerCase()) continue;
      if (rule.operation && rule.operation !== target.operation) continue;
      if (Math.random() >= (rule.probability ?? 1)) continue;
      return {
        statusCode: rule.error?.statusCode ?? DEFAULT_ERROR.statusCode,
        code: rule.error?.code ?? DEFAULT_ERROR.code,
      };
    }
    return undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    return new Error('the body is not JSON');
  }
}

function toRules(body: unknown): FaultRule[] | Error {
  if (!Array.isArray(body)) return new Error('faults are a JSON array of rules');
  for (const rule of body) {
    if (typeof rule !== 'object' || rule === null || Array.isArray(rule))
      return new Error('a rule is an object');
    const { probability, error } = rule as FaultRule;
    if (
      probability !== undefined &&
      !(typeof probability === 'number' && probability >= 0 && probability <= 1)
    ) {
      return new Error('probability is a number from 0 to 1');
    }
    if (error !== undefined && (typeof error !== 'object' || error === null))
      return new Error('error is an object');
    if (
      error?.statusCode !== undefined &&
      !(Number.isInteger(error.statusCode) && error.statusCode >= 400 && error.statusCode <= 599)
    ) {
      return new Error('error.statusCode is an HTTP error status');
    }
  }
  return body as FaultRule[];
}

const canonical = (rule: FaultRule) =>
  JSON.stringify([
    rule.service,
    rule.region,
    rule.operation,
    rule.probability,
    rule.error?.statusCode,
    rule.error?.code,
  ]);

const S3_BY_METHOD: Record<string, [bucketLevel: string, objectLevel: string]> = {
  GET: ['ListObjectsV2', 'GetObject'],
  HEAD: ['HeadBucket', 'HeadObject'],
  PUT: ['CreateBucket', 'PutObject'],
  DELETE: ['DeleteBucket', 'DeleteObject'],
  POST: ['DeleteObjects', 'CompleteMultipartUpload'],
};

/** The service (LocalStack's name) and operation of an AWS request, as far as headers and URL tell. */
export function chaosTarget(
  service: EdgeService,
  req: IncomingMessage,
  url: URL,
  region: string,
): ChaosTarget {
  const target = req.headers['x-amz-target'];
  const operation = typeof target === 'string' ? target.split('.').pop() : undefined;
  switch (service) {
    case 'states':
      return { service: 'stepfunctions', region, operation };
    case 'lambda':
      return {
        service: 'lambda',
        region,
        operation: /\/invocations$/.test(url.pathname) ? 'Invoke' : undefined,
      };
    case 'ses':
      return url.pathname.startsWith('/v2/')
        ? {
            service: 'sesv2',
            region,
            operation: /\/v2\/email\/outbound-emails$/.test(url.pathname) ? 'SendEmail' : undefined,
          }
        : { service: 'ses', region };
    case 's3': {
      const [, , key] = url.pathname.split('/');
      const pair = S3_BY_METHOD[req.method ?? 'GET'];
      return { service: 's3', region, operation: pair ? pair[key ? 1 : 0] : undefined };
    }
    default:
      return { service, region, operation };
  }
}

/** The fault as the service's own protocol answers an error. */
export function sendFault(
  res: ServerResponse,
  target: Pick<ChaosTarget, 'service'>,
  error: { statusCode: number; code: string },
  message = `Injected by the chaos API: ${error.code}`,
): void {
  const requestId = randomUUID();
  if (target.service === 's3') {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code><Message>${escapeXml(message)}</Message><RequestId>${requestId}</RequestId></Error>`;
    res.writeHead(error.statusCode, { 'Content-Type': 'application/xml', 'x-amz-request-id': requestId });
    res.end(xml);
    return;
  }
  if (target.service === 'ses') {
    const type = error.statusCode < 500 ? 'Sender' : 'Receiver';
    const xml = `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>${type}</Type><Code>${error.code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    res.writeHead(error.statusCode, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId });
    res.end(xml);
    return;
  }
  // JSON 1.0/1.1 (DynamoDB, KMS, Step Functions, SQS) and REST-JSON (Lambda, SES v2) both carry the
  // error's name in X-Amzn-ErrorType and `__type`.
  const contentType =
    target.service === 'kms'
      ? 'application/x-amz-json-1.1'
      : target.service === 'lambda' || target.service === 'sesv2'
        ? 'application/json'
        : 'application/x-amz-json-1.0';
  sendJson(
    res,
    error.statusCode,
    { __type: error.code, message, Message: message },
    { 'x-amzn-ErrorType': error.code, 'x-amzn-RequestId': requestId },
    contentType,
  );
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
