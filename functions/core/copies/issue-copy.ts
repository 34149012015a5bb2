import { createHash } from 'node:crypto';
import { describeDocument } from '../documents';
import { extractData, presentFieldCount } from '../documents/field-selection';
import { Conflict } from '../errors';
import { encodeCopyQr } from '../qr/copy-qr';
import { holderClaimsOf } from '../qr/holder-claims';
import type { CertificateChain } from '../signing/cades-signed-data';
import type { DigestSigner } from '../signing/digest-signer';
import { signPdf } from '../signing/sign-pdf';
import type { WalletDocument } from '../wallet/wallet';
import { canonicalJsonSha256 } from './canonical-json';
import { newCopyId } from './copy-id';
import type { CopyAssets } from './copy-input';
import {
  type CopyPdfStore,
  type CopyRecipient,
  type CopyRecord,
  type CopyStore,
  copyPdfKey,
} from './copy-record';
import { renderCopy } from './render-copy';

// consent flow / task --> (issueCopy) --> CopyStore, CopyPdfStore, DigestSigner (KMS), certificates

export const DEFAULT_COPY_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface IssueCopyInput {
  requestId: string;
  document: WalletDocument;
  recipient: CopyRecipient;
  purpose: string;
  now: Date;
  /** Days until the copy expires (and its PDF is deleted); the service's default otherwise. */
  retentionDays?: number;
  /** A stable id (see copyIdFor) makes a retried call return the copy it already issued. */
  copyId?: string;
  /** The offer's field selection for this document: the copy is an extract of these fields only. */
  fields?: string[];
}

/** The document fields as the partner receives them, and as the QR's metadataSha256 covers them. */
export interface CopyMetadata {
  type: WalletDocument['type'];
  data: Record<string, unknown>;
}

export interface IssuedCopy {
  copyId: string;
  documentType: WalletDocument['type'];
  pdf: Uint8Array;
  pdfKey: string;
  /** Hex SHA-256 of `pdf`. */
  pdfSha256: string;
  metadata: CopyMetadata;
  generatedAt: string;
  expiresAt: string;
  /** An extract's field keys; absent for a copy of the whole document. */
  fields?: string[];
}

export interface IssueCopyPorts {
  signer: DigestSigner;
  /** The chain of `signer`'s key, cached by the caller (it costs KMS calls only once). */
  certificateChain(): Promise<CertificateChain>;
  copies: CopyStore;
  pdfs: CopyPdfStore;
  assets: CopyAssets;
  defaultRetentionDays: number;
}

/**
 * Issues one signed copy:
 * 1. With a stable copyId, return the copy already issued under it (a retry), if any.
 * 2. Hash the metadata ({ type, data } as canonical JSON) and sign the DS1 QR claims (1 KMS Sign).
 * 3. Render the PDF with the document's Ukrainian description, the stamp and the QR; sign it (1 KMS Sign).
 * 4. Store the PDF under a key that names only the copy, then the copy record (conditional: one per id).
 */
export async function issueCopy(input: IssueCopyInput, ports: IssueCopyPorts): Promise<IssuedCopy> {
  if (input.copyId) {
    const existing = await ports.copies.getCopy(input.copyId);
    if (existing) return reissueCopy(existing, input, ports);
  }
  const { record, ...copy } = await prepareCopy(input, ports);
  if (!(await ports.copies.createCopy(record))) {
    // Two attempts ran at once under one stable id (the consent flow's unique execution names rule
    // that out; sequential retries never get here). The first record wins; if this attempt's PDF
    // replaced the winner's, reissueCopy() finds the hashes differ and fails loudly.
    const winner = await ports.copies.getCopy(record.copyId);
    if (!winner) throw new Error(`Copy ${record.copyId} was neither created nor found`);
    return reissueCopy(winner, input, ports);
  }
  return copy;
}

const metadataOf = (input: IssueCopyInput): CopyMetadata => ({
  type: input.document.type,
  data: extractData(input.document.data, input.fields),
});

/**
 * Steps 2–3 of issueCopy and the PDF stored, but not the record: the caller writes `record` (with
 * attribute_not_exists on its key) in a transaction of its own, beside what else the copy changes.
 */
