import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import { dynamoWalletStore } from '../adapters/dynamo/wallet-store';
import { copyRecipientAndCallback } from '../copies/copy-recipient';
import { type IssuedCopy, issueCopy } from '../copies/issue-copy-service';
import { copyIdFor } from '../core/copies/copy-id';
import { NotFound } from '../core/errors';
import { selectDocumentsToShare } from '../core/requests/select-documents';
import { recordMetric } from '../observability/metrics';
import { storePackage } from './store-package';
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
  const [held, addressee] = await Promise.all([
    dynamoWalletStore.listDocuments(citizenId, { limit: 100 }),
    copyRecipientAndCallback(partnerId, request.branchId),
  ]);
  const { selected, missing } = selectDocumentsToShare(request, held.items);
  // The flow reaches this step once per approved request (a retry of it aside).
  recordMetric('SharesApproved', 1, request.channel);
  const delivery = request.channel === 'qr' ? 'email' : addressee.callbackUrl ? 'webhook' : 'pull';
  if (delivery !== 'email' && !addressee.encryptionKey) throw new NoPackageKey();

  const now = new Date();
  const copies = await Promise.all(
    selected.map(async ({ docId }) => {
      const document = await dynamoWalletStore.getDocument(citizenId, docId);
      if (!document) throw new NotFound('document');
      const fields = request.fields?.[document.type];
      const started = Date.now();
      const copy = await issueCopy({
        copyId: copyIdFor({ partnerId, requestId, docId }),
        requestId,
        document,
        recipient: addressee.recipient,
        purpose: request.purpose,
        now,
        ...(fields ? { fields } : {}),
      });
      // Render, sign (KMS) and store: what a citizen waits for after approving, per document.
      recordMetric('CopyRenderMs', Date.now() - started);
      return { ...copy, docId };
    }),
  );
  if (delivery !== 'email') {
    await storePackage(request, copies, missing, { encryptionKey: addressee.encryptionKey!, delivery, now });
  }
  return {
    delivery,
    copies: copies.map(({ pdf: _pdf, metadata: _metadata, ...where }) => where),
    missing,
  };
};
