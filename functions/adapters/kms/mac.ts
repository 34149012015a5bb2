import { GenerateMacCommand } from '@aws-sdk/client-kms';
import * as z from 'zod';
import { readEnv } from '../../config/env';
import { kms } from './client';

// HMAC-SHA-256 under the KMS MAC key (infra/constructs/mac-key.ts). Configuration is read on first
// use so that functions that never need a MAC need no key. `purpose` separates the uses: a MAC made
// for one can never stand in for another.

let keyId: string | undefined;

export async function macOf(purpose: string, message: string): Promise<Buffer> {
  keyId ??= readEnv({ MAC_KEY_ID: z.string().min(1) }).MAC_KEY_ID;
  const out = await kms.send(
    new GenerateMacCommand({
      KeyId: keyId,
      MacAlgorithm: 'HMAC_SHA_256',
      Message: Buffer.from(`${purpose}\n${message}`, 'utf8'),
    }),
  );
  return Buffer.from(out.Mac!);
}
