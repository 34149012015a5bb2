import { readCertificateChain } from '../adapters/certificates';
import { dynamoCopyStore } from '../adapters/dynamo/copy-store';
import type { VerificationContext } from '../core/copies/verify-copy';

// What the public verifiers check against: the copies records and the published chain (read only:
// verifiers hold no KMS permission, and before the first copy there is nothing to trust).

export async function verificationContext(): Promise<VerificationContext> {
  return { copies: dynamoCopyStore, chain: await readCertificateChain(), now: new Date() };
}

/** Verification answers change with the copy's status: never cached. */
export const NO_STORE = { 'cache-control': 'no-store' };
