import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import * as z from 'zod';
import { readEnv } from '../../config/env';

// A short-lived GET URL of one object in the copies bucket: large downloads go straight from S3,
// not through API Gateway and Lambda (whose answers are capped at 6 MB).

const s3 = new S3Client({});
let bucket: string | undefined;

/** A ZIP to download under `filename`. */
export function presignedDownload(key: string, filename: string, expiresInSeconds = 300): Promise<string> {
  return presignedGet(key, {
    contentType: 'application/zip',
    disposition: `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    expiresInSeconds,
  });
}

/** Any object, answered with the given content type. */
export async function presignedGet(
  key: string,
  options: { contentType: string; disposition?: string; expiresInSeconds: number },
): Promise<string> {
  bucket ??= readEnv({ COPIES_BUCKET: z.string().min(1) }).COPIES_BUCKET;
  return getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ResponseContentType: options.contentType,
      ...(options.disposition ? { ResponseContentDisposition: options.disposition } : {}),
    }),
    { expiresIn: options.expiresInSeconds },
  );
}
