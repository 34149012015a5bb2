import * as z from 'zod';
import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import { putObject } from '../adapters/s3/bucket';
import { readEnv } from '../config/env';
import type { IssuedCopy } from '../copies/issue-copy-service';
import type { DocumentType } from '../core/documents/document-type';
import type { PartnerKey } from '../core/keys/partner-jwk';
import { encryptPackage, type PackageDocument } from '../core/requests/package';
import type { AuditEntry } from '../core/requests/request-store';
import type { ShareRequest } from '../core/requests/share-request';
import { copySummaryOf } from '../core/requests/share-request';

// The signed copies and their metadata, encrypted to the partner's key (JWE), stored in S3 (SSE-KMS)
// where the partner can pull it, and recorded on the request.

const config = readEnv({ PACKAGE_RETENTION_DAYS: z.coerce.number().int().min(1).default(7) });

/** The request's fields and audit entry that record a stored package. */
export interface StoredPackage {
  fields: Partial<ShareRequest>;
  audit: AuditEntry;
}

/** Encrypts the package and puts it in S3; what the request must record is left to the caller. */
export async function putPackage(
  request: Pick<ShareRequest, 'partnerId' | 'requestId' | 'branchId' | 'offerId'>,
  copies: IssuedCopy[],
  missing: DocumentType[],
  options: { encryptionKey: PartnerKey; delivery: 'webhook' | 'pull'; now: Date },
): Promise<StoredPackage> {
  const { partnerId, requestId } = request;
  const documents: PackageDocument[] = copies.map((copy) => ({
    type: copy.documentType,
    copyId: copy.copyId,
    // An extract's metadata holds exactly the fields its PDF and QR state (what the QR's hash covers).
    data: copy.metadata.data,
    ...(copy.fields ? { extract: true, fields: copy.fields } : {}),
    pdf: Buffer.from(copy.pdf).toString('base64'),
    pdfSha256: copy.pdfSha256,
  }));
  const jwe = await encryptPackage(
    {
      requestId,
      partnerId,
      branchId: request.branchId,
      offerId: request.offerId,
      generatedAt: options.now.toISOString(),
      documents,
      missing,
    },
    options.encryptionKey,
  );
  const packageKey = `packages/${partnerId}/${requestId}.jwe`;
  await putObject(packageKey, jwe, 'application/jose');
  return {
    fields: {
      packageKey,
      packageExpiresAt: new Date(
        options.now.getTime() + config.PACKAGE_RETENTION_DAYS * 86400_000,
      ).toISOString(),
      copies: copies.map(copySummaryOf),
      missing,
      deliveryStatus: options.delivery === 'webhook' ? 'pending' : 'pull_only',
    },
    audit: {
      event: 'package_built',
      actor: 'system',
      details: { copies: copies.length, missing: missing.length },
    },
  };
}

/** putPackage, then the request records it (and its audit entry), one write after the other. */
export async function storePackage(...args: Parameters<typeof putPackage>): Promise<void> {
  const [request] = args;
  const { fields, audit } = await putPackage(...args);
  await dynamoRequestStore.update(request.partnerId, request.requestId, fields);
  await dynamoRequestStore.audit(
    request.partnerId,
    request.requestId,
    audit.event,
    audit.actor,
    audit.details,
  );
}
