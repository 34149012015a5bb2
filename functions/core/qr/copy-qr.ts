import { createHash, X509Certificate } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { sameBytes } from '../crypto/same-bytes';
import type { DigestSigner } from '../signing/digest-signer';
import { encodeBase45 } from './base45';
import { type CopyQrClaims, claimsToCbor, InvalidCopyQr } from './copy-qr-claims';
import { cborEncoder, parseCoseSign1, signCoseSign1, verifyCoseSign1 } from './cose-sign1';
import { COPY_QR_PREFIX, claimsOf, ds1Bytes, isUncompressedCose, MAX_INFLATED_BYTES } from './ds1-text';

// DS1 = "DS1:" + Base45(zlib(COSE_Sign1(CBOR claims))), the EU DCC recipe with our own prefix and claims.
export { COPY_QR_PREFIX } from './ds1-text';

export interface TrustedQrKey {
  kid: Uint8Array;
  spki: Uint8Array;
}

export interface DecodedCopyQr {
  claims: CopyQrClaims;
  kid: Uint8Array;
  /** True only when the kid is trusted and the ES256 signature verifies with its key. */
  signatureValid: boolean;
}

/** kid = the first 8 bytes of SHA-256 over the signing certificate's DER. */
export function copyQrKid(certDer: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(certDer).digest().subarray(0, 8));
}

/** The trust entry for a signing certificate: its kid and its public key. */
export function trustedQrKey(certDer: Uint8Array): TrustedQrKey {
  const spki = new X509Certificate(certDer).publicKey.export({ type: 'spki', format: 'der' });
  return { kid: copyQrKid(certDer), spki: new Uint8Array(spki) };
}

export async function encodeCopyQr(
  claims: CopyQrClaims,
  signer: DigestSigner,
  certDer: Uint8Array,
): Promise<string> {
  const payload = cborEncoder.encode(claimsToCbor(claims));
  const cose = await signCoseSign1(payload, copyQrKid(certDer), signer);
  return COPY_QR_PREFIX + encodeBase45(deflateSync(cose, { level: 9 }));
}

/** Throws InvalidCopyQr when the text is not a well-formed DS1 payload; reports the signature in the result. */
export function decodeCopyQr(text: string, trustedKeys: readonly TrustedQrKey[]): DecodedCopyQr {
  const message = parseCoseSign1(inflate(ds1Bytes(text)));
  const claims = claimsOf(message);
  const key = trustedKeys.find((candidate) => sameBytes(candidate.kid, message.kid));
  return { claims, kid: message.kid, signatureValid: key ? verifyCoseSign1(message, key.spki) : false };
}

function inflate(bytes: Uint8Array): Uint8Array {
  if (isUncompressedCose(bytes)) return bytes;
  try {
    return inflateSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES });
  } catch {
    throw new InvalidCopyQr('not zlib-compressed or too large');
  }
}
