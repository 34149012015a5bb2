import { createHash, X509Certificate } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import type { DigestSigner } from '../signing/digest-signer';
import { decodeBase45, encodeBase45, InvalidBase45 } from './base45';
import { type CopyQrClaims, claimsFromCbor, claimsToCbor, InvalidCopyQr } from './copy-qr-claims';
import { cborDecoder, cborEncoder, parseCoseSign1, signCoseSign1, verifyCoseSign1 } from './cose-sign1';

// DS1 = "DS1:" + Base45(zlib(COSE_Sign1(CBOR claims))), the EU DCC recipe with our own prefix and claims.
export const COPY_QR_PREFIX = 'DS1:';
// A decompression bomb guard: real payloads are ~300 bytes.
const MAX_INFLATED_BYTES = 4096;

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
  const trimmed = text.trim();
  if (!trimmed.startsWith(COPY_QR_PREFIX)) throw new InvalidCopyQr(`missing ${COPY_QR_PREFIX} prefix`);
  let compressed: Uint8Array;
  try {
    compressed = decodeBase45(trimmed.slice(COPY_QR_PREFIX.length));
  } catch (error) {
    if (error instanceof InvalidBase45) throw new InvalidCopyQr(error.message);
    throw error;
  }
  const message = parseCoseSign1(inflate(compressed));
  let payload: unknown;
  try {
    payload = cborDecoder.decode(message.payload);
  } catch {
    throw new InvalidCopyQr('payload is not CBOR');
  }
  const claims = claimsFromCbor(payload);
  const key = trustedKeys.find((candidate) => sameBytes(candidate.kid, message.kid));
  return { claims, kid: message.kid, signatureValid: key ? verifyCoseSign1(message, key.spki) : false };
}

// Like EU DCC verifiers, accept an uncompressed COSE_Sign1 too (tag 18 or a bare 4-element array).
function inflate(bytes: Uint8Array): Uint8Array {
  if (bytes[0] === 0xd2 || bytes[0] === 0x84) return bytes;
  try {
    return inflateSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES });
  } catch {
    throw new InvalidCopyQr('not zlib-compressed or too large');
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
