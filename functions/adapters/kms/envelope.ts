import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import * as z from 'zod';
import { readEnv } from '../../config/env';
import { kms } from './client';

// Envelope encryption of personal fields: a fresh AES-256 data key per record from KMS
// (GenerateDataKey, bound to the owner through the encryption context), AES-256-GCM locally.
// Decrypted data keys are cached per container, so reading a citizen's documents costs one KMS
// Decrypt per record the first time only.

let keyId: string | undefined;
const documentsKeyId = () => {
  keyId ??= readEnv({ DOCUMENTS_KEY_ID: z.string().min(1) }).DOCUMENTS_KEY_ID;
  return keyId;
};

export interface Sealed {
  /** The data key, encrypted by KMS. */
  edk: string;
  iv: string;
  ct: string;
  tag: string;
}

const plainKeys = new Map<string, Buffer>();
const MAX_CACHED_KEYS = 2000;

function remember(edk: string, key: Buffer): void {
  if (plainKeys.size >= MAX_CACHED_KEYS) plainKeys.delete(plainKeys.keys().next().value!);
  plainKeys.set(edk, key);
}

export async function sealJson(value: unknown, context: Record<string, string>): Promise<Sealed> {
  const out = await kms.send(
    new GenerateDataKeyCommand({ KeyId: documentsKeyId(), KeySpec: 'AES_256', EncryptionContext: context }),
  );
  const key = Buffer.from(out.Plaintext!);
  const edk = Buffer.from(out.CiphertextBlob!).toString('base64');
  remember(edk, key);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(JSON.stringify(context)));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return {
    edk,
    iv: iv.toString('base64'),
    ct: ct.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

export async function openJson<T>(sealed: Sealed, context: Record<string, string>): Promise<T> {
  let key = plainKeys.get(sealed.edk);
  if (!key) {
    const out = await kms.send(
      new DecryptCommand({ CiphertextBlob: Buffer.from(sealed.edk, 'base64'), EncryptionContext: context }),
    );
    key = Buffer.from(out.Plaintext!);
    remember(sealed.edk, key);
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(JSON.stringify(context)));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as T;
}
