import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEdge, type TestEdge } from './support/edge-fixture';

let fixture: TestEdge;
let s3: S3Client;
const sentPayloadHashes: string[] = [];
const bucket = 'edge-s3-copies';

async function readObject(key: string): Promise<Buffer> {
  const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await Body!.transformToByteArray());
}

beforeAll(async () => {
  fixture = await startTestEdge();
  s3 = new S3Client({ ...fixture.clientConfig, forcePathStyle: true });
  // Records how the SDK framed each upload, so the tests know they exercised aws-chunked bodies.
  s3.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      sentPayloadHashes.push(request.headers?.['x-amz-content-sha256'] ?? '');
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low' },
  );
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
});

afterAll(async () => {
  s3?.destroy();
  await fixture?.stop();
});

describe('S3 through the edge', () => {
  it('lists a created bucket', async () => {
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    expect(Buckets?.map((b) => b.Name)).toContain(bucket);
  });

  it('stores a streamed upload byte-exact with the SDK default checksum settings', async () => {
    const content = randomBytes(300_000);
    sentPayloadHashes.length = 0;
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'streamed.pdf',
        Body: Readable.from([content.subarray(0, 100_000), content.subarray(100_000)]),
        ContentLength: content.length,
        ContentType: 'application/pdf',
      }),
    );
    expect(sentPayloadHashes[0]).toMatch(/^STREAMING-/);
    const stored = await readObject('streamed.pdf');
    expect(stored.length).toBe(content.length);
    expect(stored.equals(content)).toBe(true);
  });

  it('stores a multipart upload of streamed parts byte-exact', async () => {
    const parts = [randomBytes(5 * 1024 * 1024), randomBytes(1234)];
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'multi.bin' }),
    );
    const etags = [];
    for (const [index, part] of parts.entries()) {
      const { ETag } = await s3.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: 'multi.bin',
          UploadId,
          PartNumber: index + 1,
          Body: Readable.from([part]),
          ContentLength: part.length,
        }),
      );
      etags.push({ ETag, PartNumber: index + 1 });
    }
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: 'multi.bin',
        UploadId,
        MultipartUpload: { Parts: etags },
      }),
    );
    expect((await readObject('multi.bin')).equals(Buffer.concat(parts))).toBe(true);
  });

  it('decodes a chunk-signed aws-chunked upload sent by hand', async () => {
    const chunks = [Buffer.from('first chunk, '), Buffer.from('second chunk')];
    const signature = 'a'.repeat(64);
    const framed = Buffer.concat([
      ...chunks.flatMap((chunk) => [
        Buffer.from(`${chunk.length.toString(16)};chunk-signature=${signature}\r\n`),
        chunk,
        Buffer.from('\r\n'),
      ]),
      Buffer.from(`0;chunk-signature=${signature}\r\n\r\n`),
    ]);
    const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
    const response = await fetch(`${fixture.edge.url}/${bucket}/hand-framed.txt`, {
      method: 'PUT',
      body: framed,
      headers: {
        'content-encoding': 'aws-chunked',
        'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
        'x-amz-decoded-content-length': String(Buffer.concat(chunks).length),
        'x-amz-date': amzDate,
        authorization: `AWS4-HMAC-SHA256 Credential=test/${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=${signature}`,
      },
    });
    expect(response.status).toBe(200);
    expect((await readObject('hand-framed.txt')).toString()).toBe('first chunk, second chunk');
  });

  it('serves a presigned GET and accepts a presigned PUT with plain fetch', async () => {
    const putUrl = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: 'presigned.txt' }), {
      expiresIn: 300,
    });
    const put = await fetch(putUrl, { method: 'PUT', body: 'uploaded by a browser' });
    expect(put.status).toBe(200);

    const getUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: 'presigned.txt' }), {
      expiresIn: 300,
    });
    const got = await fetch(getUrl);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('uploaded by a browser');
  });

  it('refuses an expired presigned URL with 403', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'secret.txt', Body: 'x' }));
    const expired = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: 'secret.txt' }), {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 10 * 60_000),
    });
    const response = await fetch(expired);
    expect(response.status).toBe(403);
  });
});
