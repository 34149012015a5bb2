import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { readEnv } from '../../config/env';
import type { CopyPdfStore } from '../../core/copies/copy-record';

// Signed PDFs in the copies bucket, encrypted with the docshare data key (SSE-KMS, bucket key on so
// that S3 does not call KMS per object). The bucket's lifecycle rule on copies/ deletes them.

const config = readEnv({ COPIES_BUCKET: z.string().min(1), DATA_KEY_ID: z.string().min(1) });
// The edge of the embedded AWS and LocalStack are reached by IP or localhost: path-style addressing.
// Middleware resolved once per command type (see kms/client.ts): every copy is put here.
const s3 = new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL), cacheMiddleware: true });

export const s3CopyPdfStore: CopyPdfStore = {
  async putPdf(key, pdf) {
    await s3.send(
      new PutObjectCommand({
        Bucket: config.COPIES_BUCKET,
        Key: key,
        Body: pdf,
        ContentType: 'application/pdf',
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: config.DATA_KEY_ID,
        BucketKeyEnabled: true,
      }),
    );
  },

  async getPdf(key) {
    const out = await s3.send(new GetObjectCommand({ Bucket: config.COPIES_BUCKET, Key: key }));
    if (!out.Body) throw new Error(`The copy PDF ${key} has no body`);
    return out.Body.transformToByteArray();
  },
};
