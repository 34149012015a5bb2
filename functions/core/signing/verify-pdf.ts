import { createHash, createPublicKey, verify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
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

function verifyCms(cms: Uint8Array, contentDigest: Uint8Array, trust: PdfTrust): Uint8Array {
  const parsed = asn1js.fromBER(cms);
  if (parsed.offset === -1) throw new InvalidSignature('CMS is not BER');
  const contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
  if (contentInfo.contentType !== OID.cmsSignedData) throw new InvalidSignature('CMS is not SignedData');
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo?.signedAttrs) throw new InvalidSignature('no signed attributes');
  if (signerInfo.digestAlgorithm.algorithmId !== OID.sha256)
    throw new InvalidSignature('digest is not SHA-256');

  const attributeValue = (type: string) =>
    signerInfo.signedAttrs?.attributes.find((a) => a.type === type)?.values[0];
  const messageDigest = attributeValue(OID.messageDigest);
  if (!(messageDigest instanceof asn1js.OctetString)) throw new InvalidSignature('no messageDigest');
  if (!sameBytes(messageDigest.valueBlock.valueHexView, contentDigest))
    throw new InvalidSignature('digest mismatch');

  const signingCert = findSignerCertificate(signedData, signerInfo);
  const signingCertDer = new Uint8Array(signingCert.toSchema().toBER());
  if (!signingCertificateV2Matches(attributeValue(OID.signingCertificateV2), signingCertDer)) {
    throw new InvalidSignature('signingCertificateV2 does not name the signing certificate');
  }
  const key = createPublicKey({
    key: Buffer.from(signingCert.subjectPublicKeyInfo.toSchema().toBER()),
    format: 'der',
    type: 'spki',
  });
  // pkijs keeps the signed attributes re-tagged as SET OF (0x31): the bytes that were signed.
  const signedAttributes = new Uint8Array(signerInfo.signedAttrs.encodedValue);
  const signature = signerInfo.signature.valueBlock.valueHexView;
  if (!verify('sha256', signedAttributes, { key, dsaEncoding: 'der' }, signature)) {
    throw new InvalidSignature('CMS signature does not verify');
  }

  const leaf = new X509Certificate(signingCertDer);
  const root = new X509Certificate(trust.rootCertDer);
  if (!leaf.checkIssued(root) || !leaf.verify(root.publicKey)) {
    throw new InvalidSignature('signing certificate is not issued by the docshare root');
  }
  return signingCertDer;
}

function findSignerCertificate(
  signedData: pkijs.SignedData,
  signerInfo: pkijs.SignerInfo,
): pkijs.Certificate {
  const sid = signerInfo.sid;
  if (!(sid instanceof pkijs.IssuerAndSerialNumber))
    throw new InvalidSignature('signer not named by issuer and serial');
  const cert = (signedData.certificates ?? []).find(
    (candidate): candidate is pkijs.Certificate =>
      candidate instanceof pkijs.Certificate &&
      candidate.issuer.isEqual(sid.issuer) &&
      candidate.serialNumber.isEqual(sid.serialNumber),
  );
  if (!cert) throw new InvalidSignature('signing certificate not embedded');
  return cert;
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
  if (hashAlgorithmGiven && new pkijs.AlgorithmIdentifier({ schema: head }).algorithmId !== OID.sha256)
    return false;
  if (!(certHash instanceof asn1js.OctetString)) return false;
  return sameBytes(certHash.valueBlock.valueHexView, createHash('sha256').update(certDer).digest());
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
