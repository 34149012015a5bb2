import { DecryptCommand, EncryptCommand } from '@aws-sdk/client-kms';
import * as z from 'zod';
import { readEnv } from '../../config/env';
import { kms } from './client';

// Small secrets we must be able to read back (webhook signing secrets) are encrypted with their own
// key (SECRETS_KEY_ID: only webhook senders may decrypt with it), bound to what they belong to through the encryption context. Configuration is read on first
// use so that functions that never touch secrets need no key.

let keyId: string | undefined;

function secretsKeyId(): string {
  keyId ??= readEnv({ SECRETS_KEY_ID: z.string().min(1) }).SECRETS_KEY_ID;
  return keyId;
}

export async function sealSecret(plaintext: string, context: Record<string, string>): Promise<string> {
  const out = await kms.send(
    new EncryptCommand({
      KeyId: secretsKeyId(),
      Plaintext: Buffer.from(plaintext, 'utf8'),
      EncryptionContext: context,
    }),
  );
  return Buffer.from(out.CiphertextBlob!).toString('base64');
}

export async function openSecret(ciphertext: string, context: Record<string, string>): Promise<string> {
  const out = await kms.send(
    new DecryptCommand({ CiphertextBlob: Buffer.from(ciphertext, 'base64'), EncryptionContext: context }),
  );
  return Buffer.from(out.Plaintext!).toString('utf8');
}
