import { createHash, verify, X509Certificate } from 'node:crypto';
import { sameBytes } from '../crypto/same-bytes';
import { type CertificateFields, certificateFields } from './certificate-fields';
import { readCopyIdFromPdf } from './copy-id-metadata';
import { childrenOf, type DerElement, objectIdentifier, readElement, TAG } from './der';
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

// The CMS is read with the DER reader beside the signer's writer (der.ts): asn1js was 65 KB of the
// verifier's bundle, and pkijs would be ~300 KB more (docs/benchmarks.md);
// node:crypto verifies the signature and the chain. Only DER is read, which is what docshare signs:
// an indefinite-length (BER) CMS is not one of its signatures, so it is invalid without a look inside.
// SignedData ::= SEQUENCE { version, digestAlgorithms, encapContentInfo, [0] certificates OPTIONAL,
//   [1] crls OPTIONAL, signerInfos SET OF SignerInfo } (RFC 5652 §5.1).
function verifyCms(cms: Uint8Array, contentDigest: Uint8Array, trust: PdfTrust): Uint8Array {
  let contentInfo: DerElement;
  try {
    // Signers pad the placeholder with zeros after the CMS: only the first element is the CMS.
    contentInfo = readElement(cms);
  } catch {
    throw new InvalidSignature('CMS is not DER');
  }
  const children = (element: DerElement | undefined) => childrenIn(cms, element);
  const [contentType, content] = children(contentInfo);
  const signedData = content?.tag === TAG.contextConstructed0 ? children(content)[0] : undefined;
  if (!isOid(cms, contentType, OID.cmsSignedData) || signedData?.tag !== TAG.sequence) {
    throw new InvalidSignature('CMS is not SignedData');
  }
  const fields = children(signedData);
  const certificates = fields.find((field) => field.tag === TAG.contextConstructed0);
  const signerInfo = children(fields.at(-1))[0];
  // SignerInfo ::= SEQUENCE { version, sid, digestAlgorithm, [0] signedAttrs OPTIONAL,
  //   signatureAlgorithm, signature OCTET STRING, [1] unsignedAttrs OPTIONAL } (§5.3).
  const [, sid, digestAlgorithm, ...rest] = children(signerInfo);
  const signedAttrs = rest.find((field) => field.tag === TAG.contextConstructed0);
  if (!signedAttrs) throw new InvalidSignature('no signed attributes');
  if (!isOid(cms, children(digestAlgorithm)[0], OID.sha256))
    throw new InvalidSignature('digest is not SHA-256');
  const signature = rest[rest.indexOf(signedAttrs) + 2];
  if (signature?.tag !== TAG.octetString) throw new InvalidSignature('no signature value');

  // Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF AttributeValue }.
  const attributeValue = (type: string) => {
    const attribute = children(signedAttrs).find((candidate) => isOid(cms, children(candidate)[0], type));
    return children(children(attribute)[1])[0];
  };
  const messageDigest = attributeValue(OID.messageDigest);
  if (messageDigest?.tag !== TAG.octetString) throw new InvalidSignature('no messageDigest');
  if (!sameBytes(contentOf(cms, messageDigest), contentDigest)) throw new InvalidSignature('digest mismatch');

  const signingCertDer = findSignerCertificate(cms, children(certificates), sid);
  if (!signingCertificateV2Matches(cms, attributeValue(OID.signingCertificateV2), signingCertDer)) {
    throw new InvalidSignature('signingCertificateV2 does not name the signing certificate');
  }
  const leaf = new X509Certificate(signingCertDer);
  // What was signed is the DER of the attributes as a SET OF (tag 0x31), not as the [0] they travel in.
  const signedAttributes = Uint8Array.from(cms.subarray(signedAttrs.start, signedAttrs.end)); // a copy
  signedAttributes[0] = TAG.set;
  const signatureBytes = contentOf(cms, signature);
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
  cms: Uint8Array,
  certificates: DerElement[],
  sid: DerElement | undefined,
): Uint8Array {
  // IssuerAndSerialNumber ::= SEQUENCE { issuer Name, serialNumber INTEGER }; a [0] names a key id.
  if (sid?.tag !== TAG.sequence) throw new InvalidSignature('signer not named by issuer and serial');
  const [issuer, serialNumber] = childrenIn(cms, sid).map((element) => bytesOf(cms, element));
  if (!issuer || !serialNumber) throw new InvalidSignature('signer not named by issuer and serial');
  for (const certificate of certificates) {
    if (certificate.tag !== TAG.sequence) continue;
    const der = bytesOf(cms, certificate);
    let fields: CertificateFields;
    try {
      fields = certificateFields(der);
    } catch {
      continue; // not a certificate this reader knows: the signer's may still follow
    }
    // A copy of its own: the caller keeps the certificate, not the whole padded /Contents.
    if (sameBytes(fields.serialNumber, serialNumber) && sameBytes(fields.issuer, issuer))
      return Uint8Array.from(der);
  }
  throw new InvalidSignature('signing certificate not embedded');
}

// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 { [hashAlgorithm,] certHash, ... } }.
function signingCertificateV2Matches(cms: Uint8Array, value: DerElement | undefined, certDer: Uint8Array) {
  if (value?.tag !== TAG.sequence) return false;
  const certs = childrenIn(cms, value)[0];
  const first = certs?.tag === TAG.sequence ? childrenIn(cms, certs)[0] : undefined;
  if (first?.tag !== TAG.sequence) return false;
  const [head, next] = childrenIn(cms, first);
  const hashAlgorithmGiven = head?.tag === TAG.sequence;
  const certHash = hashAlgorithmGiven ? next : head;
  if (hashAlgorithmGiven && !isOid(cms, childrenIn(cms, head)[0], OID.sha256)) return false;
  if (certHash?.tag !== TAG.octetString) return false;
  return sameBytes(contentOf(cms, certHash), createHash('sha256').update(certDer).digest());
}

/** The elements inside a constructed element; none inside a primitive or an absent one. */
function childrenIn(der: Uint8Array, element: DerElement | undefined): DerElement[] {
  return element && element.tag & CONSTRUCTED ? childrenOf(der, element) : [];
}

const CONSTRUCTED = 0x20;

function isOid(der: Uint8Array, element: DerElement | undefined, dotted: string): boolean {
  return element?.tag === TAG.objectIdentifier && sameBytes(bytesOf(der, element), objectIdentifier(dotted));
}

const bytesOf = (der: Uint8Array, element: DerElement) => der.subarray(element.start, element.end);
const contentOf = (der: Uint8Array, element: DerElement) => der.subarray(element.contentStart, element.end);
