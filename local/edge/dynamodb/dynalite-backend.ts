// dynalite (DynamoDB on LevelDB) in this process, on an internal loopback port.

import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { cacheParses } from './expression-cache';

const require = createRequire(import.meta.url);

interface DynaliteOptions {
  path: string;
  createTableMs: number;
  deleteTableMs: number;
  updateTableMs: number;
}

const dynalite = require('dynalite') as (options: DynaliteOptions) => Server;

type Callback = (err: Error | null, value?: unknown) => void;
interface DynaliteStore {
  getTable(name: string, checkStatus: boolean | Callback, cb?: Callback): void;
  tableDb: Record<'put' | 'del', (key: string, ...rest: unknown[]) => void>;
}
const dynaliteDb = require('dynalite/db') as { create(options: unknown): DynaliteStore };

/**
 * dynalite reads a table's definition from LevelDB before every item operation: a quarter of its
 * work here. Its store is wrapped so that item operations read ACTIVE definitions from memory; any
 * write of a definition (create, update, delete table) drops the cached one first.
 */
function cacheTableDefinitions(store: DynaliteStore): DynaliteStore {
  const active = new Map<string, unknown>();
  const getTable = store.getTable.bind(store);
  store.getTable = (name, checkStatus, cb) => {
    const callback = (typeof checkStatus === 'function' ? checkStatus : cb) as Callback;
    // Table operations (checkStatus false) always read the stored definition: they may change it.
    if (checkStatus === false) return getTable(name, false, callback);
    const cached = active.get(name);
    if (cached) return process.nextTick(callback, null, cached);
    getTable(name, true, (err, table) => {
      if (!err && (table as { TableStatus?: string }).TableStatus === 'ACTIVE') active.set(name, table);
      callback(err, table);
    });
  };
  for (const method of ['put', 'del'] as const) {
    const original = store.tableDb[method].bind(store.tableDb);
    store.tableDb[method] = (key: string, ...rest: unknown[]) => {
      active.delete(key);
      original(key, ...rest);
    };
  }
  return store;
}

const createStore = dynaliteDb.create;
dynaliteDb.create = (options) => cacheTableDefinitions(createStore(options));

// The parser modules are the ones dynalite's request validation holds (one module instance each).
cacheParses({
  condition: require('dynalite/db/conditionParser'),
  update: require('dynalite/db/updateParser'),
  projection: require('dynalite/db/projectionParser'),
});

/** What dynalite's handler uses of a request: it reads the body from the 'data' and 'end' events. */
type RequestHead = Pick<IncomingMessage, 'headers' | 'method' | 'url'>;
/** What dynalite's handler uses of a response. */
type ResponseSink = Pick<ServerResponse, 'statusCode' | 'setHeader' | 'end'>;

export interface DynaliteAnswer {
  status: number;
  text: string;
}

export interface DynaliteBackend {
  /**
   * Hands a request whose body was already read straight to dynalite's handler: no second HTTP hop.
   * dynalite rethrows request stream errors, which would crash the process when a client hangs up,
   * so it is given an in-memory copy of the request instead of the socket's stream.
   */
  serve(req: RequestHead, body: Buffer, res: ResponseSink): void;
  /**
   * The edge's own calls (transactions, TTL sweeps): dynalite's handler answers into memory, so a
   * transaction's reads and writes cost no HTTP round trip each (two for every item it touches).
   */
  answer(headers: IncomingMessage['headers'], body: Buffer): Promise<DynaliteAnswer>;
  close(): Promise<void>;
}

export async function startDynalite(folder: string): Promise<DynaliteBackend> {
  mkdirSync(folder, { recursive: true });
  // Tables are ACTIVE at once: the local runtime creates them at boot and uses them straight away.
  const server = dynalite({ path: folder, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  // Nothing connects to its port (requests are handed to its handler), but its close() is the HTTP
  // server's and closes LevelDB only after a listening server has closed.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  function serve(req: RequestHead, body: Buffer, res: ResponseSink): void {
    // dynalite only listens for 'data', 'end' and 'error': a plain emitter will do, cheaper than a stream.
    const copy = Object.assign(new EventEmitter(), {
      headers: req.headers,
      method: req.method,
      url: req.url,
    });
    server.emit('request', copy, res);
    if (body.length > 0) copy.emit('data', body);
    copy.emit('end');
  }
  return {
    serve,
    answer: (headers, body) =>
      new Promise<DynaliteAnswer>((resolve, reject) => {
        const sink = {
          statusCode: 200,
          setHeader: () => sink,
          end: (body?: string | Buffer) => {
            resolve({ status: sink.statusCode, text: body === undefined ? '' : body.toString() });
            return sink;
          },
        };
        try {
          serve({ headers, method: 'POST', url: '/' }, body, sink as unknown as ResponseSink);
        } catch (err) {
          reject(err);
        }
      }),
    // dynalite's close() waits for pending LevelDB writes and then closes the database.
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
