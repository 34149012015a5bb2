import * as z from 'zod';
import { dynamoWalletStore } from '../adapters/dynamo/wallet-store';
import { copyIdFor } from '../core/copies/copy-id';
import { NotFound } from '../core/errors';
import { recordMetric } from '../observability/metrics';
import { copyRecipientOf } from './copy-recipient';
import { issueCopy } from './issue-copy-service';

// A consent-flow task (one per document of an approved request, e.g. in a Map state): loads the
// document, the partner and the branch, issues the copy and answers where it is — never the PDF
// itself (Step Functions payloads are capped at 256 KB) and nothing personal.
// The copy id is derived from the request and the document, so a retried task returns the same copy.

const taskInput = z.object({
  requestId: z.string().min(1).max(100),
  citizenId: z.string().min(1).max(100),
  docId: z.string().min(1).max(100),
  partnerId: z.string().min(1).max(100),
  branchId: z.string().min(1).max(100),
  purpose: z.string().trim().min(1).max(500),
  fields: z.array(z.string().min(1).max(64)).min(1).max(64).optional(),
  /** Names of whom the copy is for, as PrepareCopies read them; read here when absent. */
  recipient: z
    .object({
      partnerId: z.string().min(1).max(100),
      partnerName: z.string().min(1).max(300),
      branchId: z.string().min(1).max(100),
      branchName: z.string().min(1).max(300),
    })
    .optional(),
});

export interface IssueCopyTaskOutput {
  copyId: string;
  documentType: string;
  pdfKey: string;
  pdfSha256: string;
  generatedAt: string;
  expiresAt: string;
  /** The document copied: what a delivery describes must be this one, not another of its type. */
  docId: string;
  /** An extract's field keys: the delivery's metadata holds only these. */
  fields?: string[];
}

export const handler = async (event: unknown): Promise<IssueCopyTaskOutput> => {
  const input = taskInput.parse(event);
  const [document, recipient] = await Promise.all([
    dynamoWalletStore.getDocument(input.citizenId, input.docId),
    input.recipient?.partnerId === input.partnerId && input.recipient.branchId === input.branchId
      ? input.recipient
      : copyRecipientOf(input.partnerId, input.branchId),
  ]);
  if (!document) throw new NotFound('document');
  const started = Date.now();
  const copy = await issueCopy({
    copyId: copyIdFor(input),
    requestId: input.requestId,
    document,
    recipient,
    purpose: input.purpose,
    now: new Date(),
    ...(input.fields ? { fields: input.fields } : {}),
  });
  // Render, sign (KMS) and store: what a citizen waits for after approving, per document.
  recordMetric('CopyRenderMs', Date.now() - started);
  return {
    copyId: copy.copyId,
    documentType: copy.documentType,
    pdfKey: copy.pdfKey,
    pdfSha256: copy.pdfSha256,
    generatedAt: copy.generatedAt,
    expiresAt: copy.expiresAt,
    docId: input.docId,
    ...(copy.fields ? { fields: copy.fields } : {}),
  };
};
