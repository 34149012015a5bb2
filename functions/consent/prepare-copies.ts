import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import { dynamoWalletStore } from '../adapters/dynamo/wallet-store';
import { copyRecipientAndCallback } from '../copies/copy-recipient';
import type { CopyRecipient } from '../core/copies/copy-record';
import { selectDocumentsToShare } from '../core/requests/select-documents';
import { recordMetric } from '../observability/metrics';
import { correlate, requestRef } from './task-input';

class AccessRevoked extends Error {
  override name = 'AccessRevoked';
  constructor() {
    super('The citizen revoked access');
  }
}

// Flow step after approval: which of the citizen's documents the package carries (one per offered
// type, preferring the document whose barcode started the request), and which types are missing.

export const handler = async (event: unknown) => {
  const { partnerId, requestId } = requestRef.parse(event);
  correlate({ partnerId, requestId });
  const request = await dynamoRequestStore.get(partnerId, requestId);
  if (!request?.citizenId) throw new Error('The request has no citizen');
  // The citizen revoked the partner's access while this request was on its way: no copies.
  if (request.revokedAt) throw new AccessRevoked();
  const held = await dynamoWalletStore.listDocuments(request.citizenId, { limit: 100 });
  const { selected, missing } = selectDocumentsToShare(request, held.items);
  // The flow reaches this step once per approved request (a retry of it aside).
  recordMetric('SharesApproved', 1, request.channel);
  const { recipient, delivery } = await recipientAndDelivery(partnerId, request.branchId, request.channel);
  return {
    items: selected.map((document) => ({
      requestId,
      partnerId,
      branchId: request.branchId,
      citizenId: request.citizenId!,
      docId: document.docId,
      purpose: request.purpose,
      // Names only, read once here rather than by every IssueCopy (docs/benchmarks.md).
      recipient,
      // Field keys only (no values): the copy of this document is an extract of them.
      ...(request.fields?.[document.type] ? { fields: request.fields[document.type] } : {}),
    })),
    missing,
    // The flow delivers QR requests by e-mail, the others by package and webhook.
    channel: request.channel,
    delivery,
  };
};

/**
 * Whom the copies are issued to, and how they leave: e-mail for QR requests, else the webhook when
 * the branch has one, else the partner pulls. Decided here so that the flow takes one Choice for it
 * and IssueCopy reads neither partner nor branch (each state a share passes and each read is billed).
 */
async function recipientAndDelivery(
  partnerId: string,
  branchId: string,
  channel: string | undefined,
): Promise<{ recipient: CopyRecipient; delivery: 'email' | 'webhook' | 'pull' }> {
  const { recipient, callbackUrl } = await copyRecipientAndCallback(partnerId, branchId);
  return { recipient, delivery: channel === 'qr' ? 'email' : callbackUrl ? 'webhook' : 'pull' };
}
