import { Forbidden, Gone, NotFound } from '../errors';
import type { Partner } from '../partners/partner';
import type { ConsentFlow } from '../requests/consent-flow-port';
import type { RequestStore } from '../requests/request-store';
import type { ShareRequest } from '../requests/share-request';
import { announceNewRequest, hashBody, replayOrConflict } from '../requests/submit-request';
import { type ConsentStore, consentState } from './consent';

// handler --> (requestStandingPackage) --> consents, requests, consent flow
// A fresh package under standing access: a new request, already approved by the consent, that the
// same consent flow turns into copies and a package (its first step sees the approval and goes on).

export interface StandingPackagePorts {
  consents: ConsentStore;
  requests: RequestStore;
  flow: ConsentFlow;
  /** How long the request may take before it counts as expired (the barcode request lifetime). */
  lifetimeSeconds: number;
}

export function standingPackageAnswer(request: ShareRequest) {
  return {
    requestId: request.requestId,
    consentId: request.consentId!,
    status: request.status,
    expiresAt: request.expiresAt,
  };
}

/**
 * 1. A known requestId: the same body answers the same; another body is 409.
 * 2. The consent must be this partner's (404), not revoked (403), not past its end (410).
 * 3. Count the use atomically (fails if revoked meanwhile), create the approved request, start the flow.
 */
export async function requestStandingPackage(
  ports: StandingPackagePorts,
  partner: Partner,
  consentId: string,
  input: { requestId: string },
  now = new Date(),
) {
  const bodyHash = hashBody({ ...input, consentId });
  const existing = await ports.requests.get(partner.partnerId, input.requestId);
  if (existing) {
    await replayOrConflict(ports, existing, bodyHash, now);
    return standingPackageAnswer(existing);
  }
  const consent = await ports.consents.getForPartner(partner.partnerId, consentId);
  if (!consent) throw new NotFound('consent');
  const refuse = () => {
    const state = consentState(consent, now);
    if (state === 'revoked') return new Forbidden('The citizen revoked this consent');
    return new Gone('This consent has ended; ask the citizen again');
  };
  if (consentState(consent, now) !== 'active') throw refuse();
  if (!(await ports.consents.recordUse(consent, now))) {
    const current = await ports.consents.getForPartner(partner.partnerId, consentId);
    throw current?.status === 'revoked' ? new Forbidden('The citizen revoked this consent') : refuse();
  }

  const request: ShareRequest = {
    requestId: input.requestId,
    partnerId: partner.partnerId,
    branchId: consent.branchId,
    offerId: consent.offerId,
    channel: 'consent',
    status: 'approved',
    citizenId: consent.citizenId,
    documentTypes: consent.documentTypes,
    ...(consent.fields ? { fields: consent.fields } : {}),
    partnerName: consent.partnerName,
    branchName: consent.branchName,
    branchAddress: consent.branchAddress,
    purpose: consent.purpose,
    accessDays: 0,
    createdAt: now.toISOString(),
    decidedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ports.lifetimeSeconds * 1000).toISOString(),
    bodyHash,
    consentId,
  };
  if ((await ports.requests.create(request)) === 'exists') {
    const raced = await ports.requests.get(partner.partnerId, input.requestId);
    await replayOrConflict(ports, raced!, bodyHash, now);
    return standingPackageAnswer(raced!);
  }
  await announceNewRequest(ports, request, now);
  return standingPackageAnswer(request);
}
