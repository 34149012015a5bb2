// s3rver (S3 on a folder) in this process, on an internal loopback port.
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

const require = createRequire(import.meta.url);

interface S3rverInstance {
  httpServer?: Server;
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}

const S3rver = require('s3rver') as new (options: Record<string, unknown>) => S3rverInstance;

// s3rver knows one dummy account and rejects other access keys; it does not verify SigV4 signatures.
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account') as {
  DUMMY_ACCOUNT: { accessKeys: Map<string, string>; createKeyPair(id: string, secret: string): void };
};

export interface S3rverBackend {
  port: number;
  close(): Promise<void>;
}

/** Lets any access key through, as AWS would for valid credentials: the local edge has no IAM. */
export function admitAccessKey(accessKeyId: string): void {
  if (!DUMMY_ACCOUNT.accessKeys.has(accessKeyId)) DUMMY_ACCOUNT.createKeyPair(accessKeyId, accessKeyId);
}

export async function startS3rver(directory: string): Promise<S3rverBackend> {
  mkdirSync(directory, { recursive: true });
  admitAccessKey('test');
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    allowMismatchedSignatures: true,
  });
  const { port } = await server.run();
  return {
    port,
    close: async () => {
      const closing = server.close();
      server.httpServer?.closeAllConnections();
      await closing;
    },
  };
}
