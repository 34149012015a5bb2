import { createHash, createPublicKey, verify } from 'node:crypto';
import { Tag } from 'cbor-x';
import type { DigestSigner } from '../signing/digest-signer';
import { derToRawEcdsa } from '../signing/ecdsa-signature';
import {
  ALG_ES256,
  COSE_SIGN1_TAG,
  type CoseSign1,
  cborEncoder,
  HEADER_ALG,
  HEADER_KID,
  sigStructure,
} from './cose-structure';

// Signing and verifying COSE_Sign1 with Node's crypto; the structure itself: cose-structure.ts.
export { type CoseSign1, cborDecoder, cborEncoder, parseCoseSign1 } from './cose-structure';
export async function signCoseSign1(
  payload: Uint8Array,
  kid: Uint8Array,
  signer: DigestSigner,
): Promise<Uint8Array> {
  const protectedHeader = cborEncoder.encode(
    new Map<number, unknown>([
      [HEADER_ALG, ALG_ES256],
      [HEADER_KID, kid],
    ]),
  );
  const digest = createHash('sha256').update(sigStructure(protectedHeader, payload)).digest();
  const signature = derToRawEcdsa(await signer.signDigest(digest));
  return cborEncoder.encode(new Tag([protectedHeader, new Map(), payload, signature], COSE_SIGN1_TAG));
}

export function verifyCoseSign1(message: CoseSign1, spki: Uint8Array): boolean {
  if (message.signature.length !== 64) return false;
  try {
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    return verify(
      'sha256',
      sigStructure(message.protectedHeader, message.payload),
      { key, dsaEncoding: 'ieee-p1363' },
      message.signature,
    );
  } catch {
    return false;
  }
}
