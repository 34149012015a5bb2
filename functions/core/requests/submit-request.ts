import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { type BarcodeRecord, classifyBarcode } from '../barcodes';
import type { DocumentType } from '../documents/document-type';
import { BarcodeInvalid, Conflict, NotFound } from '../errors';
import { requireBranch, requireOffer } from '../partners/branches';
import type { BranchStore, Partner } from '../partners/partner';
import { readGuessing, reserveGuess } from '../ratelimit/barcode-guessing';
import type { RateLimitCounterStore } from '../ratelimit/sliding-window';
import { type ConsentFlow, executionNameOf } from './consent-flow-port';
import type { AuditEntry, RequestStore } from './request-store';
import type { ShareRequest } from './share-request';

// handler --> (submitBarcodeRequest) --> barcodes, branches, rate limits, requests, consent flow

export interface SubmitPorts {
  requests: RequestStore;
  branches: BranchStore;
  rateLimits: RateLimitCounterStore;
  peekBarcode(code: string): Promise<BarcodeRecord | undefined>;
  flow: ConsentFlow;
  /** How long a barcode request waits for the citizen (5 minutes). */
  lifetimeSeconds: number;
}

export interface SubmitInput {
  requestId: string;
  branchId: string;
  offerId: string;
  barcode: string;
}

/**
 * The idempotency fingerprint of a request body: SHA-256 of its RFC 8785 canonical JSON (keys
 * sorted at every depth), so the same body in any key order matches and a nested change does not.
 */
export const hashBody = (body: object) =>
  createHash('sha256')
    .update(canonicalize(body) ?? '')
    .digest('hex');

export function submitAnswer(request: ShareRequest) {
  return { requestId: request.requestId, status: 'pending_consent' as const, expiresAt: request.expiresAt };
}

/** Idempotency: the same requestId and body answer the same again (and make sure the flow runs). */
export async function replayOrConflict(
  ports: Pick<SubmitPorts, 'flow'>,
  existing: ShareRequest,
  bodyHash: string,
  now: Date,
) {
  if (existing.bodyHash !== bodyHash) {
    throw new Conflict('This requestId was already used with a different body');
  }
  // The flow may not have started if the first call failed midway; starting it again is harmless.
  if (existing.status === 'pending_consent' || existing.status === 'approved')
    await startFlow(ports, existing, now);
  return submitAnswer(existing);
}

async function startFlow(ports: Pick<SubmitPorts, 'flow'>, request: ShareRequest, now: Date) {
  const timeoutSeconds = Math.max(1, Math.ceil((Date.parse(request.expiresAt) - now.getTime()) / 1000));
  await ports.flow.start(executionNameOf(request.partnerId, request.requestId), {
    partnerId: request.partnerId,
    requestId: request.requestId,
    timeoutSeconds,
    channel: request.channel,
  });
}

/** A new request's first steps, whatever its channel: the audit entry, then the consent flow. */
export async function announceNewRequest(
  ports: Pick<SubmitPorts, 'flow' | 'requests'>,
  request: ShareRequest,
  now: Date,
) {
  const { event, actor, details } = createdAudit(request);
  await ports.requests.audit(request.partnerId, request.requestId, event, actor, details);
  await startFlow(ports, request, now);
}

const createdAudit = (request: ShareRequest): AuditEntry => ({
  event: 'created',
  actor: `partner:${request.partnerId}`,
  details: { channel: request.channel },
});

/**
 * 1. A known requestId: same body → same answer; another body → 409.
 * 2. Refuse a guessing partner (429) and a malformed code (422).
 * 3. Branch and offer must be the partner's (404). The guess is counted before the code is looked up
 *    (429 when parallel guesses took the last slots) and given back only once the request exists:
 *    a code that is unknown, expired, replaced or of a type the offer does not ask for answers the
 *    same 404 and stays counted, and a code of another type is not used up.
 * 4. Use the code up and create the request in one transaction, then start the consent flow,
 *    named after the request so that no retry can start a second one.
 */
export async function submitBarcodeRequest(
  ports: SubmitPorts,
  partner: Partner,
  input: SubmitInput,
  now = new Date(),
) {
  const bodyHash = hashBody(input);
  // Five independent reads at once (the adapters make them one BatchGetItem), judged in the order
  // the steps above give, whichever failed first. The code is read here but looked at only once the
  // guess is counted: what a guess learns still waits for its count.
  const malformed = classifyBarcode(input.barcode) === 'malformed';
  const [existingRead, countsRead, branchRead, offerRead, codeRead] = await Promise.allSettled([
    ports.requests.get(partner.partnerId, input.requestId),
    readGuessing(ports.rateLimits, partner.partnerId, now.getTime()),
    requireBranch(ports.branches, partner.partnerId, input.branchId),
    requireOffer(ports.branches, partner.partnerId, input.branchId, input.offerId),
    malformed ? Promise.resolve(undefined) : ports.peekBarcode(input.barcode),
  ]);
  const existing = settledValue(existingRead);
  if (existing) return replayOrConflict(ports, existing, bodyHash, now);

  const counts = settledValue(countsRead);
  if (malformed) {
    throw new BarcodeInvalid('A barcode is 13 digits with a valid EAN-13 check digit');
  }
  const branch = settledValue(branchRead);
  const offer = settledValue(offerRead);
  const guess = await reserveGuess(ports.rateLimits, partner.partnerId, counts, now.getTime());
  const miss = () => new NotFound('barcode');
  const code = settledValue(codeRead);
  if (!code || Date.parse(code.expiresAt) <= now.getTime()) throw miss();
  // The code names its document's type; that it is still the document's current code (a newer one
  // replaced it otherwise) is a condition of the transaction that uses it up.
  if (!offer.documentTypes.includes(code.documentType as DocumentType)) throw miss();

  const request: ShareRequest = {
    requestId: input.requestId,
    partnerId: partner.partnerId,
    branchId: branch.branchId,
    offerId: offer.offerId,
    channel: 'barcode',
    status: 'pending_consent',
    citizenId: code.citizenId,
    docId: code.docId,
    documentTypes: offer.documentTypes,
    ...(offer.fields ? { fields: offer.fields } : {}),
    partnerName: partner.name,
    branchName: branch.name,
    branchAddress: branch.address,
    purpose: offer.purpose,
    accessDays: offer.accessDays,
    returnLink: offer.returnLink,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ports.lifetimeSeconds * 1000).toISOString(),
    bodyHash,
  };
  // The request, its audit entry and the guess given back, in one transaction.
  const outcome = await ports.requests.createConsumingBarcode(request, input.barcode, now, {
    audit: createdAudit(request),
    release: guess.counter,
  });
  if (outcome === 'barcode-gone') throw miss();
  if (outcome === 'exists') {
    await guess.release();
    const raced = await ports.requests.get(partner.partnerId, input.requestId);
    return replayOrConflict(ports, raced!, bodyHash, now);
  }
  await startFlow(ports, request, now);
  return submitAnswer(request);
}

function settledValue<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}
