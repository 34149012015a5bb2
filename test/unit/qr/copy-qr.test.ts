import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { Decoder, Tag } from 'cbor-x';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES } from '../../../functions/core/documents/document-type';
import { fieldKeysOf } from '../../../functions/core/documents/field-selection';
import { decodeBase45, encodeBase45 } from '../../../functions/core/qr/base45';
import {
  COPY_QR_PREFIX,
  copyQrKid,
  decodeCopyQr,
  encodeCopyQr,
  type TrustedQrKey,
  trustedQrKey,
} from '../../../functions/core/qr/copy-qr';
import { CLAIM_KEY, InvalidCopyQr } from '../../../functions/core/qr/copy-qr-claims';
import { cborEncoder as encoder } from '../../../functions/core/qr/cose-sign1';
import { createSigningSetup, sampleClaims } from '../copies/support/sample-copy';

const cbor = new Decoder({ mapsAsObjects: false });

function coseOf(qr: string): Tag {
  return cbor.decode(inflateSync(decodeBase45(qr.slice(COPY_QR_PREFIX.length)))) as Tag;
}

function qrOf(cose: Tag): string {
  return COPY_QR_PREFIX + encodeBase45(deflateSync(encoder.encode(cose)));
}

describe('DS1 copy QR', () => {
  let setup: Awaited<ReturnType<typeof createSigningSetup>>;
  let trusted: TrustedQrKey[];
  let qr: string;

  beforeAll(async () => {
    setup = await createSigningSetup();
    trusted = [trustedQrKey(setup.chain.signingCertDer)];
    qr = await encodeCopyQr(sampleClaims(), setup.copySigner, setup.chain.signingCertDer);
  });

  it('round-trips the claims and verifies with the signing certificate key', () => {
    const decoded = decodeCopyQr(qr, trusted);
    expect(decoded.signatureValid).toBe(true);
    expect(decoded.claims).toEqual(sampleClaims());
    expect(decoded.kid).toEqual(copyQrKid(setup.chain.signingCertDer));
  });

  it('stays short enough for a readable QR at error correction M', () => {
    expect(qr.startsWith('DS1:')).toBe(true);
    expect(qr.length).toBeLessThanOrEqual(400);
    expect(qr).toMatch(/^DS1:[0-9A-Z $%*+\-./:]+$/);
  });

  it('is a COSE_Sign1 with ES256 and the certificate kid in the protected header', () => {
    const cose = coseOf(qr);
    expect(cose.tag).toBe(18);
    const [protectedHeader, unprotectedHeader, payload, signature] = cose.value as Uint8Array[];
    const header = cbor.decode(protectedHeader!) as Map<number, unknown>;
    expect(header.get(1)).toBe(-7);
    expect(new Uint8Array(header.get(4) as Uint8Array)).toEqual(copyQrKid(setup.chain.signingCertDer));
    expect(unprotectedHeader).toEqual(new Map());
    expect(signature).toHaveLength(64); // raw r || s, not DER
    const claims = cbor.decode(payload!) as Map<number, unknown>;
    // The required claims 1–8; 9 (an extract's fields) and 10–12 (holder details) are optional.
    expect([...claims.keys()]).toEqual(Object.values(CLAIM_KEY).filter((key) => key <= 8));
    expect(claims.get(CLAIM_KEY.generatedAt)).toBe(Math.floor(sampleClaims().generatedAt.getTime() / 1000));
  });

  it('derives the kid from the first 8 bytes of SHA-256 over the certificate DER', () => {
    const expected = createHash('sha256').update(setup.chain.signingCertDer).digest().subarray(0, 8);
    expect(Buffer.from(copyQrKid(setup.chain.signingCertDer))).toEqual(expected);
  });

  it('reports an invalid signature when the kid is not trusted', async () => {
    const other = await createSigningSetup();
    expect(decodeCopyQr(qr, [trustedQrKey(other.chain.signingCertDer)]).signatureValid).toBe(false);
    expect(decodeCopyQr(qr, []).signatureValid).toBe(false);
  });

  it('reports an invalid signature when a trusted kid comes with a different key', async () => {
    const other = await createSigningSetup();
    const impostor = {
      kid: copyQrKid(setup.chain.signingCertDer),
      spki: trustedQrKey(other.chain.signingCertDer).spki,
    };
    expect(decodeCopyQr(qr, [impostor]).signatureValid).toBe(false);
  });

  it('reports an invalid signature when a claim was changed after signing', () => {
    const cose = coseOf(qr);
    const parts = cose.value as Uint8Array[];
    const claims = cbor.decode(parts[2]!) as Map<number, unknown>;
    claims.set(CLAIM_KEY.purpose, 'Інша мета');
    const forged = qrOf(new Tag([parts[0], parts[1], encoder.encode(claims), parts[3]], 18));
    const decoded = decodeCopyQr(forged, trusted);
    expect(decoded.claims.purpose).toBe('Інша мета');
    expect(decoded.signatureValid).toBe(false);
  });

  it('keeps identifiers that are not UUIDs as text', async () => {
    const claims = { ...sampleClaims('CP-2025-000042'), partnerId: 'privatbank', branchId: 'kyiv-14' };
    const text = await encodeCopyQr(claims, setup.copySigner, setup.chain.signingCertDer);
    expect(decodeCopyQr(text, trusted).claims).toEqual(claims);
  });

  it("signs an extract's field names as claim 9, and a forged field list fails the signature", async () => {
    const claims = { ...sampleClaims(), fields: ['surname', 'givenName', 'birthDate'] };
    const text = await encodeCopyQr(claims, setup.copySigner, setup.chain.signingCertDer);
    const decoded = decodeCopyQr(text, trusted);
    expect(decoded).toMatchObject({ signatureValid: true, claims });
    expect(text.length).toBeLessThanOrEqual(400);

    const parts = coseOf(text).value as Uint8Array[];
    const signed = cbor.decode(parts[2]!) as Map<number, unknown>;
    // A bit mask over the type's fields in print order: surname = bit 0, givenName 1, birthDate 6.
    expect(signed.get(CLAIM_KEY.fields)).toBe(0b1000011);
    const withClaim = (value: unknown) => {
      signed.set(CLAIM_KEY.fields, value);
      return qrOf(new Tag([parts[0], parts[1], encoder.encode(signed), parts[3]], 18));
    };
    const forged = decodeCopyQr(withClaim(0b110000011), trusted);
    expect(forged.claims.fields).toContain('documentNumber');
    expect(forged.signatureValid).toBe(false);
    for (const malformed of ['surname', 0, -1, 1.5, 2 ** 40]) {
      expect(() => decodeCopyQr(withClaim(malformed), trusted)).toThrow(InvalidCopyQr);
    }
  });

  it('never reorders a document type’s fields: an extract’s QR names them by position', () => {
    // Appending a field is fine; moving or removing one would change what old QR codes say.
    expect(fieldKeysOf('internal-passport')).toEqual([
      'surname',
      'givenName',
      'patronymic',
      'surnameLatin',
      'givenNameLatin',
      'sex',
      'birthDate',
      'documentNumber',
      'recordNumber',
      'issuingAuthority',
      'issueDate',
      'expiryDate',
      'registeredAddress',
    ]);
    const positions = Object.fromEntries(DOCUMENT_TYPES.map((type) => [type, fieldKeysOf(type).join(',')]));
    expect(positions).toMatchSnapshot();
  });

  it('accepts a payload that was not compressed, as DCC verifiers do', () => {
    const raw = inflateSync(decodeBase45(qr.slice(COPY_QR_PREFIX.length)));
    expect(decodeCopyQr(COPY_QR_PREFIX + encodeBase45(raw), trusted).signatureValid).toBe(true);
  });

  it.each([
    ['a different prefix', 'HC1:6BFOXN'],
    ['broken Base45', 'DS1:abc'],
    ['bytes that are not zlib', `DS1:${encodeBase45(new Uint8Array([1, 2, 3, 4]))}`],
    ['zlib data that is not COSE', `DS1:${encodeBase45(deflateSync(Buffer.from([0x01])))}`],
  ])('refuses %s as an invalid copy QR', (_, text) => {
    expect(() => decodeCopyQr(text, trusted)).toThrow(InvalidCopyQr);
  });
});
