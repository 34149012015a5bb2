// Boots the embedded KMS behind the test JSON adapter and hands out a real SDK client for it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import { createKmsService } from '../../../../local/edge/kms';
import { startJsonServiceServer } from './json-service-server';

export const REGION = 'us-east-1';
export const ACCOUNT_ID = '000000000000';

export interface KmsHarness {
  kms: KMSClient;
  dataDir: string;
  close(): Promise<void>;
}

export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'docshare-kms-'));
}

/** Starts the service on `dataDir`, or on a fresh directory that is removed again on close. */
export async function startKms(givenDataDir?: string): Promise<KmsHarness> {
  const dataDir = givenDataDir ?? freshDataDir();
  const server = await startJsonServiceServer(
    createKmsService({ dataDir, region: REGION, accountId: ACCOUNT_ID }),
  );
  const kms = new KMSClient({
    endpoint: server.endpoint,
    region: REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  let closed: Promise<void> | undefined;
  return {
    kms,
    dataDir,
    // Idempotent: a test may stop the service early (to restart it) and its afterEach stop it again.
    close: () => {
      closed ??= (async () => {
        kms.destroy();
        await server.close();
        if (givenDataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
      })();
      return closed;
    },
  };
}
