import { createHash } from 'node:crypto';
import { derToRawEcdsa } from '../signing/ecdsa-signature';

// Compact JWS (ES256) whose signature comes from a key we never hold (KMS): jose cannot sign with
// an external signer, so we build the signing input ourselves (RFC 7515 §7.1).

export type Sha256Signer = (sha256: Uint8Array) => Promise<Uint8Array>;

export async function signCompactJws(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  signDigest: Sha256Signer,
): Promise<string> {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${encode({ ...header, alg: 'ES256' })}.${encode(payload)}`;
  const digest = createHash('sha256').update(signingInput).digest();
  const signature = derToRawEcdsa(await signDigest(digest));
  return `${signingInput}.${Buffer.from(signature).toString('base64url')}`;
}
