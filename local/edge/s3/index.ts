// S3 at the edge: s3rver behind a proxy that keeps the Host header (path- and virtual-host-style
// addressing both depend on it) and decodes aws-chunked uploads so objects are stored byte-exact.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http-util';
import { type ProxyTarget, proxy, proxyTarget } from '../proxy';
import type { CredentialScope } from '../service-routing';
import { AwsChunkedDecoder, dechunkedHeaders, isAwsChunked } from './aws-chunked';
import { admitAccessKey, startS3rver } from './s3rver-backend';

export interface S3Edge {
  handle(req: IncomingMessage, res: ServerResponse, scope: CredentialScope | undefined): Promise<void>;
  close(): Promise<void>;
}

export async function startS3(directory: string): Promise<S3Edge> {
  const backend = await startS3rver(directory);
  const target: ProxyTarget = proxyTarget(backend.port);
  return {
    async handle(req, res, scope) {
      if (scope) admitAccessKey(scope.accessKeyId);
      if (!isAwsChunked(req.headers)) return proxy(req, res, target);
      const declared = Number(req.headers['x-amz-decoded-content-length']);
      const decoded = req.pipe(new AwsChunkedDecoder());
      if (Number.isInteger(declared) && declared >= 0) {
        return proxy(req, res, target, { body: decoded, headers: dechunkedHeaders(req.headers, declared) });
      }
      // No declared length: decode it all first to learn it.
      const body = await readBody(decoded);
      return proxy(req, res, target, { body, headers: dechunkedHeaders(req.headers, body.length) });
    },
    async close() {
      target.agent.destroy();
      await backend.close();
    },
  };
}