export async function prepareCopy(
  input: IssueCopyInput,
  ports: Omit<IssueCopyPorts, 'copies'>,
): Promise<IssuedCopy & { record: CopyRecord }> {
  const metadata = metadataOf(input);
  const metadataSha256 = canonicalJsonSha256(metadata);
  const copyId = input.copyId ?? newCopyId();
  // Whole seconds: the QR carries epoch seconds and the record must say the same time.
  const generatedAt = new Date(Math.floor(input.now.getTime() / 1000) * 1000);
  const retentionDays = input.retentionDays ?? ports.defaultRetentionDays;
  const expiresAt = new Date(generatedAt.getTime() + retentionDays * DAY_MS);
  const { recipient, document } = input;

  const chain = await ports.certificateChain();
  const qrPayload = await encodeCopyQr(
    {
      copyId,
      documentType: document.type,
      partnerId: recipient.partnerId,
      branchId: recipient.branchId,
      purpose: input.purpose,
      generatedAt,
      expiresAt,
      metadataSha256,
      ...(input.fields ? { fields: input.fields } : {}),
      holder: holderClaimsOf(document.type, document.data, input.fields),
    },
    ports.signer,
    chain.signingCertDer,
  );
  const description = describeDocument(document.type, metadata.data);
  const unsigned = await renderCopy(
    {
      copyId,
      documentType: document.type,
      title: description.title,
      fields: description.fields,
      recipient: { partnerName: recipient.partnerName, branchName: recipient.branchName },
      purpose: input.purpose,
      generatedAt,
      expiresAt,
      qrPayload,
      ...(input.fields
        ? {
            extract: {
              shown: presentFieldCount(document.type, metadata.data),
              total: presentFieldCount(document.type, document.data),
            },
          }
        : {}),
    },
    ports.assets,
  );
  const pdf = await signPdf(unsigned, ports.signer, chain);

  const record: CopyRecord = {
    copyId,
    status: 'valid',
    documentType: document.type,
    issuedTo: { ...recipient },
    purpose: input.purpose,
    generatedAt: generatedAt.toISOString(),
    expiresAt: expiresAt.toISOString(),
    pdfKey: copyPdfKey(copyId),
    pdfSha256: sha256Hex(pdf),
    metadataSha256: Buffer.from(metadataSha256).toString('hex'),
    requestId: input.requestId,
    ...(input.fields ? { fields: input.fields } : {}),
    citizenId: document.citizenId,
    docId: document.docId,
  };
  await ports.pdfs.putPdf(record.pdfKey, pdf);
  return { ...answerOf(record, metadata), pdf, record };
}

/** The copy already issued under the input's stable id (a retry): its stored PDF, checked. */
export async function reissueCopy(
  existing: CopyRecord,
  input: IssueCopyInput,
  ports: Pick<IssueCopyPorts, 'pdfs'>,
): Promise<IssuedCopy> {
  const metadata = metadataOf(input);
  const metadataSha256 = canonicalJsonSha256(metadata);
  const sameRequest =
    existing.requestId === input.requestId &&
    existing.docId === input.document.docId &&
    existing.issuedTo.partnerId === input.recipient.partnerId;
  if (!sameRequest) throw new Conflict(`Copy ${existing.copyId} was issued for another request`);
  // The partner receives the metadata beside the PDF: it must be what the PDF and its QR state.
  if (existing.metadataSha256 !== Buffer.from(metadataSha256).toString('hex')) {
    throw new Conflict(`The document changed after copy ${existing.copyId} was issued`);
  }
  const pdf = await ports.pdfs.getPdf(existing.pdfKey);
  if (sha256Hex(pdf) !== existing.pdfSha256) throw new Error(`Stored PDF of copy ${existing.copyId} differs`);
  return { ...answerOf(existing, metadata), pdf };
}

function answerOf(record: CopyRecord, metadata: CopyMetadata): Omit<IssuedCopy, 'pdf'> {
  return {
    copyId: record.copyId,
    documentType: record.documentType,
    pdfKey: record.pdfKey,
    pdfSha256: record.pdfSha256,
    metadata,
    generatedAt: record.generatedAt,
    expiresAt: record.expiresAt,
    ...(record.fields ? { fields: record.fields } : {}),
  };
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
