import { createHash, randomUUID } from 'node:crypto';
import { type FieldSelection, sharedFieldsView } from '../documents/field-selection';
import { Conflict, NotFound, RateLimited } from '../errors';
import {
  countAttempt,
  type RateLimitCounterStore,
  type SlidingWindowLimit,
} from '../ratelimit/sliding-window';
import { type ConsentFlow, executionNameOf } from '../requests/consent-flow-port';
import type { RequestStore } from '../requests/request-store';
import type { ShareRequest } from '../requests/share-request';
import { checkConsentPin } from '../wallet/consent-pin';
import type { PinStore } from '../wallet/wallet';
import type { OrganisationStore } from './organisation';
import { taxIdKind } from './tax-id';

// handler --> (resolveQrCode / shareByQr) --> OrganisationStore, PIN check, requests, consent flow
// A visitor scans a poster and approves with the PIN: the request is created already approved, with
// the organisation in the partner's place (partnerId = orgId, offerId = serviceId), and the same
// consent flow issues the copies; its QR branch mails them to the branch instead of a webhook.

/** Shares per qrCode and minute: a poster hangs in public, so a script could hammer it. */
export const DEFAULT_QR_SHARE_LIMIT: SlidingWindowLimit = { limit: 30, windowSeconds: 60 };
/** An approved request does not wait; its lifetime only bounds the flow's first step. */
const QR_REQUEST_LIFETIME_SECONDS = 600;

export interface QrSharePorts {
  organisations: OrganisationStore;
  requests: RequestStore;
  pins: PinStore;
  rateLimits: RateLimitCounterStore;
  flow: ConsentFlow;
  limit: SlidingWindowLimit;
}

export async function resolveQrCode(store: OrganisationStore, qrCode: string) {
  const record = await store.findQrCode(qrCode);
  if (!record) throw new NotFound('QR code');
  const [organisation, branch, service] = await Promise.all([
    store.get(record.orgId),
    store.getBranch(record.orgId, record.branchId),
    store.getService(record.orgId, record.serviceId),
  ]);
  if (!organisation || !branch || !service) throw new NotFound('QR code');
  return { record, organisation, branch, service };
}

/**
 * A digest of what the page shows the visitor (who asks, for which documents). The page sends it back
 * with the PIN, so a share made after the owner changed the service answers 409 instead of sending
 * documents the visitor never saw asked for.
 */
export function shownVersion(view: {
  organisation: { name: string };
  branch: { name: string; address: string };
  service: { name: string };
  documentTypes: readonly string[];
  fields?: FieldSelection;
}): string {
  const shown = [
    view.organisation.name,
    view.branch.name,
    view.branch.address,
    view.service.name,
    [...view.documentTypes].sort(),
    ...(view.fields ? [view.fields] : []),
  ];
  return createHash('sha256').update(JSON.stringify(shown)).digest('base64url').slice(0, 22);
}

/**
 * What anyone who scans the poster may see: who asks for what. Never the branch's e-mail, and a tax
 * id only for a legal entity (EDRPOU): a sole trader's tax id is their personal RNOKPP.
 */
export function publicQrView(
  resolved: Pick<Awaited<ReturnType<typeof resolveQrCode>>, 'organisation' | 'branch' | 'service'>,
) {
  const { organisation, branch, service } = resolved;
  const view = {
    organisation: {
      name: organisation.name,
      ...(taxIdKind(organisation.taxId) === 'edrpou' ? { taxId: organisation.taxId } : {}),
    },
    branch: { name: branch.name, address: branch.address },
    service: { name: service.name },
    documentTypes: service.documentTypes,
    ...(service.fields ? { fields: service.fields } : {}),
    sharedFields: sharedFieldsView(service.documentTypes, service.fields),
    acceptsShares: organisation.status === 'active' && branch.emailStatus === 'verified',
  };
  return { ...view, version: shownVersion(view) };
}

async function countShare(ports: QrSharePorts, qrCode: string, nowMs: number) {
  const subject = `qr-share#${qrCode}`;
  await countAttempt(ports.rateLimits, subject, nowMs, ports.limit, (wait) => new RateLimited(wait));
}

/**
 * 1. The code must exist (404); every attempt on it counts against its rate limit (429).
 * 2. The branch must have a verified e-mail (409): the copies would have nowhere safe to go.
 * 3. The consent PIN (403 pin_invalid / 423 pin_locked), as for any approval.
 * 4. Create the request as approved, audit it, start the consent flow (named after the request).
 */
export async function shareByQr(
  ports: QrSharePorts,
  citizenId: string,
  qrCode: string,
  pin: string,
  now = new Date(),
  shown?: string,
) {
  const resolved = await resolveQrCode(ports.organisations, qrCode);
  await countShare(ports, qrCode, now.getTime());
  const { organisation, branch, service } = resolved;
  if (shown !== undefined && shown !== publicQrView(resolved).version) {
    throw new Conflict(
      'What this QR code asks for changed since it was shown; look at it again before sharing',
    );
  }
  if (organisation.status !== 'active') throw new Conflict('This organisation cannot receive copies yet');
  if (branch.emailStatus !== 'verified') {
    throw new Conflict(
      branch.emailStatus === 'undeliverable'
        ? 'This branch’s e-mail address does not accept mail; the organisation must fix it before it can receive copies'
        : 'This branch has not verified its e-mail address yet, so it cannot receive copies',
    );
  }
  await checkConsentPin(ports.pins, citizenId, pin, now);

  const at = now.toISOString();
  const request: ShareRequest = {
    requestId: randomUUID(),
    partnerId: organisation.orgId,
    branchId: branch.branchId,
    offerId: service.serviceId,
    channel: 'qr',
    status: 'approved',
    citizenId,
    documentTypes: service.documentTypes,
    ...(service.fields ? { fields: service.fields } : {}),
    partnerName: organisation.name,
    branchName: branch.name,
    branchAddress: branch.address,
    purpose: service.name,
    accessDays: 0,
    createdAt: at,
    decidedAt: at,
    expiresAt: new Date(now.getTime() + QR_REQUEST_LIFETIME_SECONDS * 1000).toISOString(),
    bodyHash: createHash('sha256').update(qrCode).digest('hex'),
  };
  await ports.requests.create(request);
  await ports.requests.audit(request.partnerId, request.requestId, 'created', `citizen:${citizenId}`, {
    channel: 'qr',
  });
  await ports.requests.audit(request.partnerId, request.requestId, 'approved', `citizen:${citizenId}`);
  await ports.flow.start(executionNameOf(request.partnerId, request.requestId), {
    partnerId: request.partnerId,
    requestId: request.requestId,
    timeoutSeconds: QR_REQUEST_LIFETIME_SECONDS,
    channel: 'qr',
  });
  return { requestId: request.requestId };
}
