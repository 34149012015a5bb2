import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';

// Checks a presigned S3 URL's SigV4 signature the way S3 does: the URL is signed again with the
// signer's secret and the signatures compared. A URL handed to a partner or a browser can be edited
// (another key, a later expiry); on AWS an edited URL answers SignatureDoesNotMatch, so it must here.
// The SDK's own S3 presigner recomputes it, so S3's signing rules (unsigned payload, hoisted headers,
// path encoding) are the SDK's, not ours.

const SIGNING_PARAMS = /^X-Amz-(Signature|Algorithm|Credential|Date|Expires|SignedHeaders|Content-Sha256)$/;

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

/** node:crypto in the shape of the SDK's Checksum: a hash, or an HMAC when given a secret. */
class Sha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {}
}

/** `20261204T094123Z` → Date. */
function amzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : undefined;
}

/**
 * True when the presigned URL's signature is the one its signer's secret gives, false when it is not;
 * undefined when the request is not a presigned SigV4 URL or its key's secret is not known here.
 */
export async function presignedSignatureMatches(
  method: string,
  host: string | undefined,
  url: URL,
  secretFor: (accessKeyId: string) => string | undefined,
): Promise<boolean | undefined> {
  const params = url.searchParams;
  const given = params.get('X-Amz-Signature');
  if (!given || params.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return undefined;
  const [accessKeyId, , region] = (params.get('X-Amz-Credential') ?? '').split('/');
  const secretAccessKey = accessKeyId ? secretFor(accessKeyId) : undefined;
  if (!accessKeyId || !secretAccessKey || !region) return undefined;
  const signingDate = amzDate(params.get('X-Amz-Date') ?? '');
  const expiresIn = Number(params.get('X-Amz-Expires'));
  const signedHeaders = (params.get('X-Amz-SignedHeaders') ?? '').split(';');
  if (!signingDate || !Number.isInteger(expiresIn) || !signedHeaders.includes('host')) return false;

  const query: Record<string, string> = {};
  for (const [key, value] of params) if (!SIGNING_PARAMS.test(key)) query[key] = value;
  const [hostname = '', port] = (host ?? '').split(':');
  const presigner = new S3RequestPresigner({
    credentials: { accessKeyId, secretAccessKey },
    region,
    sha256: Sha256,
  });
  const expected = await presigner.presign(
    {
      method,
      protocol: 'http:',
      hostname,
      port: port ? Number(port) : undefined,
      path: url.pathname,
      query,
      headers: { host: host ?? '' },
    },
    { signingDate, expiresIn },
  );
  const recomputed = Buffer.from(String(expected.query?.['X-Amz-Signature'] ?? ''));
  const provided = Buffer.from(given);
  return recomputed.length === provided.length && timingSafeEqual(recomputed, provided);
}
