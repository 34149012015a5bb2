import { createHash } from 'node:crypto';
import * as z from 'zod';
import { dynamoBranchStore } from '../adapters/dynamo/branch-store';
import { dynamoPartnerStore } from '../adapters/dynamo/partner-store';
import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import { dynamoWalletStore } from '../adapters/dynamo/wallet-store';
import { getObject, putObject } from '../adapters/s3/bucket';
import { readEnv } from '../config/env';
import { documentTypeSchema } from '../core/documents/document-type';
import { extractData } from '../core/documents/field-selection';
import { encryptPackage, type PackageDocument } from '../core/requests/package';
import { requestRef } from './task-input';

// Flow step: the signed copies and their metadata, encrypted to the partner's key (JWE), stored in
// S3 (SSE-KMS) where the partner can pull it, and recorded on the request.

const config = readEnv({ PACKAGE_RETENTION_DAYS: z.coerce.number().int().min(1).default(7) });

const input = requestRef.extend({
  copies: z.array(
    z
      .object({
        copyId: z.string(),
        documentType: documentTypeSchema,
        docId: z.string().optional(),
        pdfKey: z.string(),
        pdfSha256: z.string(),
        generatedAt: z.string(),
        expiresAt: z.string(),
        fields: z.array(z.string()).optional(),
      })
      .passthrough(),
  ),
  missing: z.array(documentTypeSchema).default([]),
  /** From PrepareCopies: whether the branch has a webhook (then the branch is not read again). */
  delivery: z.enum(['webhook', 'pull']).optional(),
});

export const handler = async (event: unknown) => {
  const { partnerId, requestId, copies, missing, delivery } = input.parse(event);
  const request = await dynamoRequestStore.get(partnerId, requestId);
  const partner = await dynamoPartnerStore.get(partnerId);
  if (!request?.citizenId || !partner) throw new Error('The request or partner is gone');
  if (!partner.encryptionKey) throw new Error('The partner has not registered an encryption key');
  // Copies name their document; only a copy issued before they did needs the citizen's list.
  let held: Awaited<ReturnType<typeof dynamoWalletStore.listDocuments>> | undefined;
  const citizenId = request.citizenId;
  const docIdOf = async (copy: (typeof copies)[number]) => {
    if (copy.docId) return copy.docId;
    held ??= await dynamoWalletStore.listDocuments(citizenId, { limit: 100 });
    return held.items.find((d) => d.type === copy.documentType)?.docId;
  };

  const documents: PackageDocument[] = [];
  for (const copy of copies) {
    const pdf = await getObject(copy.pdfKey);
    if (!pdf) throw new Error('A copy is missing from storage');
    if (createHash('sha256').update(pdf).digest('hex') !== copy.pdfSha256)
      throw new Error('A copy does not match its hash');
    const docId = await docIdOf(copy);
    const document = docId ? await dynamoWalletStore.getDocument(request.citizenId, docId) : undefined;
    documents.push({
      type: copy.documentType,
      copyId: copy.copyId,
      // An extract's metadata holds exactly the fields its PDF and QR state (same as the copy's hash).
      data: extractData(document?.data ?? {}, copy.fields),
      ...(copy.fields ? { extract: true, fields: copy.fields } : {}),
      pdf: Buffer.from(pdf).toString('base64'),
      pdfSha256: copy.pdfSha256,
    });
  }
  const now = new Date();
  const jwe = await encryptPackage(
    {
      requestId,
      partnerId,
      branchId: request.branchId,
      offerId: request.offerId,
      generatedAt: now.toISOString(),
      documents,
      missing,
    },
    partner.encryptionKey,
  );
  const packageKey = `packages/${partnerId}/${requestId}.jwe`;
  await putObject(packageKey, jwe, 'application/jose');
  const hasCallback = delivery
    ? delivery === 'webhook'
    : Boolean((await dynamoBranchStore.getBranch(partnerId, request.branchId))?.callbackUrl);
  await dynamoRequestStore.update(partnerId, requestId, {
    packageKey,
    packageExpiresAt: new Date(now.getTime() + config.PACKAGE_RETENTION_DAYS * 86400_000).toISOString(),
    copies: copies.map((copy) => ({
      copyId: copy.copyId,
      type: copy.documentType,
      generatedAt: copy.generatedAt,
      expiresAt: copy.expiresAt,
      ...(copy.fields ? { fields: copy.fields } : {}),
    })),
    missing,
    deliveryStatus: hasCallback ? 'pending' : 'pull_only',
  });
  await dynamoRequestStore.audit(partnerId, requestId, 'package_built', 'system', {
    copies: copies.length,
    missing: missing.length,
  });
  return { hasCallback };
};
