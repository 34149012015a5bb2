import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import * as z from 'zod';
import { readEnv } from '../../config/env';

// The copies bucket (copies/, packages/, downloads/ prefixes, each with its lifecycle expiry).
// Objects are written with SSE-KMS under the data key.

// Middleware resolved once per command type (see kms/client.ts): a share's package is put and read here.
const s3 = new S3Client({ cacheMiddleware: true });
let config: { COPIES_BUCKET: string; DATA_KEY_ID: string } | undefined;
const env = () => {
  config ??= readEnv({ COPIES_BUCKET: z.string().min(1), DATA_KEY_ID: z.string().min(1) });
  return config;
};

export async function putObject(key: string, body: Uint8Array | string, contentType: string): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: env().COPIES_BUCKET,
      Key: key,
      Body: body,
      ContentType: contentType,
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: env().DATA_KEY_ID,
    }),
  );
}

/** The object's bytes, or undefined when it does not exist (any more). */
export async function getObject(key: string): Promise<Uint8Array | undefined> {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: env().COPIES_BUCKET, Key: key }));
    return await out.Body!.transformToByteArray();
  } catch (error) {
    if (['NoSuchKey', 'NotFound'].includes((error as Error).name)) return undefined;
    throw error;
  }
}

/** The object's size in bytes, without reading it; undefined when there is none. */
export async function objectSize(key: string): Promise<number | undefined> {
  try {
    const out = await s3.send(new HeadObjectCommand({ Bucket: env().COPIES_BUCKET, Key: key }));
    return out.ContentLength;
  } catch (error) {
    if (['NoSuchKey', 'NotFound'].includes((error as Error).name)) return undefined;
    throw error;
  }
}

/** Deletes the object; deleting one that is already gone is not an error (S3 answers 204). */
export async function deleteObject(key: string): Promise<void> {
  await s3.send(new DeleteObjectCommand({ Bucket: env().COPIES_BUCKET, Key: key }));
}
