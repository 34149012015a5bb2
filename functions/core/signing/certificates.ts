import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { sameBytes } from '../crypto/same-bytes';
import type { DigestSigner } from './digest-signer';
import { OID } from './oids';

// Both certificates are signed through a DigestSigner: the root CA key is a KMS key too,
// so no private key ever exists outside KMS. Only ECDSA P-256 / SHA-256 keys are supported.

const ROOT_VALIDITY_YEARS = 10;
const SIGNING_VALIDITY_YEARS = 3;
// Certificates start slightly in the past so a verifier whose clock lags still accepts them.
const BACKDATE_MS = 60 * 60 * 1000;

export interface CertificateOptions {
  /** Issuance time; defaults to now. */
  now?: Date;
}

/** A self-signed docshare root CA: CN=docshare Root CA, O=docshare, CA:true, keyCertSign + cRLSign, 10 years. */
export async function createRootCertificate(
  rootSigner: DigestSigner,
  options: CertificateOptions = {},
): Promise<Uint8Array> {
  const spki = await rootSigner.publicKeySpki();
  const name = distinguishedName('docshare Root CA');
  const keyId = subjectKeyIdentifier(spki);
  const certificate = tbsCertificate({
    issuer: name,
    subject: name,
    spki,
    now: options.now ?? new Date(),
    years: ROOT_VALIDITY_YEARS,
    extensions: [
      extension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: true }).toSchema()),
      extension(OID.keyUsage, true, keyUsage(['keyCertSign', 'cRLSign'])),
      extension(OID.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: keyId })),
    ],
  });
  return signCertificate(certificate, rootSigner);
}

/**
 * The copy-signing certificate for `subjectSpki`, issued by the root CA. No extended key usage on purpose:
 * NSS (pdfsig, Firefox) reports "Unknown issue with Certificate" for a leaf whose only EKU is documentSigning.
 */
export async function createSigningCertificate(
  rootSigner: DigestSigner,
  rootCertDer: Uint8Array,
  subjectSpki: Uint8Array,
  options: CertificateOptions = {},
): Promise<Uint8Array> {
  const root = pkijs.Certificate.fromBER(rootCertDer);
  const rootSpki = new Uint8Array(root.subjectPublicKeyInfo.toSchema().toBER());
  const issuerSpki = await rootSigner.publicKeySpki();
  if (!sameBytes(rootSpki, issuerSpki)) {
    throw new Error('The root signer does not hold the key of the given root certificate');
  }
  const certificate = tbsCertificate({
    issuer: root.subject,
    subject: distinguishedName('docshare copy signing'),
    spki: subjectSpki,
    now: options.now ?? new Date(),
    years: SIGNING_VALIDITY_YEARS,
    extensions: [
      extension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: false }).toSchema()),
      extension(OID.keyUsage, true, keyUsage(['digitalSignature', 'nonRepudiation'])),
      extension(
        OID.subjectKeyIdentifier,
        false,
        new asn1js.OctetString({ valueHex: subjectKeyIdentifier(subjectSpki) }),
      ),
      extension(
        OID.authorityKeyIdentifier,
        false,
        new pkijs.AuthorityKeyIdentifier({
          keyIdentifier: new asn1js.OctetString({ valueHex: subjectKeyIdentifier(rootSpki) }),
        }).toSchema(),
      ),
    ],
  });
  return signCertificate(certificate, rootSigner);
}

/** PEM armour with 64-character lines, e.g. toPem(der, 'CERTIFICATE'). */
export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const base64 = Buffer.from(der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** DER from PEM (the first block). */
export function fromPem(pem: string): Uint8Array {
  // Only the first block: in a chain file, later blocks must not run into the first one's base64.
  const block = /-----BEGIN [^-]+-----([\s\S]*?)-----END [^-]+-----/.exec(pem);
  if (!block) throw new Error('No PEM block found');
  return new Uint8Array(Buffer.from(block[1]!.replace(/\s+/g, ''), 'base64'));
}

interface TbsInput {
  issuer: pkijs.RelativeDistinguishedNames;
  subject: pkijs.RelativeDistinguishedNames;
  spki: Uint8Array;
  now: Date;
  years: number;
  extensions: pkijs.Extension[];
}

function tbsCertificate(input: TbsInput): pkijs.Certificate {
  const notBefore = new Date(input.now.getTime() - BACKDATE_MS);
  const notAfter = new Date(input.now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + input.years);
  const algorithm = new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 });
  return new pkijs.Certificate({
    version: 2,
    serialNumber: new asn1js.Integer({ valueHex: randomSerial() }),
    signature: algorithm,
    signatureAlgorithm: algorithm,
    issuer: input.issuer,
    subject: input.subject,
    notBefore: certificateTime(notBefore),
    notAfter: certificateTime(notAfter),
    subjectPublicKeyInfo: pkijs.PublicKeyInfo.fromBER(input.spki),
    extensions: input.extensions,
  });
}

async function signCertificate(certificate: pkijs.Certificate, signer: DigestSigner): Promise<Uint8Array> {
  const tbs = new Uint8Array(certificate.encodeTBS().toBER());
  const digest = createHash('sha256').update(tbs).digest();
  const signature = await signer.signDigest(digest);
  certificate.tbsView = tbs;
  certificate.signatureValue = new asn1js.BitString({ valueHex: signature });
  return new Uint8Array(certificate.toSchema().toBER());
}

// One attribute per RDN (O, then CN), as tools display "O = docshare, CN = …"; pkijs would put them in one SET.
function distinguishedName(commonName: string): pkijs.RelativeDistinguishedNames {
  const rdn = (type: string, value: string) =>
    new asn1js.Set({
      value: [
        new asn1js.Sequence({
          value: [new asn1js.ObjectIdentifier({ value: type }), new asn1js.Utf8String({ value })],
        }),
      ],
    });
  const name = new asn1js.Sequence({
    value: [rdn(OID.organization, 'docshare'), rdn(OID.commonName, commonName)],
  });
  return pkijs.RelativeDistinguishedNames.fromBER(name.toBER());
}

// RFC 5280: UTCTime through 2049, GeneralizedTime from 2050.
function certificateTime(value: Date): pkijs.Time {
  const type = value.getUTCFullYear() >= 2050 ? pkijs.TimeType.GeneralizedTime : pkijs.TimeType.UTCTime;
  return new pkijs.Time({ type, value });
}

// Positive, 16 bytes, first byte non-zero so the DER INTEGER stays minimal.
function randomSerial(): Uint8Array {
  const serial = new Uint8Array(randomBytes(16));
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  return serial;
}

const KEY_USAGE_BITS = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyCertSign: 5,
  cRLSign: 6,
} as const;

// A DER named-bit BIT STRING: trailing zero bits are dropped and counted as unused.
function keyUsage(usages: Array<keyof typeof KEY_USAGE_BITS>): asn1js.BitString {
  let byte = 0;
  let lastBit = 0;
  for (const usage of usages) {
    const bit = KEY_USAGE_BITS[usage];
    byte |= 0x80 >> bit;
    lastBit = Math.max(lastBit, bit);
  }
  return new asn1js.BitString({ valueHex: new Uint8Array([byte]), unusedBits: 7 - lastBit });
}

function extension(extnID: string, critical: boolean, value: asn1js.BaseBlock): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: value.toBER() });
}

// RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value.
function subjectKeyIdentifier(spki: Uint8Array): Uint8Array {
  const info = pkijs.PublicKeyInfo.fromBER(spki);
  const key = info.subjectPublicKey.valueBlock.valueHexView;
  return new Uint8Array(createHash('sha1').update(key).digest());
}
