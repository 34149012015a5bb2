import { dynamoBranchStore } from '../adapters/dynamo/branch-store';
import { dynamoOrganisationStore } from '../adapters/dynamo/organisation-store';
import { dynamoPartnerStore } from '../adapters/dynamo/partner-store';
import type { CopyRecipient } from '../core/copies/copy-record';
import { NotFound } from '../core/errors';
import type { PartnerKey } from '../core/keys/partner-jwk';

// Whom a copy is issued to: a partner and its branch, or — for QR requests, whose partnerId is an
// organisation id (org_…) — the organisation and its branch. The stamp and verification name them.

/**
 * The recipient, and the partner branch's webhook URL if it has one and the partner's package key if
 * it registered one (organisations have neither: their copies go by e-mail).
 */
export async function copyRecipientAndCallback(
  partnerId: string,
  branchId: string,
): Promise<{ recipient: CopyRecipient; callbackUrl?: string; encryptionKey?: PartnerKey }> {
  if (partnerId.startsWith('org_')) {
    const [organisation, branch] = await Promise.all([
      dynamoOrganisationStore.get(partnerId),
      dynamoOrganisationStore.getBranch(partnerId, branchId),
    ]);
    if (!organisation) throw new NotFound('organisation');
    if (!branch) throw new NotFound('branch');
    return { recipient: { partnerId, partnerName: organisation.name, branchId, branchName: branch.name } };
  }
  const [partner, branch] = await Promise.all([
    dynamoPartnerStore.get(partnerId),
    dynamoBranchStore.getBranch(partnerId, branchId),
  ]);
  if (!partner) throw new NotFound('partner');
  if (!branch) throw new NotFound('branch');
  return {
    recipient: { partnerId, partnerName: partner.name, branchId, branchName: branch.name },
    ...(branch.callbackUrl ? { callbackUrl: branch.callbackUrl } : {}),
    ...(partner.encryptionKey ? { encryptionKey: partner.encryptionKey } : {}),
  };
}
