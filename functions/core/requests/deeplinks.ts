import { createHash, randomBytes } from 'node:crypto';
import { Conflict, Gone, NotFound } from '../errors';
import { requireBranch, requireOffer } from '../partners/branches';
import type { BranchStore, Partner } from '../partners/partner';
import type { ConsentFlow } from './consent-flow-port';
import type { RequestStore } from './request-store';
import { effectiveStatus, type ShareRequest } from './share-request';
import { announceNewRequest, hashBody, replayOrConflict } from './submit-request';

// F2, online sharing: the partner shows a deep link (as a QR); the first citizen who opens it
// owns the request, then approves it like any other. The link's token is unguessable (256 bits)
// and looked up by its hash; the table never holds the token itself. It is a MAC (under a key only
// KMS holds) of the request and a random nonce, so a replayed call can recompute the same link.

export const DEEPLINK_LIFETIME_SECONDS = 600;

export interface DeeplinkPorts {
  requests: RequestStore;
  branches: BranchStore;
  flow: ConsentFlow;
  publicBaseUrl: string;
  renderQrSvg(text: string): Promise<string>;
  /** A keyed MAC of `message` (KMS GenerateMac): the token cannot be recomputed from the table. */
  mac(message: string): Promise<Buffer>;
  /** Seconds a link waits to be opened and decided; DEEPLINK_LIFETIME_SECONDS unless configured. */
  lifetimeSeconds?: number;
}

type StoredDeeplinkRequest = ShareRequest & { deeplinkNonce?: string };

export const tokenHashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A 6-digit code of one deep-link request, shown by the partner to its user and by docshare on the
 * consent screen: a citizen sent someone else's link (a relayed phishing link) sees a code their
 * partner never showed them. Derived from the request's random nonce; it is not a secret.
 */
export function sessionCodeOf(request: { requestId: string; deeplinkNonce?: string }): string {
  const seed = request.deeplinkNonce ?? request.requestId;
  const digest = createHash('sha256').update(`session-code\n${seed}`).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export async function createDeeplink(
  ports: DeeplinkPorts,
  partner: Partner,
  input: { branchId: string; offerId: string; requestId: string; returnLink?: string },
  now = new Date(),
) {
  const bodyHash = hashBody({ ...input, kind: 'deeplink' });
  const tokenOf = async (request: StoredDeeplinkRequest) =>
    (await ports.mac(`${request.partnerId}\n${request.requestId}\n${request.deeplinkNonce}`)).toString(
      'base64url',
    );
  const answer = async (request: StoredDeeplinkRequest, token: string) => {
    const deeplink = `${ports.publicBaseUrl.replace(/\/$/, '')}/d/${token}`;
    return {
      requestId: request.requestId,
      deeplink,
      qrSvg: await ports.renderQrSvg(deeplink),
      expiresAt: request.expiresAt,
      sessionCode: sessionCodeOf(request),
    };
  };
  /** Writes the link's pointer (an unconditional put: writing it again is harmless) and its token. */
  const publish = async (request: StoredDeeplinkRequest) => {
    const token = await tokenOf(request);
    await ports.requests.putDeeplink(
      tokenHashOf(token),
      request.partnerId,
      request.requestId,
      request.expiresAt,
    );
    return token;
  };
  // A replay answers the same link, and writes its pointer again: the first attempt may have stopped
  // (or timed out on its side) after creating the request and before the pointer existed.
  const replay = async (stored: StoredDeeplinkRequest) => {
    await replayOrConflict(ports, stored, bodyHash, now);
    return answer(stored, await publish(stored));
  };
  const existing = await ports.requests.get(partner.partnerId, input.requestId);
  if (existing) return replay(existing);
  const branch = await requireBranch(ports.branches, partner.partnerId, input.branchId);
  const offer = await requireOffer(ports.branches, partner.partnerId, input.branchId, input.offerId);
  const request: ShareRequest & { deeplinkNonce: string } = {
    requestId: input.requestId,
    partnerId: partner.partnerId,
    branchId: branch.branchId,
    offerId: offer.offerId,
    channel: 'deeplink',
    status: 'pending_consent',
    documentTypes: offer.documentTypes,
    ...(offer.fields ? { fields: offer.fields } : {}),
    partnerName: partner.name,
    branchName: branch.name,
    branchAddress: branch.address,
    purpose: offer.purpose,
    accessDays: offer.accessDays,
    returnLink: input.returnLink ?? offer.returnLink,
    createdAt: now.toISOString(),
    expiresAt: new Date(
      now.getTime() + (ports.lifetimeSeconds ?? DEEPLINK_LIFETIME_SECONDS) * 1000,
    ).toISOString(),
    bodyHash,
    deeplinkNonce: randomBytes(16).toString('base64url'),
  };
  if ((await ports.requests.create(request)) === 'exists') {
    return replay((await ports.requests.get(partner.partnerId, input.requestId))!);
  }
  const token = await publish(request);
  await announceNewRequest(ports, request, now);
  return answer(request, token);
}

/** Opens a deep link: binds its request to this citizen (the first one), or refuses. */
export async function openDeeplink(
  requests: RequestStore,
  citizenId: string,
  token: string,
  now = new Date(),
) {
  const pointer = await requests.findDeeplink(tokenHashOf(token));
  if (!pointer) throw new NotFound('deep link');
  const request = await requests.get(pointer.partnerId, pointer.requestId);
  if (!request) throw new NotFound('deep link');
  if (request.citizenId && request.citizenId !== citizenId)
    throw new Conflict('This link was already opened by someone else');
  const status = effectiveStatus(request, now);
  if (!request.citizenId && status !== 'pending_consent') throw new Gone(`The link is ${status}`);
  if (!(await requests.bindCitizen(request.partnerId, request.requestId, citizenId, request.createdAt))) {
    throw new Conflict('This link was already opened by someone else');
  }
  if (!request.citizenId) {
    await requests.audit(request.partnerId, request.requestId, 'opened', `citizen:${citizenId}`);
  }
  return { ...request, citizenId };
}
