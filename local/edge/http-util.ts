// Small helpers for the edge's own answers (the proxied services answer for themselves).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Reads a whole request (or stream) body; refuses bodies over `limit` bytes so a runaway client can't exhaust memory. */
export async function readBody(req: AsyncIterable<unknown>, limit = 64 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new Error(`request body over ${limit} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = 'application/json',
): void {
  const payload = Buffer.from(body === undefined ? '' : JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': payload.length, ...headers });
  res.end(payload);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string | Buffer,
  contentType: string,
): void {
  const payload = typeof text === 'string' ? Buffer.from(text) : text;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': payload.length });
  res.end(payload);
}

/** Parses a JSON request body into an object; an empty body is `{}` as AWS treats it. */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  const parsed: unknown = JSON.parse(body.toString('utf8'));
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SyntaxError('request body is not a JSON object');
  }
  return parsed as Record<string, unknown>;
}

export function requestId(): string {
  return randomUUID();
}

/** True when a request failed only because its client hung up mid-transfer: not the edge's error to log. */
export function clientHungUp(req: IncomingMessage, err: unknown): boolean {
  const code = (err as { code?: string } | undefined)?.code ?? '';
  return req.destroyed && ['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE'].includes(code);
}
