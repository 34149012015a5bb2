// DynamoDB at the edge: dynalite's own request handler, plus the operations it lacks (transactions,
// time to live) answered here in the same JSON 1.0 protocol.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { parseJsonObject, readBody, sendJson } from '../http-util';
import { sendAccessDenied } from '../iam/access-denied';
import type { RequestIam } from '../iam/authorizer';
import { dynamoDbRequests } from '../iam/iam-requests';
import { startDynalite } from './dynalite-backend';
import { DynaliteClient, DynamoError } from './dynalite-client';
import { TimeToLive } from './time-to-live';
import { TransactionCanceled, Transactions } from './transactions';

const CONTENT_TYPE = 'application/x-amz-json-1.0';
const NAMESPACE = 'com.amazonaws.dynamodb.v20120810';
const TTL_SWEEP_INTERVAL_MS = 30_000;

export interface DynamoDbEdge {
  handle(req: IncomingMessage, res: ServerResponse, iam?: RequestIam): Promise<void>;
  sweepExpiredItems(nowMs?: number): Promise<number>;
  close(): Promise<void>;
}

export async function startDynamoDb(folder: string): Promise<DynamoDbEdge> {
  const backend = await startDynalite(join(folder, 'leveldb'));
  const client = new DynaliteClient(backend);
  const transactions = new Transactions(client);
  const ttl = new TimeToLive(join(folder, 'time-to-live.json'), client);
  ttl.startSweeping(TTL_SWEEP_INTERVAL_MS);

  const ownOperations: Record<string, (input: Record<string, unknown>) => Promise<unknown>> = {
    TransactWriteItems: (input) => transactions.write(input),
    TransactGetItems: (input) => transactions.read(input),
    UpdateTimeToLive: (input) => ttl.update(input),
    DescribeTimeToLive: (input) => ttl.describe(input),
  };

  async function answerOwn(
    res: ServerResponse,
    body: Buffer,
    run: (input: Record<string, unknown>) => Promise<unknown>,
  ) {
    try {
      sendJson(res, 200, await run(parseJsonObject(body)), {}, CONTENT_TYPE);
    } catch (err) {
      const [status, error] = errorAnswer(err);
      sendJson(res, status, error, {}, CONTENT_TYPE);
    }
  }

  return {
    async handle(req, res, iam) {
      const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const body = await readBody(req);
      if (iam) {
        const input = parseOrUndefined(body);
        // A body that is not JSON is refused by the operation itself (SerializationException).
        const denial =
          input && (await iam.authorize(dynamoDbRequests(operation, input, iam.scope), operation));
        if (denial) return sendAccessDenied(res, 'dynamodb', denial);
      }
      const own = ownOperations[operation];
      if (own) return answerOwn(res, body, own);
      if (operation === 'DeleteTable') {
        res.once('finish', () => {
          if (res.statusCode !== 200) return;
          const table = String(parseJsonObject(body)['TableName']);
          ttl.forget(table);
          transactions.forget(table);
        });
      }
      backend.serve(req, body, res);
    },
    sweepExpiredItems: (nowMs) => ttl.sweep(nowMs),
    async close() {
      await ttl.stop();
      await backend.close();
    },
  };
}

function parseOrUndefined(body: Buffer): Record<string, unknown> | undefined {
  try {
    return parseJsonObject(body);
  } catch {
    return undefined;
  }
}

/** An error as DynamoDB answers it: `__type` with the service's namespace, `message`, and extras. */
function errorAnswer(err: unknown): [number, Record<string, unknown>] {
  if (err instanceof SyntaxError) {
    return [400, { __type: 'com.amazon.coral.service#SerializationException', message: err.message }];
  }
  if (err instanceof DynamoError) {
    const body: Record<string, unknown> = { __type: `${NAMESPACE}#${err.type}`, message: err.message };
    if (err instanceof TransactionCanceled) body['CancellationReasons'] = err.reasons;
    return [err.status, body];
  }
  console.error('edge: DynamoDB operation failed', err);
  return [500, { __type: `${NAMESPACE}#InternalServerError`, message: String(err) }];
}
