import { type CopyQrClaims, InvalidCopyQr } from '../../core/qr/copy-qr-claims';
import { parseCoseSign1, sigStructure } from '../../core/qr/cose-structure';
import { claimsOf, ds1Bytes, isUncompressedCose, MAX_INFLATED_BYTES } from '../../core/qr/ds1-text';

// Checks a copy's DS1 QR in the browser, with no server: Base45 → zlib (DecompressionStream) →
// COSE_Sign1 → ES256 over the Sig_structure with WebCrypto, against the keys of
// /.well-known/jwks.json (cached by the page's service worker). The same parsing code as the server's
// (functions/core/qr); only zlib and the signature check are the browser's own.

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
  const message = parseCoseSign1(await inflate(ds1Bytes(text)));
  const claims = claimsOf(message);
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

async function inflate(compressed: Uint8Array): Promise<Uint8Array> {
  if (isUncompressedCose(compressed)) return compressed;
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
