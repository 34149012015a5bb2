import { Decoder, Encoder, Tag } from 'cbor-x';
import { InvalidCopyQr } from './copy-qr-claims';

// COSE_Sign1 (RFC 9052 §4.2) with ES256, the structure EU DCC uses: its CBOR shape, parsing and the
// bytes that are signed. No Node APIs, so the /verify page's script checks a QR offline with the same
// code (signing and Node verification: cose-sign1.ts).
export const COSE_SIGN1_TAG = 18;
export const HEADER_ALG = 1;
export const HEADER_KID = 4;
export const ALG_ES256 = -7;

const cborOptions = {
  tagUint8Array: false,
  useTag259ForMaps: false,
  useRecords: false,
  variableMapSize: true,
};
export const cborEncoder = new Encoder(cborOptions);
export const cborDecoder = new Decoder({ ...cborOptions, mapsAsObjects: false });

export interface CoseSign1 {
  protectedHeader: Uint8Array;
  payload: Uint8Array;
  signature: Uint8Array;
  kid: Uint8Array;
}

export function parseCoseSign1(bytes: Uint8Array): CoseSign1 {
  let decoded: unknown;
  try {
    decoded = cborDecoder.decode(bytes);
  } catch {
    throw new InvalidCopyQr('not CBOR');
  }
  // The tag is optional when the context says it is a COSE_Sign1 (RFC 9052 §2).
  const message = decoded instanceof Tag && decoded.tag === COSE_SIGN1_TAG ? decoded.value : decoded;
  if (!Array.isArray(message) || message.length !== 4) throw new InvalidCopyQr('not a COSE_Sign1');
  const [protectedHeader, unprotectedHeader, payload, signature] = message as unknown[];
  if (!(protectedHeader instanceof Uint8Array) || !(payload instanceof Uint8Array)) {
    throw new InvalidCopyQr('COSE_Sign1 headers or payload are not byte strings');
  }
  if (!(signature instanceof Uint8Array) || !(unprotectedHeader instanceof Map)) {
    throw new InvalidCopyQr('COSE_Sign1 signature or unprotected header malformed');
  }
  let header: unknown;
  try {
    header = cborDecoder.decode(protectedHeader);
  } catch {
    throw new InvalidCopyQr('protected header is not CBOR');
  }
  if (!(header instanceof Map) || header.get(HEADER_ALG) !== ALG_ES256) {
    throw new InvalidCopyQr('protected header does not name ES256');
  }
  const kid = header.get(HEADER_KID) ?? unprotectedHeader.get(HEADER_KID);
  if (!(kid instanceof Uint8Array)) throw new InvalidCopyQr('no kid');
  return { protectedHeader, payload, signature, kid: new Uint8Array(kid) };
}

// Sig_structure = ["Signature1", body_protected, external_aad, payload]; no external AAD.
export function sigStructure(protectedHeader: Uint8Array, payload: Uint8Array): Uint8Array {
  return cborEncoder.encode(['Signature1', protectedHeader, new Uint8Array(0), payload]);
}
