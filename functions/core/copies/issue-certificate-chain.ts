import type { CertificateChain } from '../signing/cades-signed-data';
import { createRootCertificate, createSigningCertificate } from '../signing/certificates';
import {
  type CertificateStore,
  checkStoredChain,
  type KeyedSigner,
  type StoredCertificateChain,
} from './certificate-chain';

// Issuing the chain is the operator's alone (the root CA key's kms:Sign); kept apart from reading it
// so that what signs copies bundles no certificate builder (pkijs).

/**
 * 1. Read the stored chain; if it exists, check it was made for these keys and return it.
 * 2. Otherwise certify: root certificate (root key signs itself), then the signing certificate.
 * 3. Store it conditionally; a concurrent creator that lost re-reads the winner's chain, so every
 *    container signs with the one published chain.
 */
export async function obtainCertificateChain(
  store: CertificateStore,
  keys: { signing: KeyedSigner; root: KeyedSigner },
  now: Date,
): Promise<CertificateChain> {
  const stored = await store.getChain();
  if (stored) return checkStoredChain(stored, keys);

  const rootCertDer = await createRootCertificate(keys.root, { now });
  const signingCertDer = await createSigningCertificate(
    keys.root,
    rootCertDer,
    await keys.signing.publicKeySpki(),
    { now },
  );
  const chain: StoredCertificateChain = {
    rootCertDer,
    signingCertDer,
    signingKeyId: keys.signing.keyId,
    rootKeyId: keys.root.keyId,
    createdAt: now.toISOString(),
  };
  if (await store.createChain(chain)) return { rootCertDer, signingCertDer };
  const winner = await store.getChain();
  if (!winner) throw new Error('The certificate chain was neither created nor found');
  return checkStoredChain(winner, keys);
}
