import { InvalidRequest, NotFound } from '../errors';
import { type DecodedCopyQr, decodeCopyQr, type TrustedQrKey, trustedQrKey } from '../qr/copy-qr';
import { InvalidCopyQr } from '../qr/copy-qr-claims';
import type { HolderClaims } from '../qr/holder-claims';
import type { CertificateChain } from '../signing/cades-signed-data';
import { type PdfSignatureStatus, verifyPdfSignature } from '../signing/verify-pdf';
import {
  type CopyRecord,
  type CopyStore,
  type CopyVerificationView,
  copyVerificationView,
} from './copy-record';

// public verify handlers --> (these use cases) --> CopyStore + the published certificate chain
// Answers carry no personal data: a copy's status, type, recipient names and time only.

export interface VerificationContext {
  copies: Pick<CopyStore, 'getCopy'>;
  /** The docshare chain; undefined before the first copy was ever issued. */
  chain: CertificateChain | undefined;
  now: Date;
}

export interface PdfVerificationAnswer {
  signature: PdfSignatureStatus;
  modified: boolean;
  copy?: CopyVerificationView;
}

export interface QrVerificationAnswer {
  signature: 'valid' | 'invalid';
  copy?: CopyVerificationView;
  /**
   * The signed holder details, to compare with the paper and the person: only when the signature is
   * valid. They come from the QR the caller already holds, so answering them discloses nothing new.
   */
  holder?: HolderClaims;
}

/** The status of a copy by id; NotFound for an unknown (or erased) copy. */
export async function lookUpCopy(
  copies: Pick<CopyStore, 'getCopy'>,
  copyId: string,
  now: Date,
): Promise<CopyVerificationView> {
  const record = await copies.getCopy(copyId);
  if (!record) throw new NotFound('copy');
  return copyVerificationView(record, now);
}

/**
 * Checks an uploaded PDF: the signature, ByteRange coverage and digest against the docshare root
 * (verifyPdfSignature), then — only when the signature is valid, so the copy id is authenticated —
 * the copy's status.
 */
export async function verifyCopyPdf(
  pdf: Uint8Array,
  context: VerificationContext,
): Promise<PdfVerificationAnswer> {
  if (!context.chain) {
    // No chain yet means nothing was ever signed by docshare: any signature is someone else's.
    return { signature: hasSignatureField(pdf) ? 'invalid' : 'missing', modified: false };
  }
  const result = await verifyPdfSignature(pdf, { rootCertDer: context.chain.rootCertDer });
  const answer: PdfVerificationAnswer = { signature: result.signature, modified: result.modified };
  if (result.signature !== 'valid' || !result.copyId) return answer;
  const record = await context.copies.getCopy(result.copyId);
  return record ? { ...answer, copy: copyVerificationView(record, context.now) } : answer;
}

/**
 * Checks a DS1 QR text: the COSE signature with the key its kid names, then the copy record, which
 * must agree with the signed claims. Text that is not a well-formed DS1 payload is an InvalidRequest;
 * a well-formed one that our key did not sign is `signature: 'invalid'`.
 */
export async function verifyCopyQr(
  text: string,
  context: VerificationContext,
): Promise<QrVerificationAnswer> {
  const trusted: TrustedQrKey[] = context.chain ? [trustedQrKey(context.chain.signingCertDer)] : [];
  const decoded = decodeQr(text, trusted);
  if (!decoded.signatureValid) return { signature: 'invalid' };
  const holder = decoded.claims.holder ? { holder: decoded.claims.holder } : {};
  const record = await context.copies.getCopy(decoded.claims.copyId);
  if (!record) return { signature: 'valid', ...holder };
  // Our key signed claims our records contradict: never vouch for such a copy.
  if (!agrees(record, decoded.claims)) return { signature: 'invalid' };
  return { signature: 'valid', copy: copyVerificationView(record, context.now), ...holder };
}

function decodeQr(text: string, trusted: TrustedQrKey[]): DecodedCopyQr {
  try {
    return decodeCopyQr(text, trusted);
  } catch (error) {
    if (!(error instanceof InvalidCopyQr)) throw error;
    throw new InvalidRequest(error.message, [{ path: 'body.qr', message: error.message }]);
  }
}

function agrees(record: CopyRecord, claims: DecodedCopyQr['claims']): boolean {
  return (
    record.documentType === claims.documentType &&
    record.issuedTo.partnerId === claims.partnerId &&
    record.issuedTo.branchId === claims.branchId &&
    Date.parse(record.generatedAt) === claims.generatedAt.getTime() &&
    Date.parse(record.expiresAt) === claims.expiresAt.getTime() &&
    record.metadataSha256 === Buffer.from(claims.metadataSha256).toString('hex') &&
    (record.fields ?? []).join(',') === (claims.fields ?? []).join(',')
  );
}

function hasSignatureField(pdf: Uint8Array): boolean {
  return /\/ByteRange\s*\[/.test(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1'));
}
