import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import * as z from 'zod';
import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import { dynamoWalletStore } from '../adapters/dynamo/wallet-store';
import { getObject, putObject } from '../adapters/s3/bucket';
import { senderAddress, sendRawEmail } from '../adapters/ses/send-email';
import { readEnv } from '../config/env';
import { requestRef } from '../consent/task-input';
import { documentTypeSchema } from '../core/documents/document-type';
import { extractData } from '../core/documents/field-selection';
import {
  type CopiesEmailContext,
  type CopiesEmailDocument,
  chooseDelivery,
  composeCopiesEmail,
  composeDownloadLinkEmail,
  copyFilename,
  estimateCopiesEmailSize,
  SES_MAX_MESSAGE_BYTES,
} from '../core/organisations/copies-email';
import { createDownloadLink, downloadUrl } from '../core/organisations/download-links';
import { copySummaryOf } from '../core/requests/share-request';
import { downloadLinks, organisations } from './ports';

// Consent-flow task for QR requests (instead of a package and a webhook): one SES raw e-mail to the
// branch's verified address with the signed PDFs and metadata.json attached — or, when that would
// exceed SES's size limit, a one-time link to a ZIP of them. SES errors propagate by name
// (TooManyRequestsException…) so that the state machine's Retry absorbs throttling.

const config = readEnv({
  PUBLIC_BASE_URL: z.url(),
  EMAIL_MAX_MESSAGE_BYTES: z.coerce.number().int().min(1000).default(SES_MAX_MESSAGE_BYTES),
});

const input = requestRef.extend({
  copies: z.array(
    z
      .object({
        copyId: z.string(),
        documentType: documentTypeSchema,
        pdfKey: z.string(),
        pdfSha256: z.string(),
        docId: z.string(),
        fields: z.array(z.string()).optional(),
      })
      .extend({ generatedAt: z.string(), expiresAt: z.string() })
      .passthrough(),
  ),
  missing: z.array(documentTypeSchema).default([]),
});

class BranchCannotReceive extends Error {
  override name = 'BranchCannotReceive';
}

export const handler = async (event: unknown) => {
  const { partnerId: orgId, requestId, copies, missing } = input.parse(event);
  const request = await dynamoRequestStore.get(orgId, requestId);
  if (!request?.citizenId) throw new Error('The request is gone');
  // A retry of this task after the e-mail went out (the record below failed, the Lambda timed out)
  // must not mail the branch twice.
  if (request.emailedAt) return { mode: 'already_sent' as const, bytes: 0 };
  const [organisation, branch] = await Promise.all([
    organisations.get(orgId),
    organisations.getBranch(orgId, request.branchId),
  ]);
  if (!organisation || !branch) throw new BranchCannotReceive('The organisation or branch is gone');
  if (branch.emailStatus !== 'verified') throw new BranchCannotReceive('The branch e-mail is not verified');

  const documents: Array<
    CopiesEmailDocument & { pdfSha256: string; data: Record<string, unknown>; fields?: string[] }
  > = [];
  for (const copy of copies) {
    const pdf = await getObject(copy.pdfKey);
    if (!pdf) throw new Error('A copy is missing from storage');
    if (createHash('sha256').update(pdf).digest('hex') !== copy.pdfSha256)
      throw new Error('A copy does not match its hash');
    // The copied document's own data: the citizen may hold several of one type.
    const document = await dynamoWalletStore.getDocument(request.citizenId, copy.docId);
    documents.push({
      type: copy.documentType,
      copyId: copy.copyId,
      pdf,
      pdfSha256: copy.pdfSha256,
      data: extractData(document?.data ?? {}, copy.fields),
      ...(copy.fields ? { fields: copy.fields } : {}),
    });
  }
  const now = new Date();
  const metadata = {
    requestId,
    organisation: { orgId, name: organisation.name, taxId: organisation.taxId },
    branch: { branchId: branch.branchId, name: branch.name, address: branch.address },
    service: { serviceId: request.offerId, name: request.purpose },
    generatedAt: now.toISOString(),
    documents: documents.map((d) => ({
      type: d.type,
      copyId: d.copyId,
      file: copyFilename(d),
      pdfSha256: d.pdfSha256,
      ...(d.fields ? { extract: true, fields: d.fields } : {}),
      data: d.data,
    })),
    missing,
  };
  const metadataJson = JSON.stringify(metadata, null, 2);
  const context: CopiesEmailContext = {
    from: senderAddress(),
    to: branch.email,
    requestId,
    organisationName: organisation.name,
    branchName: branch.name,
    serviceName: request.purpose,
    verifyUrl: `${config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/verify`,
    missing,
  };

  const limit = config.EMAIL_MAX_MESSAGE_BYTES;
  const estimate = estimateCopiesEmailSize([
    ...documents.map((d) => d.pdf.length),
    Buffer.byteLength(metadataJson),
  ]);
  let raw =
    chooseDelivery(estimate, limit) === 'attachments'
      ? await composeCopiesEmail(context, documents, metadata)
      : undefined;
  const mode = raw && raw.length <= limit ? 'attachments' : 'link';
  if (mode === 'link') {
    const objectKey = `downloads/${orgId}/${requestId}.zip`;
    const zip = zipSync(
      {
        ...Object.fromEntries(documents.map((d) => [copyFilename(d), [d.pdf, { level: 0 }] as const])),
        'metadata.json': new TextEncoder().encode(metadataJson),
      },
      { level: 6 },
    );
    await putObject(objectKey, zip, 'application/zip');
    const link = await createDownloadLink(downloadLinks, { orgId, requestId, objectKey }, now);
    raw = await composeDownloadLinkEmail(
      context,
      documents,
      downloadUrl(config.PUBLIC_BASE_URL, link.token),
      link.expiresAt,
    );
  }
  await sendRawEmail(branch.email, raw!);

  await dynamoRequestStore.update(orgId, requestId, {
    emailedAt: new Date().toISOString(),
    copies: copies.map(copySummaryOf),
    missing,
    deliveryStatus: 'pending',
    deliveryAttempts: (request.deliveryAttempts ?? 0) + 1,
  });
  await dynamoRequestStore.audit(orgId, requestId, 'emailed', 'system', {
    mode,
    bytes: raw!.length,
    copies: copies.length,
  });
  return { mode, bytes: raw!.length };
};
