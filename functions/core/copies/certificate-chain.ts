import type { CertificateChain } from '../signing/cades-signed-data';
import { certifiedSpki } from '../signing/certificate-fields';
import type { DigestSigner } from '../signing/digest-signer';

// use case --> CertificateStore (DynamoDB) + KMS keys as DigestSigners
// The docshare chain is made the first time something needs it and kept for good: the root CA
// certificate (self-signed by the root CA key) and the copy-signing certificate for the signing
// key's public key, both signed inside KMS. No private key ever exists outside KMS.

export interface StoredCertificateChain extends CertificateChain {
  /** The KMS keys the chain was made for; a chain never silently serves other keys. */
  signingKeyId: string;
  rootKeyId: string;
  createdAt: string;
}

export interface CertificateStore {
  getChain(): Promise<StoredCertificateChain | undefined>;
  /** Stores the chain unless one exists (a conditional write); false when another creator won. */
  createChain(chain: StoredCertificateChain): Promise<boolean>;
}

export interface KeyedSigner extends DigestSigner {
  keyId: string;
}

/** A KMS key as a verifier sees it: its id and its public key. */
export type PublicKeyHolder = Pick<KeyedSigner, 'keyId' | 'publicKeySpki'>;

export class CertificateChainMismatch extends Error {
  constructor(detail: string) {
    super(`The stored certificate chain does not belong to the configured keys: ${detail}`);
    this.name = 'CertificateChainMismatch';
  }
}

/**
 * The stored chain is trusted only as far as KMS vouches for it: its key ids must be the configured
 * keys', and — the pin — each certificate must certify the public key KMS holds for that key. A
 * chain written into the table by anyone else (same ids, other keys) is refused.
 */
export async function checkStoredChain(
  stored: StoredCertificateChain,
  keys: { signing: PublicKeyHolder; root: PublicKeyHolder },
): Promise<CertificateChain> {
  if (stored.signingKeyId !== keys.signing.keyId) {
    throw new CertificateChainMismatch(
      `signing key ${stored.signingKeyId}, configured ${keys.signing.keyId}`,
    );
  }
  if (stored.rootKeyId !== keys.root.keyId) {
    throw new CertificateChainMismatch(`root CA key ${stored.rootKeyId}, configured ${keys.root.keyId}`);
  }
  const [rootSpki, signingSpki] = await Promise.all([
    keys.root.publicKeySpki(),
    keys.signing.publicKeySpki(),
  ]);
  if (!sameBytes(certifiedSpki(stored.rootCertDer), rootSpki)) {
    throw new CertificateChainMismatch('the root certificate does not certify the root CA key');
  }
  if (!sameBytes(certifiedSpki(stored.signingCertDer), signingSpki)) {
    throw new CertificateChainMismatch('the signing certificate does not certify the signing key');
  }
  return { rootCertDer: stored.rootCertDer, signingCertDer: stored.signingCertDer };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
