import { deflateSync, inflateSync } from 'node:zlib';

// Stands in for `pako` in the Lambda bundles (infra/constructs/bundle-aliases.ts). pdf-lib calls only
// `pako.deflate` (content streams, object streams); Node's own zlib does the same job natively, so
// the bundle drops pako's 46 KB of JavaScript and deflates faster. Same zlib format, same default
// level (6): any PDF reader inflates the streams alike.

interface DeflateOptions {
  level?: number;
}

export function deflate(data: Uint8Array, options?: DeflateOptions): Uint8Array {
  const deflated = deflateSync(data, options?.level === undefined ? {} : { level: options.level });
  return new Uint8Array(deflated.buffer, deflated.byteOffset, deflated.byteLength);
}

export function inflate(data: Uint8Array): Uint8Array {
  const inflated = inflateSync(data);
  return new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength);
}

export default { deflate, inflate };
