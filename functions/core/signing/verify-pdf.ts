import { createHash, verify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import { readCopyIdFromPdf } from './copy-id-metadata';
import { OID } from './oids';

export type PdfSignatureStatus = 'valid' | 'invalid' | 'missing';

export interface PdfSignatureVerification {
  signature: PdfSignatureStatus;
  /** True when bytes outside the signed ranges exist (e.g. an update appended after the signature). */
  modified: boolean;
  /** From the document info of the signed revision, so the caller can look up the copy's status. */
  copyId?: string;
  signingCertDer?: Uint8Array;
  /** Why the signature is invalid, for logs and support; never shown as proof of anything. */
  problem?: string;
}

export interface PdfTrust {
  rootCertDer: Uint8Array;
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
// Ours reserve 8 KB; a signer with a long chain and a timestamp may need ~20 KB. Beyond this, no parse.
const MAX_CMS_BYTES = 64 * 1024;

class InvalidSignature extends Error {}

/**
 * Verifies the last signature of a docshare copy: ByteRange coverage, the content digest, the CMS
 * signature over the signed attributes and the chain to the docshare root. Garbage input is 'missing'.
 * Only uncompressed signature dictionaries are found (as docshare and most signers write them).
 *
 * Anyone may upload a PDF, so nothing of an attacker's file is parsed as PDF: until the signature is
 * found valid the work is linear scans, one SHA-256 and a CMS of at most 64 KB. Only bytes docshare
 * itself signed (no object streams, a few dozen objects) are then parsed for the copy id — a
 * decompression bomb or a million objects never reach the PDF parser.
 */
export async function verifyPdfSignature(
  pdf: Uint8Array,
  trust: PdfTrust,
): Promise<PdfSignatureVerification> {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  if (!text.slice(0, 1024).includes('%PDF-')) return { signature: 'missing', modified: false };
  const ranges = [...text.matchAll(BYTE_RANGE)];
  const last = ranges.at(-1);
  if (!last) return { signature: 'missing', modified: false };

  const [start, firstLength, secondStart, secondLength] = last.slice(1, 5).map(Number) as [
    number,
    number,
    number,
    number,
  ];
  const signedEnd = secondStart + secondLength;
  const wellFormed =
    start === 0 && firstLength < secondStart && signedEnd <= pdf.length && last.index < firstLength;
  if (!wellFormed) return { signature: 'invalid', modified: true, problem: 'malformed ByteRange' };
  const modified = signedEnd !== pdf.length;

  const gap = text.slice(firstLength, secondStart);
  if (gap.length > 2 * MAX_CMS_BYTES + 2) {
    return { signature: 'invalid', modified: true, problem: 'signature larger than 64 KB' };
  }
  // The only unsigned bytes allowed inside the file are the /Contents hex string itself.
  if (!/^<[0-9A-Fa-f]*>$/.test(gap)) {
    return { signature: 'invalid', modified: true, problem: 'ByteRange gap is not the /Contents' };
  }
  const contentDigest = createHash('sha256')
    .update(pdf.subarray(0, firstLength))
    .update(pdf.subarray(secondStart, signedEnd))
    .digest();
  try {
    const signingCertDer = verifyCms(Buffer.from(gap.slice(1, -1), 'hex'), contentDigest, trust);
    // Signed by a docshare key: these bytes are a copy docshare made, safe to parse.
    const copyId = await readCopyIdFromPdf(pdf.subarray(0, signedEnd));
    return { signature: 'valid', modified, copyId, signingCertDer };
  } catch (error) {
    const problem = error instanceof InvalidSignature ? error.message : 'unreadable CMS';
    return { signature: 'invalid', modified, problem };
  }
}

// The CMS is read with asn1js alone: pkijs would parse the same few fields but is ~300 KB of the
// verifier's bundle (docs/benchmarks.md, "Fourth pass: bundles"); node:crypto verifies the signature
// and the chain.
// SignedData ::= SEQUENCE { version, digestAlgorithms, encapContentInfo, [0] certificates OPTIONAL,
//   [1] crls OPTIONAL, signerInfos SET OF SignerInfo } (RFC 5652 §5.1).
function verifyCms(cms: Uint8Array, contentDigest: Uint8Array, trust: PdfTrust): Uint8Array {
  const parsed = asn1js.fromBER(cms);
  if (parsed.offset === -1) throw new InvalidSignature('CMS is not BER');
  const [contentType, content] = childrenOf(parsed.result);
  const signedData = isContextTag(content, 0) ? childrenOf(content)[0] : undefined;
  if (oidOf(contentType) !== OID.cmsSignedData || !(signedData instanceof asn1js.Sequence)) {
    throw new InvalidSignature('CMS is not SignedData');
  }
  const fields = childrenOf(signedData);
  const certificates = fields.find((field) => isContextTag(field, 0));
  const signerInfo = childrenOf(fields.at(-1))[0];
  // SignerInfo ::= SEQUENCE { version, sid, digestAlgorithm, [0] signedAttrs OPTIONAL,
  //   signatureAlgorithm, signature OCTET STRING, [1] unsignedAttrs OPTIONAL } (§5.3).
  const [, sid, digestAlgorithm, ...rest] = childrenOf(signerInfo);
  const signedAttrs = rest.find((field) => isContextTag(field, 0));
  if (!signedAttrs) throw new InvalidSignature('no signed attributes');
  if (oidOf(childrenOf(digestAlgorithm)[0]) !== OID.sha256)
    throw new InvalidSignature('digest is not SHA-256');
  const signature = rest[rest.indexOf(signedAttrs) + 2];
  if (!(signature instanceof asn1js.OctetString)) throw new InvalidSignature('no signature value');

  const attributeValue = (type: string) => {
    const attribute = childrenOf(signedAttrs).find((candidate) => oidOf(childrenOf(candidate)[0]) === type);
    return childrenOf(childrenOf(attribute)[1])[0];
  };
  const messageDigest = attributeValue(OID.messageDigest);
  if (!(messageDigest instanceof asn1js.OctetString)) throw new InvalidSignature('no messageDigest');
  if (!sameBytes(messageDigest.valueBlock.valueHexView, contentDigest))
    throw new InvalidSignature('digest mismatch');

  const signingCertDer = findSignerCertificate(certificates, sid);
  if (!signingCertificateV2Matches(attributeValue(OID.signingCertificateV2), signingCertDer)) {
    throw new InvalidSignature('signingCertificateV2 does not name the signing certificate');
  }
  const leaf = new X509Certificate(signingCertDer);
  // What was signed is the DER of the attributes as a SET OF (tag 0x31), not as the [0] they travel in.
  const signedAttributes = Uint8Array.from(signedAttrs.valueBeforeDecodeView);
  signedAttributes[0] = 0x31;
  const signatureBytes = signature.valueBlock.valueHexView;
  if (!verify('sha256', signedAttributes, { key: leaf.publicKey, dsaEncoding: 'der' }, signatureBytes)) {
    throw new InvalidSignature('CMS signature does not verify');
  }

  const root = new X509Certificate(trust.rootCertDer);
  if (!leaf.checkIssued(root) || !leaf.verify(root.publicKey)) {
    throw new InvalidSignature('signing certificate is not issued by the docshare root');
  }
  return signingCertDer;
}

/** The embedded certificate whose issuer and serial number are the signer's (compared as DER). */
function findSignerCertificate(
  certificates: asn1js.AsnType | undefined,
  sid: asn1js.AsnType | undefined,
): Uint8Array {
  // IssuerAndSerialNumber ::= SEQUENCE { issuer Name, serialNumber INTEGER }; a [0] names a key id.
  if (!(sid instanceof asn1js.Sequence)) throw new InvalidSignature('signer not named by issuer and serial');
  const [issuer, serialNumber] = childrenOf(sid).map(derOf);
  for (const certificate of childrenOf(certificates)) {
    if (!(certificate instanceof asn1js.Sequence)) continue;
    // TBSCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer, ... }
    const tbs = childrenOf(childrenOf(certificate)[0]);
    const at = isContextTag(tbs[0], 0) ? 1 : 0;
    const serial = derOf(tbs[at]);
    const certificateIssuer = derOf(tbs[at + 2]);
    if (serialNumber && issuer && sameBytes(serial, serialNumber) && sameBytes(certificateIssuer, issuer)) {
      return derOf(certificate);
    }
  }
  throw new InvalidSignature('signing certificate not embedded');
}

// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 { [hashAlgorithm,] certHash, ... } }.
function signingCertificateV2Matches(value: unknown, certDer: Uint8Array): boolean {
  if (!(value instanceof asn1js.Sequence)) return false;
  const certs = value.valueBlock.value[0];
  const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
  if (!(first instanceof asn1js.Sequence)) return false;
  const [head, next] = first.valueBlock.value;
  const hashAlgorithmGiven = head instanceof asn1js.Sequence;
  const certHash = hashAlgorithmGiven ? next : head;
  if (hashAlgorithmGiven && oidOf(childrenOf(head)[0]) !== OID.sha256) return false;
  if (!(certHash instanceof asn1js.OctetString)) return false;
  return sameBytes(certHash.valueBlock.valueHexView, createHash('sha256').update(certDer).digest());
}

function childrenOf(block: unknown): asn1js.AsnType[] {
  const value = (block as { valueBlock?: { value?: unknown } } | undefined)?.valueBlock?.value;
  return Array.isArray(value) ? (value as asn1js.AsnType[]) : [];
}

function isContextTag(block: asn1js.AsnType | undefined, tagNumber: number): boolean {
  return block?.idBlock.tagClass === 3 && block.idBlock.tagNumber === tagNumber;
}

function oidOf(block: asn1js.AsnType | undefined): string | undefined {
  return block instanceof asn1js.ObjectIdentifier ? block.getValue() : undefined;
}

function derOf(block: asn1js.AsnType | undefined): Uint8Array {
  return block ? block.valueBeforeDecodeView : new Uint8Array();
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
