import type { ShareRequest } from '../requests/share-request';
import { type Consent, type ConsentStore, consentIdFor } from './consent';

const DAY_MS = 86_400_000;

/** The standing access an approved request grants, if its offer asks for any (accessDays > 0). */
export function consentFromApproval(request: ShareRequest, now: Date): Consent | undefined {
  if (!request.citizenId || request.accessDays <= 0 || request.channel === 'consent') return undefined;
  return {
    consentId: consentIdFor(request.partnerId, request.requestId),
    partnerId: request.partnerId,
    citizenId: request.citizenId,
    requestId: request.requestId,
    branchId: request.branchId,
    offerId: request.offerId,
    documentTypes: request.documentTypes,
    ...(request.fields ? { fields: request.fields } : {}),
    partnerName: request.partnerName,
    branchName: request.branchName,
    branchAddress: request.branchAddress,
    purpose: request.purpose,
    since: now.toISOString(),
    until: new Date(now.getTime() + request.accessDays * DAY_MS).toISOString(),
    status: 'active',
    uses: 0,
  };
}

/** Records the standing access of an approval; returns its id (idempotent per request). */
export async function grantConsent(
  consents: ConsentStore,
  request: ShareRequest,
  now: Date,
): Promise<string | undefined> {
  const consent = consentFromApproval(request, now);
  if (!consent) return undefined;
  await consents.put(consent);
  return consent.consentId;
}
