// Decodes `Content-Encoding: aws-chunked` bodies (SigV4 streaming uploads, with or without chunk
// signatures and checksum trailers), which s3rver would otherwise store framing and all. Format:
// `<hex size>[;chunk-signature=<sig>]\r\n<bytes>\r\n` … `0[;chunk-signature=<sig>]\r\n[<trailer>\r\n]*\r\n`.
import type { IncomingHttpHeaders } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';

const CRLF = Buffer.from('\r\n');

export function isAwsChunked(headers: IncomingHttpHeaders): boolean {
  const sha = String(headers['x-amz-content-sha256'] ?? '');
  const encoding = String(headers['content-encoding'] ?? '');
  return sha.startsWith('STREAMING-') || encoding.split(',').some((token) => token.trim() === 'aws-chunked');
}

/** The request headers as they would be for the same upload sent plainly. */
export function dechunkedHeaders(headers: IncomingHttpHeaders, contentLength: number): IncomingHttpHeaders {
  const plain: IncomingHttpHeaders = { ...headers };
  delete plain['transfer-encoding'];
  delete plain['x-amz-decoded-content-length'];
  delete plain['x-amz-trailer'];
  const encodings = String(headers['content-encoding'] ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token && token !== 'aws-chunked');
  if (encodings.length) plain['content-encoding'] = encodings.join(', ');
  else delete plain['content-encoding'];
  plain['content-length'] = String(contentLength);
  plain['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
  return plain;
}

type State = 'size' | 'data' | 'data-end' | 'trailer';

export class AwsChunkedDecoder extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  private state: State = 'size';
  private remaining = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    try {
      this.consume();
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    if (this.state !== 'trailer') done(new Error('aws-chunked body ended before its final chunk'));
    else done();
  }

  private consume(): void {
    while (this.pending.length) {
      if (this.state === 'trailer') {
        this.pending = Buffer.alloc(0); // checksums and trailer signatures: not stored
        return;
      }
      if (this.state === 'data') {
        const take = Math.min(this.remaining, this.pending.length);
        this.push(this.pending.subarray(0, take));
        this.pending = this.pending.subarray(take);
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      const lineEnd = this.pending.indexOf(CRLF);
      if (lineEnd < 0) {
        if (this.pending.length > 4096) throw new Error('aws-chunked framing is malformed');
        return;
      }
      const line = this.pending.subarray(0, lineEnd).toString('latin1');
      this.pending = this.pending.subarray(lineEnd + 2);
      if (this.state === 'data-end') {
        if (line !== '') throw new Error('aws-chunked chunk is longer than its declared size');
        this.state = 'size';
        continue;
      }
      const size = Number.parseInt(line.split(';')[0] ?? '', 16);
      if (!Number.isFinite(size) || size < 0)
        throw new Error(`aws-chunked chunk header is malformed: ${line}`);
      this.remaining = size;
      this.state = size === 0 ? 'trailer' : 'data';
    }
  }
}
