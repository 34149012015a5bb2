import { decodeBase45, InvalidBase45 } from '../../core/qr/base45';
import { type CopyQrClaims, claimsFromCbor, InvalidCopyQr } from '../../core/qr/copy-qr-claims';
import { cborDecoder, parseCoseSign1, sigStructure } from '../../core/qr/cose-structure';

// Checks a copy's DS1 QR in the browser, with no server: Base45 → zlib (DecompressionStream) →
// COSE_Sign1 → ES256 over the Sig_structure with WebCrypto, against the keys of
// /.well-known/jwks.json (cached by the page's service worker). The same parsing code as the server's
// (functions/core/qr); only zlib and the signature check are the browser's own.

const PREFIX = 'DS1:';
// A decompression bomb guard, as on the server: real payloads are ~300 bytes.
const MAX_INFLATED_BYTES = 4096;

export interface OfflineQrCheck {
  claims: CopyQrClaims;
  signatureValid: boolean;
}

export interface PublicJwk {
  kty?: string;
  crv?: string;
  x?: string;
  y?: string;
  alg?: string;
}

/** Throws InvalidCopyQr for text that is not a DS1 payload; reports the signature in the result. */
export async function checkCopyQrOffline(text: string, keys: readonly PublicJwk[]): Promise<OfflineQrCheck> {
  const trimmed = text.trim();
  if (!trimmed.startsWith(PREFIX)) throw new InvalidCopyQr(`missing ${PREFIX} prefix`);
  let compressed: Uint8Array;
  try {
    compressed = decodeBase45(trimmed.slice(PREFIX.length));
  } catch (error) {
    if (error instanceof InvalidBase45) throw new InvalidCopyQr(error.message);
    throw error;
  }
  const message = parseCoseSign1(await inflate(compressed));
  let payload: unknown;
  try {
    payload = cborDecoder.decode(message.payload);
  } catch {
    throw new InvalidCopyQr('payload is not CBOR');
  }
  const claims = claimsFromCbor(payload);
  const signed = sigStructure(message.protectedHeader, message.payload);
  let signatureValid = false;
  if (message.signature.length === 64) {
    for (const jwk of keys) {
      if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) continue;
      if (await verifiesWith(jwk, message.signature, signed)) {
        signatureValid = true;
        break;
      }
    }
  }
  return { claims, signatureValid };
}

async function verifiesWith(jwk: PublicJwk, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  try {
    const key = await crypto.subtle.importKey(
      'jwk',
      { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, ext: true },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    // WebCrypto takes ECDSA signatures as raw r‖s, exactly what COSE carries.
    return await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, bytes(signature), bytes(data));
  } catch {
    return false;
  }
}

// Like EU DCC verifiers, accept an uncompressed COSE_Sign1 too (tag 18 or a bare 4-element array).
async function inflate(compressed: Uint8Array): Promise<Uint8Array> {
  if (compressed[0] === 0xd2 || compressed[0] === 0x84) return compressed;
  try {
    const stream = new Blob([bytes(compressed)]).stream().pipeThrough(new DecompressionStream('deflate'));
    const reader = stream.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > MAX_INFLATED_BYTES) {
        await reader.cancel();
        throw new Error('too large');
      }
      chunks.push(value);
    }
    const out = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  } catch {
    throw new InvalidCopyQr('not zlib-compressed or too large');
  }
}

/** A copy in a plain ArrayBuffer, as WebCrypto and Blob want (never a view of a shared buffer). */
function bytes(view: Uint8Array): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(view.length);
  copy.set(view);
  return copy;
}
