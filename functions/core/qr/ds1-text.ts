import { decodeBase45, InvalidBase45 } from './base45';
import { type CopyQrClaims, claimsFromCbor, InvalidCopyQr } from './copy-qr-claims';
import { type CoseSign1, cborDecoder } from './cose-structure';

// The DS1 text around a COSE_Sign1, read the same way by the server (copy-qr.ts, zlib from Node)
// and by the /verify page offline (web/client/offline-qr.ts, DecompressionStream). No Node APIs.

export const COPY_QR_PREFIX = 'DS1:';
// A decompression bomb guard: real payloads are ~300 bytes.
export const MAX_INFLATED_BYTES = 4096;

/** The Base45-decoded bytes after the prefix; InvalidCopyQr for text that is not DS1. */
export function ds1Bytes(text: string): Uint8Array {
  const trimmed = text.trim();
  if (!trimmed.startsWith(COPY_QR_PREFIX)) throw new InvalidCopyQr(`missing ${COPY_QR_PREFIX} prefix`);
  try {
    return decodeBase45(trimmed.slice(COPY_QR_PREFIX.length));
  } catch (error) {
    if (error instanceof InvalidBase45) throw new InvalidCopyQr(error.message);
    throw error;
  }
}

/** Like EU DCC verifiers, accept an uncompressed COSE_Sign1 too (tag 18 or a bare 4-element array). */
export function isUncompressedCose(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd2 || bytes[0] === 0x84;
}

/** The claims a parsed COSE_Sign1 carries. */
export function claimsOf(message: CoseSign1): CopyQrClaims {
  let payload: unknown;
  try {
    payload = cborDecoder.decode(message.payload);
  } catch {
    throw new InvalidCopyQr('payload is not CBOR');
  }
  return claimsFromCbor(payload);
}
