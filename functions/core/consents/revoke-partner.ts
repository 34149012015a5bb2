import type { CopyRecord } from '../copies/copy-record';
import { effectiveCopyStatus } from '../copies/copy-record';
import { NotFound } from '../errors';
import { allPages, type Page, type PageRequest } from '../pagination';
import { type DecidePorts, decideRequest } from '../requests/decide-request';
import { effectiveStatus, type ShareRequest } from '../requests/share-request';
import type { ConsentStore } from './consent';

// handler / erasure --> (revokePartner) --> consents, requests, copies, packages, partner notices
// The citizen withdraws everything a partner holds: standing access ends at once, pending requests
// are declined, unexpired copies are revoked (public verification says so), the signed PDFs of the
// partner's copies and its packages are deleted (nothing waits 30 days in storage for a partner the
// citizen has withdrawn from), and the partner receives `consent.revoked` for each affected request (retried like deliveries).

export interface PartnerNotices {
  /** Sends `consent.revoked` for a request; repeating it for the same request sends nothing more. */
  consentRevoked(partnerId: string, requestId: string): Promise<void>;
}

export interface RevokePorts {
  consents: ConsentStore;
  decide: DecidePorts;
  listCitizenCopies(citizenId: string, page: PageRequest): Promise<Page<CopyRecord>>;
  revokeCopy(copyId: string): Promise<boolean>;
  deletePackage(key: string): Promise<void>;
  /** Deletes a copy's signed PDF (idempotent); its record stays, so verification says "revoked". */
  deleteCopyPdf(key: string): Promise<void>;
  notices: PartnerNotices;
}

export interface RevocationOutcome {
  consentsRevoked: number;
  requestsDeclined: number;
  copiesRevoked: number;
  partnerNotified: number;
}

/** Idempotent: a repeated revocation finds nothing new to change and notifies nobody twice. */
export async function revokePartner(
  ports: RevokePorts,
  citizenId: string,
  partnerId: string,
  now = new Date(),
): Promise<RevocationOutcome> {
  const { requests } = ports.decide;
  const consents = await ports.consents.listForCitizen(citizenId, partnerId);
  const theirs = (await allPages((page) => requests.listForCitizen(citizenId, page))).filter(
    (request) => request.partnerId === partnerId,
  );
  if (consents.length === 0 && theirs.length === 0) throw new NotFound('partner');

  const affected = new Set<string>();
  const outcome: RevocationOutcome = {
    consentsRevoked: 0,
    requestsDeclined: 0,
    copiesRevoked: 0,
    partnerNotified: 0,
  };
  for (const consent of consents) {
    if (consent.status !== 'active') continue;
    if (await ports.consents.revoke(consent, now)) outcome.consentsRevoked++;
    affected.add(consent.requestId);
  }
  for (const request of theirs) {
    const status = effectiveStatus(request, now);
    if (status === 'pending_consent') {
      await decideRequest(ports.decide, citizenId, request.requestId, 'declined', undefined, now, partnerId);
      outcome.requestsDeclined++;
    } else if (status === 'approved' || request.consentId) {
      // In flight (the flow checks revokedAt before it builds a package) or under standing access.
      affected.add(request.requestId);
    }
  }
  const copies = await allPages((page) => ports.listCitizenCopies(citizenId, page));
  for (const copy of copies) {
    if (copy.issuedTo.partnerId !== partnerId) continue;
    await ports.deleteCopyPdf(copy.pdfKey);
    if (effectiveCopyStatus(copy, now) !== 'valid') continue;
    if (await ports.revokeCopy(copy.copyId)) outcome.copiesRevoked++;
    affected.add(copy.requestId);
  }

  const byId = new Map(theirs.map((request) => [request.requestId, request]));
  for (const requestId of affected) {
    const request = byId.get(requestId) ?? (await requests.get(partnerId, requestId));
    if (!request) continue;
    await withdrawPackage(ports, request, citizenId, now);
    await ports.notices.consentRevoked(partnerId, requestId);
    outcome.partnerNotified++;
  }
  return outcome;
}

async function withdrawPackage(ports: RevokePorts, request: ShareRequest, citizenId: string, now: Date) {
  if (request.packageKey) await ports.deletePackage(request.packageKey);
  if (request.revokedAt) return;
  await ports.decide.requests.update(request.partnerId, request.requestId, { revokedAt: now.toISOString() });
  await ports.decide.requests.audit(request.partnerId, request.requestId, 'revoked', `citizen:${citizenId}`);
}
