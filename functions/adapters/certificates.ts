import * as z from 'zod';
import { readEnv } from '../config/env';
import { checkStoredChain } from '../core/copies/certificate-chain';
import type { CertificateChain } from '../core/signing/cades-signed-data';
import { dynamoCertificateStore } from './dynamo/certificate-store';
import { kmsSigner } from './kms/kms-signer';
import { signingKey } from './kms/signing-key';

// The docshare certificate chain, per container: read from DynamoDB (made once by the operator, signed
// by the root CA key inside KMS) once, then served from memory. The signing key's signer is shared
// with the JWKS/JWS code, so its public key is fetched at most once per cold start (KMS allows only
// a few GetPublicKey calls per second per account).

let published: Promise<CertificateChain | undefined> | undefined;

/**
 * The chain for signing, as published: read (and pinned to the keys), never created. Issuing it is
 * the operator's (`signing-chain.issue`), the only holder of the root CA key's kms:Sign.
 */
export async function publishedCertificateChain(): Promise<CertificateChain> {
  const found = await readCertificateChain();
  if (!found) {
    throw new Error(
      'No certificate chain yet: the operator issues it once (npm run admin -- signing-chain issue)',
    );
  }
  return found;
}

/**
 * The stored chain without ever creating it (verifiers may not sign); undefined until it exists.
 * Pinned like the signers' chain: its certificates must certify the public keys KMS holds.
 */
export function readCertificateChain(): Promise<CertificateChain | undefined> {
  published ??= dynamoCertificateStore.getChain().then((stored) =>
    stored
      ? checkStoredChain(stored, {
          signing: signingKey(),
          root: kmsSigner(readEnv({ ROOT_CA_KEY_ID: z.string().min(1) }).ROOT_CA_KEY_ID),
        })
      : undefined,
  );
  const reading = published;
  // Only a found chain is kept: until the first copy exists, every call looks again.
  reading.then(
    (found) => {
      if (!found && published === reading) published = undefined;
    },
    () => {
      if (published === reading) published = undefined;
    },
  );
  return reading;
}
