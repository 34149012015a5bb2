// dynalite (DynamoDB on LevelDB) in this process, on an internal loopback port.
import { mkdirSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';

const require = createRequire(import.meta.url);

interface DynaliteOptions {
  path: string;
  createTableMs: number;
  deleteTableMs: number;
  updateTableMs: number;
}

const dynalite = require('dynalite') as (options: DynaliteOptions) => Server;

export interface DynaliteBackend {
  port: number;
  /**
   * Hands a request whose body was already read straight to dynalite's handler: no second HTTP hop.
   * dynalite rethrows request stream errors, which would crash the process when a client hangs up,
   * so it is given a finished in-memory copy of the request instead of the socket's stream.
   */
  serve(req: IncomingMessage, body: Buffer, res: ServerResponse): void;
  close(): Promise<void>;
}

export async function startDynalite(folder: string): Promise<DynaliteBackend> {
  mkdirSync(folder, { recursive: true });
  // Tables are ACTIVE at once: the local runtime creates them at boot and uses them straight away.
  const server = dynalite({ path: folder, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    serve(req, body, res) {
      const copy = Object.assign(new PassThrough(), {
        headers: req.headers,
        method: req.method,
        url: req.url,
      });
      copy.end(body);
      server.emit('request', copy, res);
    },
    // dynalite's close() waits for pending LevelDB writes and then closes the database.
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
