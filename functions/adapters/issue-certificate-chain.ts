import * as z from 'zod';
import { readEnv } from '../config/env';
import { obtainCertificateChain } from '../core/copies/issue-certificate-chain';
import type { CertificateChain } from '../core/signing/cades-signed-data';
import { dynamoCertificateStore } from './dynamo/certificate-store';
import { kmsSigner } from './kms/kms-signer';
import { signingKey } from './kms/signing-key';

// Issuing the docshare certificate chain (the operator's Admin function): the root CA key signs its
// own certificate and the copy-signing key's, inside KMS; the chain is stored once, for good.

let chain: Promise<CertificateChain> | undefined;

/** The chain, created (root CA key: ROOT_CA_KEY_ID) and stored if nobody has made it yet (Admin only). */
export function certificateChain(): Promise<CertificateChain> {
  chain ??= obtainCertificateChain(
    dynamoCertificateStore,
    {
      signing: signingKey(),
      root: kmsSigner(readEnv({ ROOT_CA_KEY_ID: z.string().min(1) }).ROOT_CA_KEY_ID),
    },
    new Date(),
  );
  chain.catch(() => {
    chain = undefined;
  });
  return chain;
}
