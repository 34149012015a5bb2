import type { ConsentStore } from '../consents/consent';
import { grantConsent } from '../consents/grant-consent';
import { Conflict, NotFound } from '../errors';
import { checkConsentPin } from '../wallet/consent-pin';
import type { PinStore } from '../wallet/wallet';
import type { ConsentFlow } from './consent-flow-port';
import type { RequestStore } from './request-store';
import { effectiveStatus, type ShareRequest } from './share-request';

// handler --> (approveRequest / declineRequest) --> requests, PIN check, consent flow

export interface DecidePorts {
  requests: RequestStore;
  pins: PinStore;
  flow: ConsentFlow;
  consents: ConsentStore;
}

/**
 * 1. Only the request's own citizen can see it (404 otherwise).
 * 2. Deciding again the same way answers the same (idempotent); the other way, or too late, 409.
 * 3. Approval needs the consent PIN (403 pin_invalid / 423 pin_locked).
 * 4. Record the decision with a conditional write, then wake the waiting flow. If the flow has not
 *    stored its task token yet, its first step sees the decision and continues by itself.
 * 5. An approval of an offer with accessDays > 0 also grants standing access (a consent).
 */
export async function decideRequest(
  ports: DecidePorts,
  citizenId: string,
  requestId: string,
  decision: 'approved' | 'declined',
  pin: string | undefined,
  now = new Date(),
  partnerId?: string,
) {
  // With ?partnerId= the request is read by its key; without, the citizen's index names whose it is.
  const partnerIds =
    partnerId !== undefined ? [partnerId] : await ports.requests.findPartnersForCitizen(citizenId, requestId);
  // The requests and, for an approval, the citizen's PIN record in one round trip (one BatchGetItem).
  const [found, pinRecord] = await Promise.all([
    Promise.all(partnerIds.map((id) => ports.requests.get(id, requestId))),
    decision === 'approved' ? ports.pins.getPin(citizenId) : undefined,
  ]);
  const matches = found.filter(
    (request): request is ShareRequest => request !== undefined && request.citizenId === citizenId,
  );
  // Two partners used the same requestId for this citizen: deciding either could approve the wrong
  // partner's request (one partner may even have chosen the id to collide), so neither is decided here.
  if (matches.length > 1) {
    throw new Conflict(
      'Two partners’ requests share this requestId: say whose with ?partnerId= (from GET /v1/me/requests)',
    );
  }
  const [request] = matches;
  if (!request) throw new NotFound('request');
  const status = effectiveStatus(request, now);
  const alreadyDecided = decision === 'approved' ? ['approved', 'delivered'] : ['declined'];
  if (alreadyDecided.includes(status)) {
    // A retry after a partial failure still records the standing access (the grant is idempotent).
    if (decision === 'approved') await grantStandingAccess(ports, request, now);
    // Likewise a failure between recording the decision and waking the flow (a 503 the citizen's
    // app retried): the retry wakes it; waking a flow that already moved on is harmless.
    if (status === decision) await wakeFlow(ports, request, decision);
    return { status: decision };
  }
  if (status !== 'pending_consent')
    throw new Conflict(`The request is ${status}; it can no longer be ${decision}`);

  if (decision === 'approved') await checkConsentPin(ports.pins, citizenId, pin ?? '', now, pinRecord);
  const recorded = await ports.requests.recordDecision(
    request.partnerId,
    requestId,
    decision,
    now.toISOString(),
  );
  if (!recorded) {
    const current = await ports.requests.get(request.partnerId, requestId);
    if (current && alreadyDecided.includes(current.status)) return { status: decision };
    throw new Conflict(`The request is ${current?.status}; it can no longer be ${decision}`);
  }
  await ports.requests.audit(request.partnerId, requestId, decision, `citizen:${citizenId}`);
  if (decision === 'approved') await grantStandingAccess(ports, request, now);
  // The token the decision's own write returned: a flow that stores it later finds the request
  // decided and goes on by itself.
  if (recorded.taskToken) await ports.flow.decide(recorded.taskToken, decision);
  return { status: decision };
}

async function wakeFlow(ports: DecidePorts, request: ShareRequest, decision: 'approved' | 'declined') {
  const token = await ports.requests.getTaskToken(request.partnerId, request.requestId);
  if (token) await ports.flow.decide(token, decision);
}

async function grantStandingAccess(ports: DecidePorts, request: ShareRequest, now: Date) {
  const consentId = await grantConsent(ports.consents, request, now);
  if (consentId && request.consentId !== consentId)
    await ports.requests.update(request.partnerId, request.requestId, { consentId });
}
