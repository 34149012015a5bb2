import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import * as z from 'zod';
import { readEnv } from '../../config/env';

// A short-lived GET URL of one object in the copies bucket: large downloads go straight from S3,
// not through API Gateway and Lambda (whose answers are capped at 6 MB).

const s3 = new S3Client({});
let bucket: string | undefined;

export async function presignedDownload(
  key: string,
  filename: string,
  expiresInSeconds = 300,
): Promise<string> {
  bucket ??= readEnv({ COPIES_BUCKET: z.string().min(1) }).COPIES_BUCKET;
  return getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ResponseContentType: 'application/zip',
      ResponseContentDisposition: `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    }),
    { expiresIn: expiresInSeconds },
  );
}
