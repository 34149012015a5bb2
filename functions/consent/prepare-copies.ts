import { dynamoBranchStore } from '../adapters/dynamo/branch-store';
import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import { dynamoWalletStore } from '../adapters/dynamo/wallet-store';
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
  // How the copies leave, decided here so that the flow takes one Choice for it (each state a share
  // passes is a billed Step Functions transition; docs/benchmarks.md).
  const branch =
    request.channel === 'qr' ? undefined : await dynamoBranchStore.getBranch(partnerId, request.branchId);
  const delivery = request.channel === 'qr' ? 'email' : branch?.callbackUrl ? 'webhook' : 'pull';
  return {
    items: selected.map((document) => ({
      requestId,
      partnerId,
      branchId: request.branchId,
      citizenId: request.citizenId!,
      docId: document.docId,
      purpose: request.purpose,
      // Field keys only (no values): the copy of this document is an extract of them.
      ...(request.fields?.[document.type] ? { fields: request.fields[document.type] } : {}),
    })),
    missing,
    // The flow delivers QR requests by e-mail, the others by package and webhook.
    channel: request.channel,
    delivery,
  };
};
