import { tableName } from '../adapters/dynamo/client';
import { copyPut } from '../adapters/dynamo/copy-store';
import { auditItem, dynamoRequestStore, fieldsUpdate } from '../adapters/dynamo/request-store';
import { dynamoWalletStore } from '../adapters/dynamo/wallet-store';
import { writeTogether } from '../adapters/dynamo/write-together';
import { copyRecipientAndCallback } from '../copies/copy-recipient';
import { type IssuedCopy, issueCopy, prepareCopy } from '../copies/issue-copy-service';
import { copyIdFor } from '../core/copies/copy-id';
import { selectDocumentsToShare } from '../core/requests/select-documents';
import { copySummaryOf } from '../core/requests/share-request';
import { recordMetric } from '../observability/metrics';
import { putPackage, storePackage } from './store-package';
import { correlate, requestRef } from './task-input';

class AccessRevoked extends Error {
  override name = 'AccessRevoked';
  constructor() {
    super('The citizen revoked access');
  }
}

class NoPackageKey extends Error {
  override name = 'NoPackageKey';
  constructor() {
    super('The partner has not registered an encryption key');
  }
}

/** What the flow passes on: how the copies leave, and for e-mail where they are (never the PDFs). */
export interface IssuedCopies {
  delivery: 'email' | 'webhook' | 'pull';
  copies: Array<Omit<IssuedCopy, 'pdf' | 'metadata'> & { docId: string }>;
  missing: string[];
}

// The consent flow's step after approval, in one task: which of the citizen's documents the package
// carries (one per offered type, preferring the one whose barcode started the request), a signed copy
// of each, and — unless they go by e-mail — the package encrypted to the partner. One task rather than
// PrepareCopies → a Map of IssueCopy → BuildPackage: every Standard state a share passes is billed, and
// each of those hops read the request, partner, branch and documents again (docs/benchmarks.md).
// Copy ids derive from the request and the document, so a retry returns the copies already issued.

export const handler = async (event: unknown): Promise<IssuedCopies> => {
  const { partnerId, requestId } = requestRef.parse(event);
  correlate({ partnerId, requestId });
  const request = await dynamoRequestStore.get(partnerId, requestId);
  if (!request?.citizenId) throw new Error('The request has no citizen');
  // The citizen revoked the partner's access while this request was on its way: no copies.
  if (request.revokedAt) throw new AccessRevoked();
  const citizenId = request.citizenId;
  // The documents whole (one Query; only the selected ones are unsealed), the partner and branch in
  // one BatchGetItem.
  const [held, addressee] = await Promise.all([
    dynamoWalletStore.listDocumentsToOpen(citizenId, 100),
    copyRecipientAndCallback(partnerId, request.branchId),
  ]);
  const { selected, missing } = selectDocumentsToShare(request, held);
  // The flow reaches this step once per approved request (a retry of it aside).
  recordMetric('SharesApproved', 1, request.channel);
  const delivery = request.channel === 'qr' ? 'email' : addressee.callbackUrl ? 'webhook' : 'pull';
  if (delivery !== 'email' && !addressee.encryptionKey) throw new NoPackageKey();

  const now = new Date();
  const inputs = await Promise.all(
    selected.map(async ({ docId }) => {
      const document = await held.find((doc) => doc.docId === docId)!.open();
      const fields = request.fields?.[document.type];
      return {
        copyId: copyIdFor({ partnerId, requestId, docId }),
        requestId,
        document,
        recipient: addressee.recipient,
        purpose: request.purpose,
        now,
        ...(fields ? { fields } : {}),
      };
    }),
  );
  const answer = (copies: Array<IssuedCopy & { record?: unknown }>): IssuedCopies => ({
    delivery,
    copies: copies.map(({ pdf: _pdf, metadata: _metadata, record: _record, ...where }, i) => ({
      ...where,
      docId: inputs[i]!.document.docId,
    })),
    missing,
  });
  const packageOptions = { encryptionKey: addressee.encryptionKey!, delivery, now } as const;

  // First attempt: the copies' PDFs and the package go to S3, then one transaction writes the copy
  // records, the request's copies (and package) and its audit entry — all of the step's writes.
  if (!request.copies) {
    const copies = await Promise.all(inputs.map((input) => timed(() => prepareCopy(input))));
    const stored =
      delivery === 'email'
        ? undefined
        : await putPackage(request, copies, missing, { ...packageOptions, delivery });
    const written = await writeTogether([
      ...copies.map((copy) => ({ Put: copyPut(copy.record) })),
      {
        Update: fieldsUpdate(
          partnerId,
          requestId,
          stored?.fields ?? { copies: copies.map(copySummaryOf), missing },
        ),
      },
      ...(stored
        ? [{ Put: { TableName: tableName, Item: auditItem(partnerId, requestId, stored.audit) } }]
        : []),
    ]);
    if (written) return answer(copies);
    // A condition refused it: copies of an earlier attempt exist after all. Go on as a retry does.
  }
  // A retry after the records were written: the copies already issued, from their stored PDFs.
  const copies = await Promise.all(inputs.map((input) => timed(() => issueCopy(input))));
  if (delivery !== 'email') await storePackage(request, copies, missing, { ...packageOptions, delivery });
  return answer(copies);
};

/** Render, sign (KMS) and store: what a citizen waits for after approving, per document. */
async function timed<T>(issue: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const copy = await issue();
  recordMetric('CopyRenderMs', Date.now() - started);
  return copy;
}
