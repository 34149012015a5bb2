/**
 * A key that signs SHA-256 digests with ECDSA P-256 and never leaves its holder.
 * In AWS it is a KMS key (Sign with MessageType DIGEST, SigningAlgorithm ECDSA_SHA_256; GetPublicKey);
 * in tests it is an in-memory key. The domain only ever sees this interface.
 */
export interface DigestSigner {
  /** Signs a 32-byte SHA-256 digest; returns a DER ECDSA signature SEQUENCE { r, s }, as KMS does. */
  signDigest(sha256: Uint8Array): Promise<Uint8Array>;
  /** The public key as DER SubjectPublicKeyInfo, as KMS GetPublicKey returns it. */
  publicKeySpki(): Promise<Uint8Array>;
}
