// Forwards a request to an internal emulator byte for byte. The Host header is passed through
// unchanged: emulators that look at it (s3rver's virtual-host buckets) must see what the client signed.
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface ProxyTarget {
  port: number;
  agent: http.Agent;
}

export function proxyTarget(port: number): ProxyTarget {
  return { port, agent: new http.Agent({ keepAlive: true, maxSockets: 64 }) };
}

export interface ForwardOptions {
  /** Replaces the request body (already read, or transformed); the request stream is used otherwise. */
  body?: Buffer | Readable;
  headers?: IncomingHttpHeaders;
}

/** Sends the request to the target and resolves with its response, not yet relayed. */
export function forward(req: IncomingMessage, target: ProxyTarget, options: ForwardOptions = {}) {
  const headers = options.headers ?? req.headers;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: target.port,
        method: req.method,
        path: req.url,
        headers,
        agent: target.agent,
      },
      resolve,
    );
    upstream.on('error', reject);
    const body = options.body ?? req;
    if (Buffer.isBuffer(body)) upstream.end(body);
    else pipeline(body, upstream).catch(reject);
  });
}

/** Relays an upstream response to the client unchanged. */
export async function relay(upstream: IncomingMessage, res: ServerResponse): Promise<void> {
  res.writeHead(upstream.statusCode ?? 502, upstream.statusMessage, upstream.rawHeaders);
  await pipeline(upstream, res);
}

export async function proxy(
  req: IncomingMessage,
  res: ServerResponse,
  target: ProxyTarget,
  options: ForwardOptions = {},
) {
  await relay(await forward(req, target, options), res);
}

export async function readResponse(upstream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of upstream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
