import type { DocumentType } from '../documents/document-type';
import type { Page, PageRequest } from '../pagination';

// What docshare remembers about each signed copy: enough to answer public verification and the
// citizen's history, and no personal data (the PDF itself lives, encrypted, in the copies bucket).

export type CopyStatus = 'valid' | 'revoked' | 'expired';

export interface CopyRecipient {
  partnerId: string;
  partnerName: string;
  branchId: string;
  branchName: string;
}

export interface CopyRecord {
  copyId: string;
  /** As stored; `expired` is also derived from `expiresAt` (see effectiveCopyStatus). */
  status: CopyStatus;
  documentType: DocumentType;
  issuedTo: CopyRecipient;
  purpose: string;
  /** ISO-8601 UTC, whole seconds (the QR carries epoch seconds). */
  generatedAt: string;
  expiresAt: string;
  /** The object key of the signed PDF in the copies bucket. */
  pdfKey: string;
  /** Hex SHA-256 of the signed PDF. */
  pdfSha256: string;
  /** Hex SHA-256 of the canonical JSON of the metadata; the QR's claim 8. */
  metadataSha256: string;
  requestId: string;
  /** An extract's field keys (what the partner received); absent for a copy of the whole document. */
  fields?: string[];
  /** For the citizen's history and erasure only; never part of a public answer. */
  citizenId: string;
  docId: string;
}

/** The copies records (DynamoDB in AWS). */
export interface CopyStore {
  /** Stores a new copy; false when a copy with this id already exists (nothing is written then). */
  createCopy(record: CopyRecord): Promise<boolean>;
  getCopy(copyId: string): Promise<CopyRecord | undefined>;
  /**
   * Revokes or expires a copy; false when the copy is unknown, or when expiring a revoked copy
   * (revocation is final).
   */
  markCopyStatus(copyId: string, status: Exclude<CopyStatus, 'valid'>): Promise<boolean>;
  /** A citizen's copies, newest first. */
  listCitizenCopies(citizenId: string, page: PageRequest): Promise<Page<CopyRecord>>;
}

/** Where signed PDFs are kept (the copies bucket in AWS). */
export interface CopyPdfStore {
  putPdf(key: string, pdf: Uint8Array): Promise<void>;
  getPdf(key: string): Promise<Uint8Array>;
}

/** The object key of a copy's PDF: the copy id only, nothing personal. */
export function copyPdfKey(copyId: string): string {
  return `copies/${copyId}.pdf`;
}

/** A copy past its expiry is expired whatever the record says (records are not swept on time). */
export function effectiveCopyStatus(record: Pick<CopyRecord, 'status' | 'expiresAt'>, now: Date): CopyStatus {
  if (record.status === 'valid' && now.getTime() >= Date.parse(record.expiresAt)) return 'expired';
  return record.status;
}

/** What anyone may learn about a copy (docs/api.md, Public): no personal data, no internal ids. */
export interface CopyVerificationView {
  status: CopyStatus;
  documentType: DocumentType;
  issuedTo: { partner: string; branch: string };
  generatedAt: string;
  /** True when the copy shows only some of the document's fields, named in `fields`. */
  extract: boolean;
  fields?: string[];
}

export function copyVerificationView(record: CopyRecord, now: Date): CopyVerificationView {
  return {
    status: effectiveCopyStatus(record, now),
    documentType: record.documentType,
    issuedTo: { partner: record.issuedTo.partnerName, branch: record.issuedTo.branchName },
    generatedAt: record.generatedAt,
    extract: record.fields !== undefined,
    ...(record.fields ? { fields: record.fields } : {}),
  };
}
